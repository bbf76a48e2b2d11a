/**
 * COINr's default fallback transformation, a modified "COIN Tool" log: `log(x − min(x) + 0.01 · (max(x) − min(x)))`,
 * so the smallest value maps to `log(0.01 · range)` and the order of values is kept.
 * COINr: `log_CT(x, na.rm = TRUE)`. O(n).
 *
 * @example logTransformCT(Float64Array.of(0, 1, 100)) // [log(1), log(2), log(101)]
 */
export function logTransformCT(x: Float64Array): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === v) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const shift = 0.01 * (max - min);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.log(x[i]! - min + shift);
  return out;
}
