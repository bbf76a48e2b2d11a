import { useTranslation } from 'react-i18next';
import { formatScore } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { ProvisionalResults } from '../../../types/index.js';
import tableStyles from '../../../components/ui/table.module.css';
import styles from './objections.module.css';

/** Every district's provisional score and rank; the reader's own district is marked. */
export function ProvisionalRanking({ results, own }: { results: ProvisionalResults; own: string[] }) {
  const { t, i18n } = useTranslation();
  const tierName = (code: string | null) => {
    const tier = results.tiers.find((x) => x.code === code);
    return tier === undefined ? '–' : localized(tier.name, i18n.language);
  };
  const units = [...results.units].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
  return (
    <div
      className={`${tableStyles.scroll} ${styles.tallScroll}`}
      tabIndex={0}
      role="region"
      aria-label={t('objections.ranking.caption', { year: results.year })}
    >
      <table className={tableStyles.table}>
        <caption className="visually-hidden">{t('objections.ranking.caption', { year: results.year })}</caption>
        <thead>
          <tr>
            <th scope="col" className={tableStyles.num}>
              {t('objections.ranking.rank')}
            </th>
            <th scope="col">{t('objections.ranking.district')}</th>
            <th scope="col" className={tableStyles.num}>
              {t('objections.ranking.score')}
            </th>
            <th scope="col">{t('objections.ranking.tier')}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((unit) => {
            const mine = own.includes(unit.code);
            return (
              <tr key={unit.code} className={mine ? styles.own : undefined}>
                <td className={tableStyles.num}>{unit.rank ?? '–'}</td>
                <th scope="row">
                  {unit.name}
                  {mine && <span className={styles.ownTag}> {t('objections.ranking.own')}</span>}
                </th>
                <td className={tableStyles.num}>{formatScore(unit.score)}</td>
                <td>{tierName(unit.awardTier)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
