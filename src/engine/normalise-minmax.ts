import type { MethodParams } from './framework.js';
import type { NormaliseNote } from './normalise-note.js';

/**
 * Min–max normalisation onto [l, u] (default [0, 100]) after multiplying by Direction:
 * `y = (x' − min x') / (max x' − min x') · (u − l) + l`, with `x' = Direction · x`. A zero range gives missing values.
 * COINr: `n_minmax(x, l_u = c(l, u))` via `Normalise(…, directions)`. O(n).
 *
 * @example
 * const out = new Float64Array(3);
 * normaliseMinmax(Float64Array.of(2, 4, 6), out, -1, params); // out = [100, 50, 0]
 */
export function normaliseMinmax(x: Float64Array, out: Float64Array, direction: 1 | -1, params: MethodParams): NormaliseNote {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = direction * x[i]!;
    if (v === v) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const { scaleL: l, scaleU: u } = params;
  if (!(max > min)) {
    out.fill(NaN);
    return 'zero-range';
  }
  const range = max - min;
  for (let i = 0; i < x.length; i++) out[i] = ((direction * x[i]! - min) / range) * (u - l) + l;
  return 'ok';
}
