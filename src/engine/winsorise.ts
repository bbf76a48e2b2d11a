import { skewness } from './skewness.js';
import { checkSkewKurtosis } from './skew-kurtosis-check.js';

/** Result of {@link winsorise}. */
export interface WinsoriseResult {
  readonly x: Float64Array;
  /** Number of points winsorised, counted as COINr does. */
  readonly nWinsorised: number;
  /** Indices of points set to a lower high value ("winhi") or a higher low value ("winlo"). */
  readonly high: readonly number[];
  readonly low: readonly number[];
}

/**
 * Winsorisation as in COINr: while the column fails the skew/kurtosis test and fewer than `winmax` points have been
 * winsorised, take the side given by the sign of the skew (≥ 0: high) and set every point equal to the extreme value
 * to the next value inside; repeat. Because the previously winsorised points share the new extreme, each round
 * takes them again, so `nWinsorised` is the number of distinct points moved (COINr: `nwin <- length(imax) +
 * length(imin)`, from the last round on each side).
 *
 * COINr: `winsorise(x, na.rm = TRUE, winmax, skew_thresh, kurt_thresh)`. O(rounds × n).
 *
 * @param winmax maximum number of points; `null` for no limit.
 * @example winsorise(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100), 2).x // the 100 becomes 30, then it passes
 */
export function winsorise(input: Float64Array, winmax: number | null = 5, skewThreshold = 2, kurtosisThreshold = 3.5): WinsoriseResult {
  const x = Float64Array.from(input);
  let passing = checkSkewKurtosis(x, skewThreshold, kurtosisThreshold).pass;
  let high: number[] = [];
  let low: number[] = [];
  let nwin = 0;
  const below = () => winmax === null || nwin < winmax;
  while (passing === false && below()) {
    const highSide = skewness(x) >= 0;
    let extreme = highSide ? -Infinity : Infinity;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v === v && (highSide ? v > extreme : v < extreme)) extreme = v;
    }
    const at: number[] = [];
    let next = highSide ? -Infinity : Infinity;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v !== v) continue;
      if (v === extreme) at.push(i);
      else if (highSide ? v > next : v < next) next = v;
    }
    for (const i of at) x[i] = next;
    if (highSide) high = at;
    else low = at;
    nwin = high.length + low.length;
    passing = checkSkewKurtosis(x, skewThreshold, kurtosisThreshold).pass;
  }
  return { x, nWinsorised: nwin, high, low };
}
