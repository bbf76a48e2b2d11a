/**
 * `analyse`: the statistical audit of a framework, as COINr 1.1.14 computes it on its default pipeline —
 * indicator statistics on the raw data (`get_stats`), correlations of every indicator or aggregate with its parent
 * and with its siblings on the aggregated data set (`get_corr`), Cronbach's α (`get_cronbach`) and PCA
 * (`get_PCA`) of the children of every aggregate, and the mean absolute rank change of the index when each
 * element of levels 1 and 2 is removed (`remove_elements`). Pure and deterministic; JSON-ready (no NaN: null).
 */
import { aggregateInto } from '../aggregate.js';
import { compile, type CompiledModel } from '../compile.js';
import { ENGINE_VERSION } from '../engine-version.js';
import { safely, type SafeResult } from '../engine-error.js';
import type { EvaluationInput, ScoreOptions } from '../input-schema.js';
import { kurtosis } from '../kurtosis.js';
import { mean } from '../mean.js';
import { median } from '../median.js';
import { rankInto } from '../rank.js';
import { score } from '../score.js';
import type { PreparedInput } from '../read-input.js';
import { skewness } from '../skewness.js';
import { sampleStandardDeviation } from '../standard-deviation.js';
import { cronbachAlpha } from './cronbach.js';
import { pearson } from './pairwise.js';
import { principalComponents } from './pca.js';

/**
 * COINr `get_stats` flags: `lowAvailability` (share of present values < 0.65, `Flag.Avail`), `manyZeros` (share of
 * non-zero values < 0.5, `Flag.NonZero`), `fewUnique` (share of unique values < 0.5, `Flag.Unique`), `outliers`
 * (|skew| > 2 and kurtosis > 3.5, `Flag.SkewKurt`).
 */
export type StatFlag = 'lowAvailability' | 'manyZeros' | 'fewUnique' | 'outliers';

/** The thresholds of the flags (COINr `get_stats` defaults). */
export const STAT_THRESHOLDS = { skew: 2, kurtosis: 3.5, availability: 0.65, nonZero: 0.5, unique: 0.5 } as const;

/** Statistics of one indicator's raw values (missing values left out; null where undefined). */
export interface IndicatorStats {
  readonly iCode: string;
  /** Number of present values. */
  readonly n: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  readonly median: number | null;
  /** Sample standard deviation (n − 1). */
  readonly sd: number | null;
  /** COINr `skew` (e1071 type 2); null below 3 values or for a constant column. */
  readonly skew: number | null;
  /** COINr `kurt` (excess, e1071 type 2); null below 4 values or for a constant column. */
  readonly kurtosis: number | null;
  readonly flags: StatFlag[];
}

/** One correlation of the framework's structure. */
export interface StructureCorrelation {
  /** The child (indicator or aggregate). */
  readonly a: string;
  /** Its parent ("parent") or a later sibling ("sibling"). */
  readonly b: string;
  /** Pearson's r on the units where both are present; null when undefined (fewer than 2 units, constant column). */
  readonly r: number | null;
  readonly relation: 'parent' | 'sibling';
}

/** PCA of the children of one aggregate. */
export interface GroupPca {
  /** Share of variance per principal component, largest first. */
  readonly varianceExplained: number[];
  /** First component's loading per child code. */
  readonly loadings: Record<string, number>;
}

/** Mean absolute change of the index rank when one element is removed (its weight set to 0). */
export interface RemovalImpact {
  readonly level: number;
  readonly code: string;
  /** Mean over units ranked both ways; null when no unit is. */
  readonly meanAbsRankChange: number | null;
}

/** Result of {@link analyse}: the CLI's `hopejobs analyse --format json`, stored with a scoring run. */
export interface AnalysisResult {
  readonly engineVersion: string;
  /** The scoring input's hash (the same as `score`'s for the same input and options). */
  readonly inputHash: string;
  /** Indicators in iMeta order. */
  readonly stats: IndicatorStats[];
  /** Per aggregate top-down: each child with the aggregate, then the pairs of its children in iMeta order. */
  readonly correlations: StructureCorrelation[];
  /** Cronbach's α of the children of each aggregate (null for fewer than 2 children). */
  readonly cronbach: Record<string, number | null>;
  /** PCA of the children of each aggregate (null when it cannot be computed). */
  readonly pca: Record<string, GroupPca | null>;
  /** Elements of level 1 (indicators, iMeta order), then level 2 (iMeta order) unless it is the top (COINr `Level` 1 … levels − 1). */
  readonly removal: RemovalImpact[];
}

const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** COINr `get_stats` for one column (NaN = missing), without rounding. */
export function columnStats(iCode: string, x: Float64Array): IndicatorStats {
  const present: number[] = [];
  for (const v of x) if (v === v) present.push(v);
  const n = present.length;
  const rows = x.length;
  let min = Infinity;
  let max = -Infinity;
  let nonZero = 0;
  for (const v of present) {
    if (v < min) min = v;
    if (v > max) max = v;
    if (v !== 0) nonZero++;
  }
  const unique = new Set(present).size;
  const sk = skewness(x);
  const kt = kurtosis(x);
  const flags: StatFlag[] = [];
  const t = STAT_THRESHOLDS;
  if (!(rows > 0 && n / rows >= t.availability)) flags.push('lowAvailability');
  if (!(rows > 0 && nonZero / rows >= t.nonZero)) flags.push('manyZeros');
  if (!(rows > 0 && unique / rows >= t.unique)) flags.push('fewUnique');
  if (Math.abs(sk) > t.skew && kt > t.kurtosis) flags.push('outliers');
  return {
    iCode,
    n,
    min: n > 0 ? min : null,
    max: n > 0 ? max : null,
    mean: orNull(mean(x)),
    median: orNull(median(x)),
    sd: orNull(sampleStandardDeviation(x)),
    skew: orNull(sk),
    kurtosis: orNull(kt),
    flags,
  };
}

