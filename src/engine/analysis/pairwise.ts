/**
 * Pairwise-complete covariance and Pearson correlation: only the rows where both columns are present (NaN =
 * missing) enter, with the means taken over those rows. R: `stats::cov(x, y, use = "pairwise.complete.obs")` and
 * `stats::cor(x, y, use = "pairwise.complete.obs", method = "pearson")`, as COINr's `get_corr` and
 * `get_cronbach` call them. O(n).
 */

/** Sample covariance over the rows where both are present (`Σ(x − x̄)(y − ȳ) / (n − 1)`); NaN below 2 rows. */
export function pairwiseCovariance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (a === a && b === b) {
      n++;
      sx += a;
      sy += b;
    }
  }
  if (n < 2) return NaN;
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (a === a && b === b) sxy += (a - mx) * (b - my);
  }
  return sxy / (n - 1);
}

/**
 * Pearson's r over the rows where both are present: `Σdx·dy / sqrt(Σdx² · Σdy²)`, clipped to [−1, 1] against
 * rounding. NaN below 2 rows or when either column is constant on those rows (R gives `NA` with a warning).
 * @example pearson(Float64Array.of(1, 2, 3, NaN), Float64Array.of(2, 4, 7, 1)) // 0.993…
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (a === a && b === b) {
      n++;
      sx += a;
      sy += b;
    }
  }
  if (n < 2) return NaN;
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (a === a && b === b) {
      const dx = a - mx;
      const dy = b - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
  }
  if (sxx === 0 || syy === 0) return NaN;
  const r = sxy / Math.sqrt(sxx * syy);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}
