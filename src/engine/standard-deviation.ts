import { mean } from './mean.js';

/**
 * Sample standard deviation of the present (non-NaN) values: `sqrt(Σ(x − x̄)² / (n − 1))`.
 * COINr / R: `stats::sd(x, na.rm = TRUE)`. O(n).
 *
 * @returns NaN when fewer than two values are present.
 * @example sampleStandardDeviation(Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9)) // 2.138…
 */
export function sampleStandardDeviation(x: ArrayLike<number>): number {
  const m = mean(x);
  let ss = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === v) {
      const d = v - m;
      ss += d * d;
      n++;
    }
  }
  return n < 2 ? NaN : Math.sqrt(ss / (n - 1));
}
