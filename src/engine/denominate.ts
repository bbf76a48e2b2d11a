/**
 * Denomination (per-capita, per-GDP …): `x / (d / ScaleFactor)` cell by cell.
 * COINr: `Denominate()` with `f_denom = "/"` and `denomby$ScaleFactor`. A zero denominator gives a missing value
 * (COINr yields Inf or NaN) and is counted so the caller can warn. O(n).
 *
 * @returns how many cells had a zero denominator.
 * @example
 * const out = new Float64Array(2);
 * denominate(Float64Array.of(50, 30), Float64Array.of(1000, 500), 100000, out); // out = [5000, 6000] per 100k
 */
export function denominate(x: Float64Array, d: Float64Array, scaleFactor: number, out: Float64Array): number {
  let zeros = 0;
  for (let i = 0; i < x.length; i++) {
    const den = d[i]!;
    if (den === 0) {
      out[i] = NaN;
      if (x[i] === x[i]) zeros++;
    } else out[i] = x[i]! / (den / scaleFactor);
  }
  return zeros;
}
