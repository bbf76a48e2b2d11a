/**
 * Median of the present (non-NaN) values; the mean of the two middle values when their number is even.
 * COINr: `stats::median(x, na.rm = TRUE)`. O(n log n).
 *
 * @returns NaN when no value is present.
 * @example median(Float64Array.of(4, 1, NaN, 3, 2)) // 2.5
 */
export function median(x: ArrayLike<number>): number {
  const present: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === v) present.push(v);
  }
  const n = present.length;
  if (n === 0) return NaN;
  present.sort((a, b) => a - b);
  const mid = n >> 1;
  return n % 2 === 1 ? present[mid]! : (present[mid - 1]! + present[mid]!) / 2;
}
