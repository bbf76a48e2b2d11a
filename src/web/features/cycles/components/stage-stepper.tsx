import { useTranslation } from 'react-i18next';
import { formatNumericDateTime } from '../../../lib/format.js';
import { cycleStages } from '../../../types/index.js';
import type { CycleDetail } from '../../../types/index.js';
import styles from './stage-stepper.module.css';

/**
 * The nine stages of the cycle in order: done ✓, current (highlighted, `aria-current="step"`) and to come, each
 * with its deadline. State is given in words as well as by colour and marker.
 */
export function StageStepper({ cycle, now = Date.now() }: { cycle: CycleDetail; now?: number }) {
  const { t, i18n } = useTranslation();
  const currentIndex = cycleStages.indexOf(cycle.status);
  const deadlines = new Map(cycle.deadlines.map((d) => [d.stage, d.dueAt]));

  return (
    <ol className={styles.stepper} aria-label={t('cycles.stepperLabel')}>
      {cycleStages.map((stage, index) => {
        const state = index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'upcoming';
        const dueAt = deadlines.get(stage);
        const overdue = dueAt !== undefined && state !== 'done' && new Date(dueAt).getTime() < now;
        return (
          <li
            key={stage}
            className={`${styles.step} ${state === 'done' ? styles.done : ''} ${state === 'current' ? styles.current : ''}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className={styles.marker} aria-hidden="true">
              {state === 'done' ? '✓' : index + 1}
            </span>
            <span className={styles.name}>{t(`stages.${stage}`)}</span>
            <span className={styles.state}>{t(`cycles.stepState.${state}`)}</span>
            {dueAt !== undefined && (
              <span className={`${styles.deadline} ${overdue ? styles.overdue : ''}`}>
                <span>
                  {overdue && <span aria-hidden="true">⚠ </span>}
                  {t(overdue ? 'cycles.deadlinePassed' : 'cycles.deadline')}
                </span>
                <span>{formatNumericDateTime(dueAt, i18n.language)}</span>
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
