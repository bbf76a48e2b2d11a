import { mean } from './mean.js';
import { median } from './median.js';

/**
 * Imputes the missing values (NaN) of one indicator column in place, by the mean or median of the present values,
 * either over all units or within each group of a group column. Units whose group is missing are left as they are,
 * and a group with no present value stays missing.
 *
 * COINr: `Impute(coin, f_i = "i_mean" | "i_median")`, and with `use_group`: `"i_mean_grp"` / `"i_median_grp"`
 * (`skip_f_na = TRUE`). O(n log n) for the median, O(n) for the mean.
 *
 * @returns how many cells were filled.
 * @example
 * const x = Float64Array.of(1, NaN, 3, 10, NaN);
 * imputeColumn(x, 'mean', ['a', 'a', 'a', 'b', 'b']); // x = [1, 2, 3, 10, 10]
 */
export function imputeColumn(x: Float64Array, method: 'mean' | 'median', groups: readonly (string | null)[] | null = null): number {
  const centre = method === 'mean' ? mean : median;
  let filled = 0;
  if (groups === null) {
    const c = centre(x);
    if (c !== c) return 0;
    for (let i = 0; i < x.length; i++) {
      if (x[i] !== x[i]) {
        x[i] = c;
        filled++;
      }
    }
    return filled;
  }
  const members = new Map<string, number[]>();
  for (let i = 0; i < x.length; i++) {
    const g = groups[i];
    if (g === null || g === undefined) continue;
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  }
  for (const idx of members.values()) {
    const values = Float64Array.from(idx, (i) => x[i]!);
    const c = centre(values);
    if (c !== c) continue;
    for (const i of idx) {
      if (x[i] !== x[i]) {
        x[i] = c;
        filled++;
      }
    }
  }
  return filled;
}
