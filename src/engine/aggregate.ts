/**
 * Bottom-up aggregation over the compiled topology, in typed arrays and without allocation: the hot loop of scoring
 * and of Monte Carlo sensitivity runs.
 *
 * For each aggregate a (children before parents) and unit u, over the present children c with weight w_c:
 * - amean: `Σ w_c x_c / Σ w_c` (COINr `a_amean`: NAs and their weights dropped, weights rescaled to sum 1);
 * - gmean: `exp(Σ w_c ln x_c / Σ w_c)` (COINr `a_gmean`; a value ≤ 0 is an error);
 * - hmean: `Σ w_c / Σ (w_c / x_c)` (COINr `a_hmean`; a value ≤ 0 is an error).
 * Missing children: `renormalise` skips them (the above); `zero` counts them as 0 with their weight; `error` makes
 * them an error. A unit with no present child is missing, except under `zero` (then 0). With `datThresh`, the aggregate is missing when (present children / children) < datThresh
 * (COINr `dat_thresh`). Weights are relative within each parent; an aggregate with no present weight is missing.
 */
import type { Topology } from './topology.js';

/** Aggregation function codes in {@link Topology.aggregation}. */
export const AGG_AMEAN = 0;
export const AGG_GMEAN = 1;
export const AGG_HMEAN = 2;
/** Missing policy codes in {@link Topology.missingPolicy}. */
export const MISSING_RENORMALISE = 0;
export const MISSING_ZERO = 1;
export const MISSING_ERROR = 2;

/** A cell that could not be aggregated. */
export interface AggregationProblem {
  readonly kind: 'non-positive' | 'missing';
  /** Aggregate index (evaluation order). */
  readonly aggregate: number;
  /** Node index of the child. */
  readonly child: number;
  readonly unit: number;
  readonly value: number;
}

/**
 * Aggregates every level. O(units × edges); allocates nothing (uses `model.scratch`).
 *
 * @param weights per node, relative within its parent (length `nNodes`; the top node's entry is unused).
 * @param normalised indicator-major normalised values, `normalised[i * nUnits + u]`, NaN = missing.
 * @param out aggregate-major results, `out[a * nUnits + u]` (length `nAggregates * nUnits`).
 * @param aggregation per aggregate, one of {@link AGG_AMEAN}, {@link AGG_GMEAN}, {@link AGG_HMEAN}.
 * @param problems when given, receives every failing cell (those cells are NaN).
 * @returns the number of failing cells (0 when all went well).
 */
export function aggregateInto(
  model: Topology,
  weights: Float64Array,
  normalised: Float64Array,
  out: Float64Array,
  aggregation: Uint8Array = model.aggregation,
  problems?: AggregationProblem[],
): number {
  const nU = model.nUnits;
  const nI = model.nIndicators;
  const nA = model.nAggregates;
  const { childStart, childIndex, missingPolicy, datThresh } = model;
  const { num, den, cnt, bad } = model.scratch;
  const zeroFill = missingPolicy === MISSING_ZERO ? 1 : 0;
  let failures = 0;
  for (let a = 0; a < nA; a++) {
    const method = aggregation[a]!;
    const start = childStart[a]!;
    const end = childStart[a + 1]!;
    const nChildren = end - start;
    const thresh = datThresh[a]!;
    const offOut = a * nU;
    if (method === AGG_AMEAN && missingPolicy === MISSING_RENORMALISE) {
      // The hot path of Monte Carlo runs: per unit, weighted sums over the present children, kept in registers.
      let allIndicators = true;
      for (let k = start; k < end; k++) if (childIndex[k]! >= nI) allIndicators = false;
      const src = allIndicators ? normalised : out;
      const shift = allIndicators ? 0 : nI;
      for (let u = 0; u < nU; u++) {
        let sum = 0;
        let wsum = 0;
        let n = 0;
        for (let k = start; k < end; k++) {
          const c = childIndex[k]!;
          const v = allIndicators || c >= nI ? src[(c - shift) * nU + u]! : normalised[c * nU + u]!;
          if (v === v) {
            const w = weights[c]!;
            sum += w * v;
            wsum += w;
            n++;
          }
        }
        out[offOut + u] = n === 0 || n / nChildren < thresh || !(wsum > 0) ? NaN : sum / wsum;
      }
      continue;
    }
    num.fill(0);
    den.fill(0);
    cnt.fill(0);
    bad.fill(0);
    for (let k = start; k < end; k++) {
      const c = childIndex[k]!;
      const w = weights[c]!;
      const src = c < nI ? normalised : out;
      const off = (c < nI ? c : c - nI) * nU;
      for (let u = 0; u < nU; u++) {
        let v = src[off + u]!;
        if (v !== v) {
          if (missingPolicy === MISSING_RENORMALISE) continue;
          if (missingPolicy === MISSING_ERROR) {
            if (bad[u] === 0) failures++;
            bad[u] = 1;
            if (problems) problems.push({ kind: 'missing', aggregate: a, child: c, unit: u, value: v });
            continue;
          }
          v = 0;
        } else cnt[u] = cnt[u]! + 1;
        if (method === AGG_AMEAN) {
          num[u] = num[u]! + w * v;
          den[u] = den[u]! + w;
        } else if (v <= 0) {
          if (bad[u] === 0) failures++;
          bad[u] = 1;
          if (problems) problems.push({ kind: 'non-positive', aggregate: a, child: c, unit: u, value: v });
        } else if (method === AGG_GMEAN) {
          num[u] = num[u]! + w * Math.log(v);
          den[u] = den[u]! + w;
        } else {
          num[u] = num[u]! + w / v;
          den[u] = den[u]! + w;
        }
      }
    }
    for (let u = 0; u < nU; u++) {
      const n = cnt[u]!;
      const d = den[u]!;
      if (bad[u] !== 0 || (n === 0 && zeroFill === 0) || n / nChildren < thresh || !(d > 0)) out[offOut + u] = NaN;
      else if (method === AGG_AMEAN) out[offOut + u] = num[u]! / d;
      else if (method === AGG_GMEAN) out[offOut + u] = Math.exp(num[u]! / d);
      else out[offOut + u] = d / num[u]!;
    }
  }
  return failures;
}
