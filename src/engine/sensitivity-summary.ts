/**
 * From the merged tallies of a sensitivity analysis to its per-unit results: nominal rank, median and 5th–95th
 * percentile rank, mean and standard deviation of the top score, probability of each award tier.
 */
import { ENGINE_VERSION } from './engine-version.js';
import type { SensitivityAggregation, SensitivityNormalisation } from './sensitivity-options.js';
import type { SensitivityPlan, SensitivityTier } from './sensitivity-plan.js';
import type { SensitivityTally } from './sensitivity-runs.js';

/** Sensitivity of one unit's rank and score. Ranks: 1 = best; percentiles by the nearest-rank method. */
export interface UnitSensitivity {
  readonly uCode: string;
  readonly uName: string;
  /** Rank and top score with the nominal weights, normalisation and aggregation (as `score`). */
  readonly nominalRank: number | null;
  readonly nominalScore: number | null;
  /** Nearest-rank 50th, 5th and 95th percentiles of the unit's rank over the runs in which it had one. */
  readonly medianRank: number | null;
  readonly rankP5: number | null;
  readonly rankP95: number | null;
  /** Mean and sample standard deviation (n − 1) of the top score over the runs in which it had one. */
  readonly meanScore: number | null;
  readonly sdScore: number | null;
  /** Runs in which the unit had a top score. */
  readonly scoredRuns: number;
  /** With awards: the non-stackable tier won with the nominal scores. */
  readonly nominalTier: string | null;
  /** With awards: share of runs in which the unit won each tier (tier order); null without awards. */
  readonly tierProbability: Readonly<Record<string, number>> | null;
}

/** Every run's ranks (0 = none) and top scores (NaN = none), run-major: `ranks[run * units.length + u]`. */
export interface SensitivitySamples {
  /** Unit codes in sample order (the model's unit order). */
  readonly units: readonly string[];
  readonly ranks: Int32Array;
  readonly scores: Float64Array;
}

/** Result of {@link sensitivity}; its JSON form (without `samples`) is byte-identical for the same input and seed. */
export interface SensitivityResult {
  readonly engineVersion: string;
  readonly inputHash: string;
  readonly runs: number;
  readonly seed: number;
  readonly noise: number;
  readonly normalisations: readonly SensitivityNormalisation[];
  readonly aggregations: readonly SensitivityAggregation[];
  /** How percentiles are taken: `nearest-rank` (the ⌈p/100 · n⌉-th smallest sample). */
  readonly percentileMethod: 'nearest-rank';
  /** Runs in which some cell could not be aggregated (e.g. missing under the `error` policy); those units have no rank in that run. */
  readonly failedRuns: number;
  /** Award tiers, in order; null without awards. */
  readonly tiers: readonly SensitivityTier[] | null;
  /** Sorted by nominal rank (none last), then uCode. */
  readonly units: readonly UnitSensitivity[];
  /** Only with `keepSamples`. */
  readonly samples?: SensitivitySamples;
}

/**
 * Nearest-rank percentile of integer samples given as counts: the smallest value v with
 * `#{samples ≤ v} ≥ ⌈p/100 · n⌉` (n = number of samples), i.e. the inverse of the empirical distribution function
 * (Hyndman & Fan type 1, R `quantile(x, p / 100, type = 1)`). Interpolating definitions are not used: a rank
 * must stay a whole number. O(length).
 * `counts[start + k]` holds the number of samples equal to `k + 1`, for k = 0 … length − 1.
 *
 * @param percent an integer from 1 to 100.
 * @returns null when there is no sample.
 * @example nearestRankPercentile(Int32Array.of(2, 1, 1), 0, 3, 50) // 1: samples 1, 1, 2, 3; ⌈0.5·4⌉ = 2nd smallest
 */
export function nearestRankPercentile(counts: ArrayLike<number>, start: number, length: number, percent: number): number | null {
  let n = 0;
  for (let k = 0; k < length; k++) n += counts[start + k]!;
  if (n === 0) return null;
  // percent · n is an exact integer, so the ceiling is exact (0.05 · 1000 would not be).
  const wanted = Math.ceil((percent * n) / 100);
  let seen = 0;
  for (let k = 0; k < length; k++) {
    seen += counts[start + k]!;
    if (seen >= wanted) return k + 1;
  }
  return length;
}

const orNull = (x: number): number | null => (x === x ? x : null);

/** Builds the result of an analysis from its plan and the tally of all its blocks. */
export function summariseSensitivity(plan: SensitivityPlan, tally: SensitivityTally): SensitivityResult {
  const { model, options } = plan;
  const nU = model.nUnits;
  const width = nU + 1;
  const nBlocks = tally.endBlock - tally.firstBlock;
  const awards = plan.awards;
  const nTiers = awards?.tiers.length ?? 0;
  const units = model.unitCodes.map((uCode, u): UnitSensitivity => {
    let s1 = 0;
    let s2 = 0;
    for (let b = 0; b < nBlocks; b++) {
      s1 += tally.blockSums[b * 2 * nU + u]!;
      s2 += tally.blockSums[b * 2 * nU + nU + u]!;
    }
    const n = tally.scoreCounts[u]!;
    const reference = plan.nominalScores[u]! === plan.nominalScores[u]! ? plan.nominalScores[u]! : 0;
    const variance = n >= 2 ? Math.max(0, (s2 - (s1 * s1) / n) / (n - 1)) : NaN;
    const start = u * width + 1;
    let tierProbability: Record<string, number> | null = null;
    if (awards !== null) {
      tierProbability = {};
      awards.tiers.forEach((t, k) => (tierProbability![t.code] = tally.tierCounts[u * nTiers + k]! / options.runs));
    }
    return {
      uCode,
      uName: model.unitNames[u]!,
      nominalRank: orNull(plan.nominalRanks[u]!),
      nominalScore: orNull(plan.nominalScores[u]!),
      medianRank: nearestRankPercentile(tally.rankCounts, start, nU, 50),
      rankP5: nearestRankPercentile(tally.rankCounts, start, nU, 5),
      rankP95: nearestRankPercentile(tally.rankCounts, start, nU, 95),
      meanScore: n >= 1 ? reference + s1 / n : null,
      sdScore: orNull(Math.sqrt(variance)),
      scoredRuns: n,
      nominalTier: awards === null ? null : awards.nominalTiers[u]!,
      tierProbability,
    };
  });
  units.sort((a, b) => {
    const ra = a.nominalRank ?? Infinity;
    const rb = b.nominalRank ?? Infinity;
    if (ra !== rb) return ra - rb;
    return a.uCode < b.uCode ? -1 : a.uCode > b.uCode ? 1 : 0;
  });
  return {
    engineVersion: ENGINE_VERSION,
    inputHash: model.inputHash,
    runs: options.runs,
    seed: options.seed,
    noise: options.noise,
    normalisations: options.normalisations,
    aggregations: options.aggregations,
    percentileMethod: 'nearest-rank',
    failedRuns: tally.failedRuns,
    tiers: awards?.tiers ?? null,
    units,
    ...(tally.sampleRanks !== null && tally.sampleScores !== null
      ? { samples: { units: model.unitCodes, ranks: tally.sampleRanks, scores: tally.sampleScores } }
      : {}),
  };
}
