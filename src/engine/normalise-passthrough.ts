import type { MethodParams } from './framework.js';
import type { NormaliseNote } from './normalise-note.js';

/**
 * Passthrough for values already on a score scale (a panel score, points): `y = (x − Lo) / (Hi − Lo) · 100` with
 * Lo, Hi the ends of the incoming scale (default 0 and 100, i.e. unchanged), reversed for Direction −1; not clipped,
 * but values outside the scale are reported (`out-of-scale`). COINr: `f_n = "none"` (for the default scale). O(n).
 *
 * @example panel points 0..5 (Hi 5): 4 → 80
 */
export function normalisePassthrough(x: Float64Array, out: Float64Array, direction: 1 | -1, params: MethodParams): NormaliseNote {
  const lo = params.lo ?? 0;
  const hi = params.hi ?? 100;
  const span = hi - lo;
  let outside = false;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v < lo || v > hi) outside = true;
    out[i] = direction === 1 ? ((v - lo) * 100) / span : ((hi - v) * 100) / span;
  }
  return outside ? 'out-of-scale' : 'ok';
}
