import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { ItemStatus, MatrixCell, VerificationMatrix } from '../../../types/index.js';
import styles from './verification-matrix.module.css';
import { ClockIcon } from '../../../components/ui/icons.js';

const statuses: ItemStatus[] = ['not_started', 'draft', 'submitted', 'approved', 'returned', 'verified'];

/** A symbol per status, so that the matrix reads without colour (and in print). */
const symbols: Record<ItemStatus, string> = {
  not_started: '·',
  draft: '✎',
  submitted: '↑',
  approved: '☑',
  returned: '↩',
  verified: '✔',
};

/**
 * The districts × indicators progress matrix: each cell shows the item's status by colour and symbol, with ! for an
 * outlier flag, a clock for late submission and ↻ for records changed after submission; screen readers hear the same
 * in words.
 */
export function VerificationMatrixTable({ matrix }: { matrix: VerificationMatrix }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const cellCount = matrix.districts.length * matrix.indicators.length;

  const describe = (cell: MatrixCell | null): string => {
    const parts = [t(`cycles.matrix.status.${cell?.status ?? 'not_started'}`)];
    if (cell !== null && cell.flags.length > 0) parts.push(t('cycles.matrix.flagged'));
    if (cell?.late === true) parts.push(t('cycles.matrix.late'));
    if (cell?.changed === true) parts.push(t('verification.grid.changed'));
    return parts.join(', ');
  };

  return (
    <>
      <ul className={styles.summary} aria-label={t('cycles.matrix.summaryLabel')}>
        {statuses.map((status) => (
          <li key={status}>
            <span className={`${styles.cell} ${styles[status]}`} aria-hidden="true">
              {symbols[status]}
            </span>
            {t(`cycles.matrix.status.${status}`)} <strong>{formatNumber(matrix.totals[status])}</strong>
          </li>
        ))}
        <li>
          <span aria-hidden="true">!</span> {t('cycles.matrix.flagged')} <strong>{formatNumber(matrix.flagged)}</strong>
        </li>
        <li>
          <ClockIcon /> {t('cycles.matrix.late')} <strong>{formatNumber(matrix.late)}</strong>
        </li>
      </ul>
      <p className="visually-hidden">{t('cycles.matrix.legendText')}</p>
      <div className={styles.scroll} tabIndex={0} role="region" aria-label={t('cycles.matrix.caption', { count: cellCount })}>
        <table className={styles.table}>
          <caption className="visually-hidden">{t('cycles.matrix.caption', { count: cellCount })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cycles.matrix.district')}</th>
              {matrix.indicators.map((indicator) => (
                <th key={indicator.code} scope="col" title={localized(indicator.name, language)}>
                  <abbr title={localized(indicator.name, language)}>{indicator.code}</abbr>
                </th>
              ))}
              <th scope="col">{t('cycles.matrix.verifiedShare')}</th>
            </tr>
          </thead>
          <tbody>
            {matrix.districts.map((district) => {
              const verified = district.cells.filter((c) => c?.status === 'verified').length;
              return (
                <tr key={district.code}>
                  <th scope="row">{district.name}</th>
                  {district.cells.map((cell, index) => {
                    const status = cell?.status ?? 'not_started';
                    const label = describe(cell);
                    const indicator = matrix.indicators[index];
                    return (
                      <td key={indicator?.code ?? index}>
                        <span className={`${styles.cell} ${styles[status]}`} title={`${district.name} · ${indicator?.code ?? ''}: ${label}`}>
                          <span aria-hidden="true">{symbols[status]}</span>
                          <span className="visually-hidden">{label}</span>
                          {cell !== null && (cell.flags.length > 0 || cell.late || cell.changed) && (
                            <span className={styles.marks} aria-hidden="true">
                              {cell.flags.length > 0 && <span className={styles.flag}>!</span>}
                              {cell.late && (
                                <span className={styles.late}>
                                  <ClockIcon />
                                </span>
                              )}
                              {cell.changed && <span className={styles.late}>↻</span>}
                            </span>
                          )}
                        </span>
                      </td>
                    );
                  })}
                  <td className={styles.progressCell}>
                    {verified}/{district.cells.length}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
