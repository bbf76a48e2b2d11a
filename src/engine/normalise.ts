/**
 * Normalisation of one indicator column by its method, then the optional clip to [Floor, Cap] (Cap defaults to 100
 * for `target`). Dispatches to one file per method.
 */
import type { MethodParams } from './framework.js';
import type { MethodName } from './input-schema.js';
import { normaliseBands } from './normalise-bands.js';
import { normaliseGoalposts } from './normalise-goalposts.js';
import { normaliseMinmax } from './normalise-minmax.js';
import type { ColumnNormaliser, NormaliseNote } from './normalise-note.js';
import { normalisePassthrough } from './normalise-passthrough.js';
import { normalisePercentile } from './normalise-percentile.js';
import { normaliseRank } from './normalise-rank.js';
import { normaliseTarget } from './normalise-target.js';
import { normaliseYoy } from './normalise-yoy.js';
import { normaliseZscore } from './normalise-zscore.js';

/** The normaliser of each method. */
export const NORMALISERS: Readonly<Record<MethodName, ColumnNormaliser>> = {
  minmax: normaliseMinmax,
  zscore: normaliseZscore,
  rank: normaliseRank,
  percentile: normalisePercentile,
  target: normaliseTarget,
  goalposts: normaliseGoalposts,
  bands: normaliseBands,
  yoy: normaliseYoy,
  passthrough: normalisePassthrough,
};

/** Methods whose result depends on the spread of the column; only these are treated for outliers. */
export const DISTRIBUTION_METHODS: ReadonlySet<MethodName> = new Set(['minmax', 'zscore', 'rank', 'percentile']);

/**
 * Normalises `x` into `out` with `method`, then clips to [Floor, Cap] where given. Missing stays missing.
 *
 * @returns the method's note (`zero-range` means the whole column is now missing).
 */
export function normaliseColumn(x: Float64Array, out: Float64Array, method: MethodName, direction: 1 | -1, params: MethodParams): NormaliseNote {
  const note = NORMALISERS[method](x, out, direction, params);
  const { floor, cap } = params;
  if (floor !== null || cap !== null) {
    const lo = floor ?? -Infinity;
    const hi = cap ?? Infinity;
    for (let i = 0; i < out.length; i++) {
      const v = out[i]!;
      if (v < lo) out[i] = lo;
      else if (v > hi) out[i] = hi;
    }
  }
  return note;
}
