import { mean } from './mean.js';

/**
 * Sample skewness of the present (non-NaN) values, the bias-corrected "type 2" definition also used by Excel:
 *
 *   g = sqrt(n) · Σd³ / (Σd²)^(3/2),  skew = g · sqrt(n(n − 1)) / (n − 2),  with d = x − x̄.
 *
 * COINr: `skew(x, na.rm = TRUE)` (taken from `e1071::skewness(type = 2)`). O(n).
 *
 * @returns NaN when fewer than 3 values are present (COINr stops with an error) or when all values are equal.
 * @example skewness(Float64Array.of(1, 2, 3, 10)) // 1.85…
 */
export function skewness(x: ArrayLike<number>): number {
  const m = mean(x);
  let s2 = 0;
  let s3 = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === v) {
      const d = v - m;
      const d2 = d * d;
      s2 += d2;
      s3 += d2 * d;
      n++;
    }
  }
  if (n < 3) return NaN;
  const g = (Math.sqrt(n) * s3) / Math.pow(s2, 1.5);
  return (g * Math.sqrt(n * (n - 1))) / (n - 2);
}
