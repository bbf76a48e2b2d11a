import { upperBound } from './binary-search.js';
import type { MethodParams } from './framework.js';
import type { NormaliseNote } from './normalise-note.js';

/**
 * Band scoring: thresholds t₁ < … < t_k split the raw values into k + 1 bands (`x < t₁` is band 0,
 * `t_j ≤ x < t_{j+1}` is band j, `x ≥ t_k` is band k) and each band has a score (iMeta BandScores, lowest band
 * first). Without BandScores the scores are evenly spaced, `j / k · 100`, reversed for Direction −1.
 * No COINr equivalent (COINr has no banding). O(n log k).
 *
 * @example Bands "10;20", values 5, 10, 25 → 0, 50, 100
 */
export function normaliseBands(x: Float64Array, out: Float64Array, direction: 1 | -1, params: MethodParams): NormaliseNote {
  const t = params.bands!;
  const k = t.length;
  const scores = params.bandScores;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v !== v) {
      out[i] = NaN;
      continue;
    }
    const band = upperBound(t, v);
    out[i] = scores !== null ? scores[band]! : ((direction === 1 ? band : k - band) / k) * 100;
  }
  return 'ok';
}
