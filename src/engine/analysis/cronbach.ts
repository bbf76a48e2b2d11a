import { pairwiseCovariance } from './pairwise.js';

/**
 * Cronbach's α of k columns, as COINr `get_cronbach` (R/correlations.R) computes it: the covariance matrix C with
 * `use = "pairwise.complete.obs"`, `Σall = sum(C, na.rm = TRUE)`, `σ̄ = (Σall − sum(diag(C), na.rm = TRUE)) / (k(k − 1))`,
 * `α = k² σ̄ / Σall`. O(k² n).
 *
 * @returns NaN for fewer than 2 columns or when every covariance is missing or zero (R gives `NaN` or `NA`).
 * @example cronbachAlpha([Float64Array.of(1, 2, 3), Float64Array.of(2, 4, 6)]) // 0.888…
 */
export function cronbachAlpha(columns: readonly ArrayLike<number>[]): number {
  const k = columns.length;
  if (k < 2) return NaN;
  let all = 0;
  let diag = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const c = pairwiseCovariance(columns[i]!, columns[j]!);
      if (c !== c) continue;
      if (i === j) {
        diag += c;
        all += c;
      } else all += 2 * c;
    }
  }
  if (all === 0) return NaN;
  const average = (all - diag) / (k * (k - 1));
  return (k * k * average) / all;
}
