/**
 * Unit screening by data availability: a unit is kept when its share of present indicator values,
 * `1 − (missing count / number of indicators)`, is at least `minShare`.
 *
 * COINr: `Screen(coin, unit_screen = "byNA", dat_thresh = minShare)` (a unit is removed when
 * `Dat_Avail < dat_thresh`). O(units × indicators).
 *
 * @param matrix indicator-major values: `matrix[k * nUnits + u]`.
 * @returns for each unit, its data availability share.
 * @example dataAvailability(Float64Array.of(1, NaN, 3, 4), 2, 2) // [1, 0.5]
 */
export function dataAvailability(matrix: Float64Array, nIndicators: number, nUnits: number): Float64Array {
  const missing = new Float64Array(nUnits);
  for (let k = 0; k < nIndicators; k++) {
    const off = k * nUnits;
    for (let u = 0; u < nUnits; u++) if (matrix[off + u] !== matrix[off + u]) missing[u] = missing[u]! + 1;
  }
  const share = new Float64Array(nUnits);
  for (let u = 0; u < nUnits; u++) share[u] = 1 - missing[u]! / nIndicators;
  return share;
}
