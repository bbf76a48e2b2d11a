import { DomainError } from '../errors.js';
import { josaPick } from '../../korean.js';

/** One reviewer's total (0–100) for one item (district × indicator). */
export interface ReviewerItemScore {
  reviewer: string;
  item: string;
  total: number;
}

export interface ReviewerFlagOptions {
  /** Flag when |mean deviation| ≥ this many points (default 15). */
  threshold?: number;
  /** Flag when |z| of the mean deviation among reviewers ≥ this (default 2). */
  zThreshold?: number;
  /** Reviewers with fewer compared items are reported but never flagged (default 3). */
  minItems?: number;
}

export interface ReviewerDeviation {
  reviewer: string;
  /** Items compared: those the reviewer scored that at least one other reviewer also scored. */
  items: number;
  /** Mean signed deviation from the other reviewers' mean, in points; null without compared items. */
  meanDeviation: number | null;
  /** Standardised mean deviation among the reviewers with ≥ minItems items; null when not computable. */
  z: number | null;
  flagged: boolean;
  /** `harsh` scores below the panel, `lenient` above; null when not flagged. */
  direction: 'harsh' | 'lenient' | null;
  reasons: Array<'deviation' | 'zscore'>;
}

export const FLAG_DEFAULTS = { threshold: 15, zThreshold: 2, minItems: 3 } as const;

/**
 * Finds reviewers whose totals deviate systematically from the rest of the panel.
 *
 * For reviewer r and an item i that at least one other reviewer scored:
 *   dᵣᵢ = xᵣᵢ − mean{ xⱼᵢ : j ≠ r }                       (leave-one-out deviation)
 *   Dᵣ  = mean over r's compared items of dᵣᵢ               (mean signed deviation)
 *   zᵣ  = (Dᵣ − mean D) / sd D  over the reviewers with ≥ minItems items (population sd; needs ≥ 3 such
 *         reviewers and sd > 0)
 * r is flagged when they have ≥ minItems compared items and |Dᵣ| ≥ threshold or |zᵣ| ≥ zThreshold.
 *
 * The reference leaves the reviewer out because their own score would pull the item mean towards them: with n
 * scores the inclusive deviation is only (n − 1)/n of this one, which hides bias most on small panels. A
 * one-off disagreement averages out over the items; a reviewer who is harsh or lenient everywhere does not.
 * With five reviewers |z| cannot exceed 2, so the absolute threshold does the work there; z matters for large
 * panels. O(scores).
 *
 * @returns one entry per reviewer, by reviewer key.
 * @throws DomainError `invalid_panel_scores` when a total is not finite or a reviewer scored an item twice.
 * @example
 * // E is 20 points below the others on each of 3 items, the others ±: D = [5, 5, 5, 5, −20], sd 10, z(E) = −2
 * reviewerDeviationFlags(scores).find((r) => r.reviewer === 'E') // { meanDeviation: -20, z: -2, flagged: true, direction: 'harsh', … }
 */
export function reviewerDeviationFlags(scores: readonly ReviewerItemScore[], opts: ReviewerFlagOptions = {}): ReviewerDeviation[] {
  const { threshold, zThreshold, minItems } = { ...FLAG_DEFAULTS, ...opts };
  const byItem = new Map<string, Map<string, number>>();
  for (const s of scores) {
    if (!Number.isFinite(s.total)) {
      throw new DomainError('invalid', 'invalid_panel_scores', {
        ko: `reviewerDeviationFlags: ${s.reviewer}의 ${s.item} 점수가 숫자가 아닙니다.`,
        en: `reviewerDeviationFlags: the total of ${s.reviewer} for ${s.item} is not a finite number.`,
      });
    }
    const item = byItem.get(s.item) ?? new Map<string, number>();
    if (item.has(s.reviewer)) {
      throw new DomainError('invalid', 'invalid_panel_scores', {
        ko: `reviewerDeviationFlags: ${s.reviewer}${josaPick(s.reviewer, '이/가')} ${s.item}${josaPick(s.item, '을/를')} 두 번 채점했습니다.`,
        en: `reviewerDeviationFlags: ${s.reviewer} scored ${s.item} twice.`,
      });
    }
    item.set(s.reviewer, s.total);
    byItem.set(s.item, item);
  }

  const deviations = new Map<string, number[]>();
  for (const s of scores) if (!deviations.has(s.reviewer)) deviations.set(s.reviewer, []);
  for (const item of byItem.values()) {
    if (item.size < 2) continue;
    let sum = 0;
    for (const v of item.values()) sum += v;
    for (const [reviewer, v] of item) deviations.get(reviewer)!.push(v - (sum - v) / (item.size - 1));
  }

  const means = new Map<string, number | null>();
  for (const [reviewer, ds] of deviations) means.set(reviewer, ds.length ? ds.reduce((a, b) => a + b, 0) / ds.length : null);

  const eligible = [...deviations].filter(([, ds]) => ds.length >= minItems).map(([r]) => r);
  const zOf = new Map<string, number>();
  if (eligible.length >= 3) {
    const ds = eligible.map((r) => means.get(r)!);
    const mu = ds.reduce((a, b) => a + b, 0) / ds.length;
    const sd = Math.sqrt(ds.reduce((a, d) => a + (d - mu) ** 2, 0) / ds.length);
    // Below float noise the panel agrees: no one stands out.
    if (sd > 1e-9) eligible.forEach((r, i) => zOf.set(r, (ds[i]! - mu) / sd));
  }

  return [...deviations.keys()].sort().map((reviewer) => {
    const items = deviations.get(reviewer)!.length;
    const meanDeviation = means.get(reviewer) ?? null;
    const z = zOf.get(reviewer) ?? null;
    const reasons: ReviewerDeviation['reasons'] = [];
    if (items >= minItems && meanDeviation !== null) {
      if (Math.abs(meanDeviation) >= threshold - 1e-9) reasons.push('deviation');
      if (z !== null && Math.abs(z) >= zThreshold - 1e-9) reasons.push('zscore');
    }
    const flagged = reasons.length > 0;
    return { reviewer, items, meanDeviation, z, flagged, direction: flagged ? (meanDeviation! < 0 ? 'harsh' : 'lenient') : null, reasons };
  });
}
