import { useTranslation } from 'react-i18next';
import tableStyles from '../../../components/ui/table.module.css';
import { formatNumber } from '../../../lib/format.js';
import type { AdjustmentPage } from '../../../types/index.js';
import styles from './adjustments.module.css';

export const signed = (p: number) => (p > 0 ? `+${formatNumber(p)}` : p < 0 ? `−${formatNumber(-p)}` : '0');

/** Each district's confirmed bonus and penalty against the caps, what waits for confirmation, and what the score gets. */
export function AdjustmentTotals({ page }: { page: AdjustmentPage }) {
  const { t } = useTranslation();
  return (
    <div className={tableStyles.scroll}>
      <table className={tableStyles.table}>
        <caption className="visually-hidden">{t('adjustments.totals.caption', { year: page.year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('adjustments.totals.district')}</th>
            <th scope="col" className={tableStyles.num}>
              {t('adjustments.totals.bonus')} {page.bonusCap === null ? '' : `(≤ +${page.bonusCap})`}
            </th>
            <th scope="col" className={tableStyles.num}>
              {t('adjustments.totals.penalty')} {page.penaltyCap === null ? '' : `(≥ −${page.penaltyCap})`}
            </th>
            <th scope="col" className={tableStyles.num}>
              {t('adjustments.totals.pending')}
            </th>
            <th scope="col" className={tableStyles.num}>
              {t('adjustments.totals.applied')}
            </th>
          </tr>
        </thead>
        <tbody>
          {page.districts.map((d) => {
            const cut = d.bonus - d.appliedBonus + (d.penalty - d.appliedPenalty);
            const pending = [d.pendingBonus, d.pendingPenalty].filter((p) => p !== 0).map(signed);
            return (
              <tr key={d.code}>
                <th scope="row">{d.name}</th>
                <td className={`${tableStyles.num} ${d.bonus > 0 ? styles.bonus : ''}`}>{signed(d.bonus)}</td>
                <td className={`${tableStyles.num} ${d.penalty < 0 ? styles.penalty : ''}`}>{signed(d.penalty)}</td>
                <td className={tableStyles.num}>{pending.length === 0 ? '–' : pending.join(' / ')}</td>
                <td className={tableStyles.num}>
                  <strong>{signed(d.net)}</strong>
                  {Math.abs(cut) > 1e-9 && (
                    <span className={styles.meta}>
                      {' '}
                      ({t('adjustments.totals.overCap')} {signed(cut)})
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
