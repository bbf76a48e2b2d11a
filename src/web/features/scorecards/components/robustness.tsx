import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { CycleResults, Scorecard } from '../../../types/index.js';
import styles from './charts.module.css';

interface RobustnessProps {
  scorecard: Scorecard;
  /** The cycle's award tiers, best first (from its results), for the names and their order. */
  tiers: CycleResults['tiers'];
}

/**
 * The rank's robustness in one plain sentence: its 5th–95th percentile range over the Monte Carlo runs stored with
 * the published run, and the chance of the district's own award tier or better (of any award when it won none),
 * with a short note on what that means.
 */
export function Robustness({ scorecard, tiers }: RobustnessProps) {
  const { t, i18n } = useTranslation();
  const r = scorecard.robustness;
  if (r === null || r.rankP5 === null || r.rankP95 === null) return <p>{t('scorecardMore.robustnessMissing')}</p>;
  const own = tiers.findIndex((tier) => tier.code === scorecard.awardTier);
  // Tier probabilities are per tier (exactly that tier); "or better" adds the tiers above it.
  const reach = own >= 0 ? tiers.slice(0, own + 1) : tiers;
  const probability = r.tierProbability === null ? null : reach.reduce((sum, tier) => sum + (r.tierProbability?.[tier.code] ?? 0), 0);
  const values = {
    runs: formatNumber(r.runs),
    low: r.rankP5,
    high: r.rankP95,
    percent: probability === null ? '' : formatNumber(Math.round(probability * 100)),
    tier: own >= 0 ? localized(tiers[own]!.name, i18n.language) : '',
  };
  const key =
    probability === null || tiers.length === 0
      ? 'scorecardMore.robustnessSentenceNoAwards'
      : own < 0
        ? 'scorecardMore.robustnessSentenceNoTier'
        : r.rankP5 === r.rankP95
          ? 'scorecardMore.robustnessSentenceSame'
          : 'scorecardMore.robustnessSentence';
  return (
    <>
      <p className={styles.robustness} data-testid="robustness-sentence">
        {t(key, values)}
      </p>
      <p className={styles.description}>{t('scorecardMore.robustnessNote', { noise: formatNumber(Math.round(r.noise * 100)) })}</p>
    </>
  );
}
