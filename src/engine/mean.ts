/**
 * Arithmetic mean of the present (non-NaN) values: `Σx / n`.
 * COINr: `mean(x, na.rm = TRUE)`. O(n).
 *
 * @returns NaN when no value is present.
 * @example mean(Float64Array.of(1, NaN, 3)) // 2
 */
export function mean(x: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === v) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}
