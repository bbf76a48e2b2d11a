import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '../../../config/paths.js';
import { AwardBadge } from '../../../components/ui/badge.js';
import { formatNumber, formatScore } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { CycleResults } from '../../../types/index.js';
import styles from './results-summary.module.css';

/** Key figures of a cycle: who came first, how many units, the average score. */
export function ResultsStats({ results }: { results: CycleResults }) {
  const { t } = useTranslation();
  const first = results.units.filter((u) => u.rank === 1);
  const scored = results.units.flatMap((u) => (u.score === null ? [] : [u.score]));
  const average = scored.length === 0 ? null : scored.reduce((sum, score) => sum + score, 0) / scored.length;
  return (
    <dl className={styles.stats}>
      <div className={styles.stat}>
        <dt>{t('results.topDistrict')}</dt>
        <dd>
          {first.map((u) => u.name).join(', ') || t('common.none')}
          {first[0] !== undefined && <span className={styles.sub}>{t('common.scoreUnit', { score: formatScore(first[0].score) })}</span>}
        </dd>
      </div>
      <div className={styles.stat}>
        <dt>{t('results.districtCount')}</dt>
        <dd>{t('results.districtCountValue', { count: results.units.length })}</dd>
      </div>
      <div className={styles.stat}>
        <dt>{t('results.averageScore')}</dt>
        <dd>{t('common.scoreUnit', { score: formatScore(average) })}</dd>
      </div>
    </dl>
  );
}

/** Each award tier of the cycle with the districts that won it, best rank first. */
export function AwardTierList({ results }: { results: CycleResults }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <ul className={styles.tiers}>
        {results.tiers.map((tier, level) => {
          const winners = results.units
            .filter((u) => u.awardTier === tier.code)
            .sort((a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY));
          return (
            <li key={tier.code} className={styles.tier}>
              <AwardBadge label={localized(tier.name, i18n.language)} level={level} />
              {tier.prizeEach > 0 && <span className={styles.empty}>{t('scorecardMore.prizeEach', { amount: formatNumber(tier.prizeEach) })}</span>}
              {winners.length === 0 ? (
                <span className={styles.empty}>{t('results.noAwardees')}</span>
              ) : (
                <ul className={styles.districts}>
                  {winners.map((u) => (
                    <li key={u.code}>
                      <Link to={paths.scorecard(results.year, u.code)}>{u.name}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {results.prizeTotal > 0 && <p className={styles.empty}>{t('scorecardMore.prizeTotal', { amount: formatNumber(results.prizeTotal) })}</p>}
    </>
  );
}
