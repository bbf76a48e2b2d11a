import type { MethodParams } from './framework.js';
import type { NormaliseNote } from './normalise-note.js';

/**
 * Goalposts: `y = (x − Lo) / (Hi − Lo) · 100` for Direction 1, `y = (Hi − x) / (Hi − Lo) · 100` for Direction −1,
 * clipped to [0, 100]. COINr: `n_goalposts(x, gposts = c(Lo, Hi, 100), direction, trunc2posts = TRUE)`. O(n).
 *
 * @example Lo 80, Hi 100: 70 → 0, 90 → 50, 105 → 100
 */
export function normaliseGoalposts(x: Float64Array, out: Float64Array, direction: 1 | -1, params: MethodParams): NormaliseNote {
  const lo = params.lo!;
  const hi = params.hi!;
  const span = hi - lo;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const y = direction === 1 ? (v - lo) / span : (hi - v) / span;
    out[i] = y > 1 ? 100 : y < 0 ? 0 : y * 100;
  }
  return 'ok';
}
