import { useTranslation } from 'react-i18next';
import { AwardBadge } from '../../../components/ui/badge.js';
import { RankChange } from '../../../components/ui/rank-change.js';
import type { TierDisplay } from '../../../lib/award-tiers.js';
import { formatNumber, formatScore } from '../../../lib/format.js';
import type { Scorecard } from '../../../types/index.js';
import styles from './scorecard-summary.module.css';

interface ScorecardSummaryProps {
  scorecard: Scorecard;
  tier: TierDisplay | null;
  /** How many units were ranked in the cycle, when known. */
  unitCount: number | null;
}

/** Total score, rank with its change since last year, award, prize money (won) and adjustments. */
export function ScorecardSummary({ scorecard, tier, unitCount }: ScorecardSummaryProps) {
  const { t } = useTranslation();
  const previous = scorecard.trend.filter((point) => point.year < scorecard.year).sort((a, b) => b.year - a.year)[0];
  return (
    <dl className={styles.stats}>
      <div className={`${styles.stat} ${styles.primary}`}>
        <dt>{t('scorecard.totalScore')}</dt>
        <dd>{formatScore(scorecard.score)}</dd>
      </div>
      <div className={styles.stat}>
        <dt>{t('scorecard.rank')}</dt>
        <dd>
          {t('common.rankUnit', { rank: scorecard.rank })}
          <span className={styles.sub}>
            {unitCount !== null && `${t('scorecard.rankOf', { count: unitCount })} · `}
            {t('scorecard.movementFromLastYear')} <RankChange previousRank={previous?.rank ?? null} rank={scorecard.rank} />
          </span>
        </dd>
      </div>
      <div className={styles.stat}>
        <dt>{t('scorecard.awardTier')}</dt>
        <dd className={styles.small}>{tier === null ? t('common.none') : <AwardBadge {...tier} />}</dd>
      </div>
      <div className={styles.stat}>
        <dt>{t('scorecardMore.prize')}</dt>
        <dd className={styles.small}>
          {scorecard.prize > 0 ? t('scorecardMore.prizeValue', { amount: formatNumber(scorecard.prize) }) : t('scorecardMore.prizeNone')}
        </dd>
      </div>
      <div className={styles.stat}>
        <dt>{t('scorecard.adjustments')}</dt>
        <dd className={styles.small}>
          {t('scorecard.adjustmentsValue', {
            bonus: formatScore(scorecard.bonus, 1),
            penalty: formatScore(Math.abs(scorecard.penalty), 1),
            // A zero penalty reads "감점 0.0", not "감점 −0.0".
            penaltySign: scorecard.penalty === 0 ? '' : '−',
          })}
        </dd>
      </div>
    </dl>
  );
}