/** The options that switch off every step before normalisation: COINr's "Raw" data set. */
const RAW: ScoreOptions = { denominate: false, impute: null, screen: null, treat: false };

/**
 * Audits an evaluation's framework.
 *
 * @param input `{iMeta, iData, options}` or a prepared input, as for `score`.
 * @param overrides options that win over `input.options` (the statistics are on the raw data regardless).
 * @throws {EngineInputError} for the same inputs `score` refuses.
 * @example analyse(input).cronbach['Index'] // 0.7…
 */
export function analyse(input: EvaluationInput | PreparedInput, overrides?: ScoreOptions): AnalysisResult {
  const model = compile(input, overrides);
  // With the default pipeline the values entering normalisation are the raw data: no second compilation.
  const o = model.options;
  const isRaw = !o.denominate && o.impute === null && o.screen === null && o.treat === null;
  const rawModel = isRaw ? model : compile(input, { ...overrides, ...RAW });
  const result = analyseModel(model, rawModel);
  if (result !== null) return result;
  score(input, overrides); // throws the aggregation problems exactly as scoring does
  throw new Error('analyse: aggregation failed but scoring did not');
}

/** {@link analyse} that never throws for bad input. */
export function safeAnalyse(input: EvaluationInput | PreparedInput, overrides?: ScoreOptions): SafeResult<AnalysisResult> {
  return safely(() => analyse(input, overrides));
}

function analyseModel(model: CompiledModel, rawModel: CompiledModel): AnalysisResult | null {
  const nU = model.nUnits;
  const nI = model.nIndicators;
  const nA = model.nAggregates;
  const aggregated = new Float64Array(nA * nU);
  const problems: Parameters<typeof aggregateInto>[5] = [];
  aggregateInto(model, model.weights, model.normalised, aggregated, model.aggregation, problems);
  // The same refusals as `score` (missing policy "error", non-positive input of a geometric or harmonic mean).
  if (problems.length > 0) return null;
  const nodeIndex = new Map(model.nodeCodes.map((c, i) => [c, i]));
  /** Values of a node over the scored units: normalised indicator or aggregate score ("Aggregated" data set). */
  const column = (code: string): Float64Array => {
    const n = nodeIndex.get(code)!;
    return n < nI ? model.normalised.subarray(n * nU, (n + 1) * nU) : aggregated.subarray((n - nI) * nU, (n - nI + 1) * nU);
  };

  // Statistics on the raw data (all units, before denomination, imputation, screening and treatment).
  const rU = rawModel.nUnits;
  const stats = rawModel.framework.indicators.map((ind, i) => columnStats(ind.code, rawModel.raw.subarray(i * rU, (i + 1) * rU)));

  const topDown = [...model.framework.aggregates].sort((a, b) => b.level - a.level || a.metaIndex - b.metaIndex);
  const correlations: StructureCorrelation[] = [];
  const cronbach: Record<string, number | null> = {};
  const pca: Record<string, GroupPca | null> = {};
  for (const agg of topDown) {
    const parentColumn = column(agg.code);
    const children = agg.children.map(column);
    agg.children.forEach((c, i) => correlations.push({ a: c, b: agg.code, r: orNull(pearson(children[i]!, parentColumn)), relation: 'parent' }));
    for (let i = 0; i < children.length; i++) {
      for (let j = i + 1; j < children.length; j++) {
        correlations.push({ a: agg.children[i]!, b: agg.children[j]!, r: orNull(pearson(children[i]!, children[j]!)), relation: 'sibling' });
      }
    }
    cronbach[agg.code] = orNull(cronbachAlpha(children));
    const p = principalComponents(children);
    pca[agg.code] =
      p === null ? null : { varianceExplained: p.varianceExplained, loadings: Object.fromEntries(agg.children.map((c, i) => [c, p.loadings[i]!])) };
  }

  // Removal: each element of levels 1 and 2 in turn gets weight 0, the index is re-aggregated and re-ranked.
  const nominalRanks = new Float64Array(nU);
  rankInto(model, aggregated, nominalRanks);
  const weights = Float64Array.from(model.weights);
  const out = new Float64Array(nA * nU);
  const ranks = new Float64Array(nU);
  const removal: RemovalImpact[] = [];
  const elements = [
    ...model.framework.indicators.map((i) => ({ level: 1, code: i.code })),
    ...[...model.framework.aggregates]
      .filter((a) => a.level === 2 && a.code !== model.framework.top)
      .sort((a, b) => a.metaIndex - b.metaIndex)
      .map((a) => ({ level: 2, code: a.code })),
  ];
  for (const e of elements) {
    const n = nodeIndex.get(e.code)!;
    const saved = weights[n]!;
    weights[n] = 0;
    aggregateInto(model, weights, model.normalised, out, model.aggregation);
    rankInto(model, out, ranks);
    weights[n] = saved;
    let sum = 0;
    let count = 0;
    for (let u = 0; u < nU; u++) {
      const d = Math.abs(ranks[u]! - nominalRanks[u]!);
      if (d === d) {
        sum += d;
        count++;
      }
    }
    removal.push({ level: e.level, code: e.code, meanAbsRankChange: count > 0 ? sum / count : null });
  }

  return { engineVersion: ENGINE_VERSION, inputHash: model.inputHash, stats, correlations, cronbach, pca, removal };
}
