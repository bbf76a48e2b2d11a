import { median } from '../../engine/index.js';

/** Iglewicz & Hoaglin's constant: 0.6745 ≈ Φ⁻¹(0.75), so that MAD / 0.6745 estimates σ for normal data. */
export const MAD_CONSTANT = 0.6745;
/** When MAD is 0, the mean absolute deviation scaled by √(π/2) ≈ 1.253314 estimates σ instead. */
export const MEAN_AD_CONSTANT = 1.253314;

export interface RobustZScore {
  /** The modified z-score; ±Infinity when every reference value is equal and `x` differs from them. */
  z: number;
  /** Median of the reference values. */
  median: number;
  /** Median absolute deviation of the reference values from their median. */
  mad: number;
  /** Which spread the score was scaled by: MAD, the mean absolute deviation (MAD = 0), or none (no spread). */
  scale: 'mad' | 'mean_ad' | 'none';
}

/**
 * Robust (modified) z-score of `x` against a reference sample (Iglewicz & Hoaglin 1993, "How to Detect and Handle
 * Outliers"):
 *
 *     z = 0.6745 × (x − median(R)) / MAD(R),   MAD(R) = median(|r − median(R)|)
 *
 * When more than half of the reference values are equal MAD is 0; the score then falls back to the mean absolute
 * deviation, z = (x − median) / (1.253314 × meanAD) (the same fallback as IBM SPSS). When every reference value is
 * equal there is no spread at all: z is 0 for `x` equal to them and ±Infinity otherwise. |z| > 3.5 is the usual
 * outlier threshold. O(n log n) in the size of the reference sample.
 *
 * @throws Error when the reference sample is empty or a value is not a finite number.
 * @example robustZScore(20, [10, 12, 11, 13, 9]) // { z: 6.0705, median: 11, mad: 1, scale: 'mad' }
 */
export function robustZScore(x: number, reference: readonly number[]): RobustZScore {
  if (!Number.isFinite(x)) throw new Error(`robustZScore: x must be a finite number, got ${x}`);
  if (reference.length === 0) throw new Error('robustZScore: the reference sample is empty');
  if (!reference.every(Number.isFinite)) throw new Error('robustZScore: every reference value must be a finite number');
  const m = median(reference);
  const deviations = reference.map((r) => Math.abs(r - m));
  const mad = median(deviations);
  if (mad > 0) return { z: (MAD_CONSTANT * (x - m)) / mad, median: m, mad, scale: 'mad' };
  const meanAd = deviations.reduce((s, d) => s + d, 0) / deviations.length;
  if (meanAd > 0) return { z: (x - m) / (MEAN_AD_CONSTANT * meanAd), median: m, mad, scale: 'mean_ad' };
  return { z: x === m ? 0 : Math.sign(x - m) * Infinity, median: m, mad, scale: 'none' };
}
