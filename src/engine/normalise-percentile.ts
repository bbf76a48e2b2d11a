import type { MethodParams } from './framework.js';
import type { NormaliseNote } from './normalise-note.js';
import { competitionRanks } from './rank.js';

/**
 * Percentile-rank normalisation on 0–100: `y = (rank − 1) / (n − 1) · 100`, rank of `Direction · x` with ties taking
 * the lowest rank and n the number of present values. Fewer than two values give missing values.
 * COINr: `n_prank(x) × 100`. O(n log n).
 */
export function normalisePercentile(x: Float64Array, out: Float64Array, direction: 1 | -1, _params: MethodParams): NormaliseNote {
  const signed = direction === 1 ? x : x.map((v) => -v);
  competitionRanks(signed, out, false);
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) n++;
  if (n < 2) {
    out.fill(NaN);
    return 'zero-range';
  }
  for (let i = 0; i < out.length; i++) out[i] = ((out[i]! - 1) / (n - 1)) * 100;
  return 'ok';
}
