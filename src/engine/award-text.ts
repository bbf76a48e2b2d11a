/**
 * Small text helpers shared by the award post-processing steps (adjustments, award tiers, prizes, streaks):
 * a bilingual message type and locale-independent number formatting, so that the same input gives the same
 * text in Node and in every browser (no `Intl`/ICU dependency).
 */
import { z } from 'zod';

/** A human-readable text in Korean (shown first in the product) and English. */
export const BilingualSchema = z.strictObject({
  ko: z.string().min(1),
  en: z.string().min(1),
});
export type Bilingual = z.infer<typeof BilingualSchema>;

/**
 * Groups the digits of a non-negative integer string in threes with commas.
 *
 * @example groupDigits('45000000') // → '45,000,000'
 */
export function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Formats a score for a sentence: at most `decimals` decimals (default 2), trailing zeros dropped, no
 * thousands separator, `-0` shown as `0`.
 *
 * @example formatScore(89.999999999) // → '90'
 * @example formatScore(72.456)       // → '72.46'
 */
export function formatScore(score: number, decimals = 2): string {
  const fixed = score.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * Formats a share in [0, 1] as a percentage with at most two decimals.
 *
 * @example formatPercent(0.2)   // → '20'
 * @example formatPercent(1 / 3) // → '33.33'
 */
export function formatPercent(share: number): string {
  return formatScore(share * 100, 2);
}
