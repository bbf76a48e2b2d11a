import { kurtosis } from './kurtosis.js';
import { skewness } from './skewness.js';

/** Outcome of the outlier test. */
export interface SkewKurtosisCheck {
  /** `true` passes, `false` fails, `null` cannot be decided (fewer than 4 values or zero variance). */
  readonly pass: boolean | null;
  readonly skew: number;
  readonly kurtosis: number;
}

/**
 * COINr's outlier test: a column passes when `|skew| < skewThreshold` OR `kurtosis < kurtosisThreshold`, i.e. it
 * needs treatment only when both are at or beyond their thresholds (defaults 2 and 3.5).
 * COINr: `check_SkewKurt(x, na.rm = TRUE, skew_thresh, kurt_thresh)`. O(n).
 */
export function checkSkewKurtosis(x: Float64Array, skewThreshold = 2, kurtosisThreshold = 3.5): SkewKurtosisCheck {
  const s = skewness(x);
  const k = kurtosis(x);
  if (s !== s || k !== k) return { pass: null, skew: s, kurtosis: k };
  return { pass: Math.abs(s) < skewThreshold || k < kurtosisThreshold, skew: s, kurtosis: k };
}
