/**
 * Year-on-year growth in percent against the previous Time of the same unit:
 * `g = (x_t − x_prev) / |x_prev| × 100`. Missing when either value is missing or the previous value is 0.
 * (COINr has no such step; it would be computed before `new_coin`.) O(n).
 *
 * @param previous value at the previous Time for each unit (NaN when the unit has no earlier row).
 * @example
 * const out = new Float64Array(1);
 * yearOnYearGrowth(Float64Array.of(110), Float64Array.of(100), out); // out = [10]
 */
export function yearOnYearGrowth(current: Float64Array, previous: Float64Array, out: Float64Array): void {
  for (let i = 0; i < current.length; i++) {
    const p = previous[i]!;
    out[i] = p === 0 ? NaN : ((current[i]! - p) / Math.abs(p)) * 100;
  }
}
