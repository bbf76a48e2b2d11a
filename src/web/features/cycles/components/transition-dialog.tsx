import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { CheckboxField, TextAreaField } from '../../../components/ui/form-field.js';
import { localized } from '../../../lib/localized.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { CycleDetail, CycleStage } from '../../../types/index.js';
import { useTransitionCycle } from '../api/transition-cycle.js';
import { BlockingTable } from './blocking-list.js';
import styles from './transition-dialog.module.css';

/** What moving into a stage does besides changing the label; shown before the admin confirms. */
const effects: Partial<Record<CycleStage, 'open' | 'objections' | 'published' | 'provisional'>> = {
  open: 'open',
  provisional: 'provisional',
  objections: 'objections',
  published: 'published',
};

interface TransitionDialogProps {
  cycle: CycleDetail;
  open: boolean;
  onClose: () => void;
  onDone: (stage: CycleStage) => void;
}

/**
 * Confirms moving the cycle to its next stage. Blockers come from the server: hard ones stop the move; overridable
 * ones need the override box and a reason, which the server checks (its message appears at the reason field).
 */
export function TransitionDialog({ cycle, open, onClose, onDone }: TransitionDialogProps) {
  const { t, i18n } = useTranslation();
  const transition = useTransitionCycle(cycle.year);
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  const alertRef = useRef<HTMLDivElement>(null);
  const next = cycle.next;

  const hard = cycle.blockers.filter((b) => !b.overridable);
  const soft = cycle.blockers.filter((b) => b.overridable);
  const problem = transition.error instanceof ApiError ? transition.error : null;
  const reasonError = problem?.fieldError('body.reason') ?? problem?.fieldError('reason');
  const stale = problem?.code === 'stale_version';
  const formError = transition.isError && reasonError === undefined;

  function close() {
    transition.reset();
    setOverride(false);
    setReason('');
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (next === null) return;
    transition.mutate(
      {
        to: next,
        version: cycle.version,
        ...(soft.length > 0 ? { override, reason: reason.trim() === '' ? null : reason.trim() } : {}),
      },
      {
        onSuccess: () => {
          close();
          onDone(next);
        },
        onError: (error) =>
          requestAnimationFrame(() => {
            // A missing reason is answered at the reason field; anything else above the form.
            if (error instanceof ApiError && error.fieldError('body.reason') !== undefined) {
              document.querySelector<HTMLTextAreaElement>('#transition-form textarea')?.focus();
            } else alertRef.current?.focus();
          }),
      },
    );
  }

  if (next === null) return null;
  const effect = effects[next];
  const canSubmit = hard.length === 0 && (soft.length === 0 || override) && !transition.isPending;

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('cycles.transition.title')}
      footer={
        <>
          <Button variant="tertiary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form="transition-form" disabled={!canSubmit}>
            {transition.isPending ? t('common.working') : t('cycles.transition.confirm', { stage: t(`stages.${next}`) })}
          </Button>
        </>
      }
    >
      <form id="transition-form" onSubmit={submit} noValidate>
        <p className={styles.route}>
          <span className={styles.stage}>{t(`stages.${cycle.status}`)}</span>
          <span aria-hidden="true">→</span>
          <span className="visually-hidden">{t('cycles.transition.to')}</span>
          <span className={`${styles.stage} ${styles.nextStage}`}>{t(`stages.${next}`)}</span>
        </p>

        {formError && (
          <Alert ref={alertRef} tone="danger" role="alert" title={stale ? t('cycles.transition.staleTitle') : (problem?.title ?? t('errors.heading'))}>
            <p>{stale ? t('cycles.transition.staleText') : (problem?.detail ?? t('errors.generic'))}</p>
          </Alert>
        )}

        {effect !== undefined && <p>{t(`cycles.transition.effects.${effect}`)}</p>}

        {cycle.blockers.length === 0 ? (
          <Alert tone="success">{t('cycles.transition.noBlockers')}</Alert>
        ) : (
          <>
            <h3>{t('cycles.transition.blockersHeading')}</h3>
            <ul className={styles.blockers}>
              {[...hard, ...soft].map((b) => (
                <li key={b.code} className={`${styles.blocker} ${b.overridable ? styles.soft : styles.hard}`}>
                  <span className={styles.blockerIcon} aria-hidden="true">
                    {b.overridable ? '⚠' : '✖'}
                  </span>
                  <span>
                    <span className={styles.kind}>{t(b.overridable ? 'cycles.transition.overridable' : 'cycles.transition.hard')}</span>
                    {localized(b.message, i18n.language)}
                    {b.blocking !== null && b.blocking.total > 0 && <BlockingTable list={b.blocking} caption={localized(b.message, i18n.language)} />}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}

        {hard.length === 0 && soft.length > 0 && (
          <div className={styles.override}>
            <CheckboxField label={t('cycles.transition.overrideLabel')} checked={override} onChange={(event) => setOverride(event.target.checked)} />
            <TextAreaField
              label={t('cycles.transition.reasonLabel')}
              hint={t('cycles.transition.reasonHint')}
              error={reasonError}
              value={reason}
              disabled={!override}
              maxLength={2000}
              rows={3}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
        )}
      </form>
    </Dialog>
  );
}
