import type { MethodParams } from './framework.js';
import type { NormaliseNote } from './normalise-note.js';

/**
 * Target achievement: `y = x / Target · 100` (Direction 1) or `y = Target / x · 100` (Direction −1: at or below the
 * target scores at least 100; a value ≤ 0 scores the Cap). Then capped at Cap (default 100) by the caller.
 * Nearest COINr function: `n_fracmax` / `n_dist2targ` (different formulas: COINr measures distance from the minimum).
 * O(n).
 *
 * @example target 200, values 100 and 300 → 50 and 150 (then capped to 100)
 */
export function normaliseTarget(x: Float64Array, out: Float64Array, direction: 1 | -1, params: MethodParams): NormaliseNote {
  const t = params.target!;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (direction === 1) out[i] = (v / t) * 100;
    else out[i] = v !== v ? NaN : v <= 0 ? Infinity : (t / v) * 100;
  }
  return 'ok';
}
