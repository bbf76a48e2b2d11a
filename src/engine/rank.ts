import { lowerBound, upperBound } from './binary-search.js';
import type { Topology } from './topology.js';

/**
 * Competition ranking ("1224"): tied values share the best rank and the next rank is skipped. Missing values (NaN)
 * get NaN. Sorts a scratch copy with the native numeric typed-array sort and counts with binary search, so it runs
 * in O(n log n) and allocates nothing when a scratch array is supplied.
 *
 * COINr: results ranks are `rank(-x, ties.method = "min", na.last = "keep")`; `n_rank` is
 * `rank(x, ties.method = "min", na.last = "keep")`.
 */

/**
 * Ranks `values[offset … offset + n)` into `out[outOffset …]`.
 *
 * @param descending `true`: the highest value ranks 1 (scores); `false`: the lowest ranks 1 (COINr `n_rank`).
 * @param scratch at least `n` long; overwritten.
 * @example
 * const out = new Float64Array(4);
 * competitionRanks(Float64Array.of(90, 80, 80, 70), out, true); // out = [1, 2, 2, 4]
 */
export function competitionRanks(
  values: Float64Array,
  out: Float64Array,
  descending: boolean,
  scratch: Float64Array = new Float64Array(values.length),
  n: number = values.length,
  offset = 0,
  outOffset = 0,
): void {
  for (let i = 0; i < n; i++) scratch[i] = values[offset + i]!;
  // Fill the tail beyond n with NaN so the whole scratch array can be sorted without a view.
  for (let i = n; i < scratch.length; i++) scratch[i] = NaN;
  scratch.sort();
  let m = 0;
  while (m < n && scratch[m]! === scratch[m]!) m++;
  for (let i = 0; i < n; i++) {
    const v = values[offset + i]!;
    if (v !== v) out[outOffset + i] = NaN;
    else if (descending) out[outOffset + i] = 1 + (m - upperBound(scratch, v, m));
    else out[outOffset + i] = 1 + lowerBound(scratch, v, m);
  }
}

/**
 * Ranks the top node of aggregated results (`aggregated[top * nUnits + u]`) into `ranks` (1 = best, ties share the
 * best rank, missing → NaN). Allocates nothing.
 */
export function rankInto(model: Topology, aggregated: Float64Array, ranks: Float64Array): void {
  competitionRanks(aggregated, ranks, true, model.scratch.rank, model.nUnits, model.top * model.nUnits, 0);
}
