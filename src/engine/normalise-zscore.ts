import type { MethodParams } from './framework.js';
import { mean } from './mean.js';
import type { NormaliseNote } from './normalise-note.js';
import { sampleStandardDeviation } from './standard-deviation.js';

/**
 * Z-score standardisation to mean m and standard deviation s (iMeta ZMean, ZSD; default 0 and 1) after multiplying
 * by Direction: `y = (x' − mean x') / sd x' · s + m`, sd the sample standard deviation (n − 1). A zero sd gives
 * missing values. COINr: `n_zscore(x, m_sd = c(m, s))`. O(n).
 */
export function normaliseZscore(x: Float64Array, out: Float64Array, direction: 1 | -1, params: MethodParams): NormaliseNote {
  const m = mean(x) * direction;
  const sd = sampleStandardDeviation(x);
  if (!(sd > 0)) {
    out.fill(NaN);
    return 'zero-range';
  }
  for (let i = 0; i < x.length; i++) out[i] = ((direction * x[i]! - m) / sd) * params.zSd + params.zMean;
  return 'ok';
}
