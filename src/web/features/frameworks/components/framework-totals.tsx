import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { FrameworkDefinition } from '../../../types/index.js';
import { pointTotals } from './framework-draft.js';
import styles from './framework-editor.module.css';

/**
 * Points per field and overall. The overall total must equal the framework's `totalPoints` (100): it says so in
 * words and with ✔/✖, not by colour alone, and the server's own message about the total is shown under it.
 */
export function FrameworkTotals({ definition, serverErrors }: { definition: FrameworkDefinition; serverErrors: string[] }) {
  const { t, i18n } = useTranslation();
  const { byField, total } = pointTotals(definition);
  const ok = Math.abs(total - definition.totalPoints) < 1e-9;
  return (
    <ul className={styles.totals} aria-label={t('framework.totals.label')} aria-live="polite">
      <li className={`${styles.total} ${ok ? styles.totalOk : styles.totalBad}`}>
        <span className={styles.totalLabel}>{t('framework.totals.overall')}</span>
        <span className={styles.totalValue}>
          {t('framework.totals.points', { points: formatNumber(total) })}
          <span className={styles.totalLabel}> / {formatNumber(definition.totalPoints)}</span>
        </span>
        <span className={styles.totalNote}>
          <span aria-hidden="true">{ok ? '✔ ' : '✖ '}</span>
          {ok
            ? t('framework.totals.ok')
            : t('framework.totals.bad', {
                diff: formatNumber(Math.abs(total - definition.totalPoints)),
                direction: t(total > definition.totalPoints ? 'framework.totals.over' : 'framework.totals.under'),
              })}
        </span>
        {serverErrors.map((message) => (
          <span key={message} className={styles.totalNote} role="alert">
            ⚠ {message}
          </span>
        ))}
      </li>
      {definition.fields.map((field) => (
        <li key={field.code} className={styles.total}>
          <span className={styles.totalLabel}>
            {field.code} · {localized(field.name, i18n.language)}
          </span>
          <span className={styles.totalValue}>{t('framework.totals.points', { points: formatNumber(byField.get(field.code) ?? 0) })}</span>
          <span className={styles.totalLabel}>
            {t('framework.totals.indicatorCount', { count: definition.indicators.filter((i) => i.field === field.code).length })}
          </span>
        </li>
      ))}
    </ul>
  );
}
