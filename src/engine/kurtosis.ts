import { mean } from './mean.js';

/**
 * Sample excess kurtosis of the present (non-NaN) values, the bias-corrected "type 2" definition also used by Excel:
 *
 *   r = n · Σd⁴ / (Σd²)²,  kurt = ((n + 1)(r − 3) + 6) · (n − 1) / ((n − 2)(n − 3)),  with d = x − x̄.
 *
 * COINr: `kurt(x, na.rm = TRUE)` (taken from `e1071::kurtosis(type = 2)`). O(n).
 *
 * @returns NaN when fewer than 4 values are present (COINr stops with an error) or when all values are equal.
 * @example kurtosis(Float64Array.of(1, 2, 3, 4, 100)) // 4.99…
 */
export function kurtosis(x: ArrayLike<number>): number {
  const m = mean(x);
  let s2 = 0;
  let s4 = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === v) {
      const d2 = (v - m) * (v - m);
      s2 += d2;
      s4 += d2 * d2;
      n++;
    }
  }
  if (n < 4) return NaN;
  const r = (n * s4) / (s2 * s2);
  return (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
}
