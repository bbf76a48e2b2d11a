import { DomainError } from '../errors.js';

/** How many scores an item needs before its highest and lowest are dropped (DOMAIN.md step 4). */
export const TRIM_FROM = 5;

export interface PanelAggregate {
  /** The item's panel score (same scale as the inputs, 0–100 for rubric totals). */
  score: number;
  /** True when one highest and one lowest score were dropped. */
  trimmed: boolean;
  /** Positions (in the input) of the dropped lowest and highest scores; null when not trimmed. */
  droppedLow: number | null;
  droppedHigh: number | null;
}

/**
 * The panel's score of one item from its reviewers' totals: a trimmed mean.
 *
 *   n ≥ trimFrom (default 5): drop one lowest and one highest score, score = mean of the other n − 2;
 *   1 ≤ n < trimFrom:         score = mean of all n.
 *
 * Only one copy of an extreme value is dropped when several reviewers gave it (ties: the earliest in input order
 * goes). With five scores this is the 20 % trimmed mean of robust statistics; larger panels still lose only their
 * two extremes, as in jury scoring. O(n log n).
 *
 * @throws DomainError `invalid_panel_scores` when there is no score or a score is not a finite number.
 * @example panelAggregate([40, 70, 60, 100, 80]) // { score: 70, trimmed: true, droppedLow: 0, droppedHigh: 3 }
 * @example panelAggregate([40, 70, 60, 100])     // { score: 67.5, trimmed: false, … }
 */
export function panelAggregate(totals: readonly number[], opts: { trimFrom?: number } = {}): PanelAggregate {
  const trimFrom = opts.trimFrom ?? TRIM_FROM;
  if (totals.length === 0) {
    throw new DomainError('invalid', 'invalid_panel_scores', {
      ko: 'panelAggregate: 점수가 하나도 없습니다.',
      en: 'panelAggregate: needs at least one score.',
    });
  }
  const bad = totals.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new DomainError('invalid', 'invalid_panel_scores', {
      ko: `panelAggregate: ${bad + 1}번째 점수가 숫자가 아닙니다 (${totals[bad]}).`,
      en: `panelAggregate: score #${bad + 1} is not a finite number (${totals[bad]}).`,
    });
  }
  if (!(Number.isInteger(trimFrom) && trimFrom >= 3)) {
    throw new DomainError('invalid', 'invalid_panel_scores', {
      ko: `panelAggregate: trimFrom은 3 이상의 정수여야 합니다 (${trimFrom}).`,
      en: `panelAggregate: trimFrom must be an integer ≥ 3 (got ${trimFrom}).`,
    });
  }
  const sum = totals.reduce((s, v) => s + v, 0);
  if (totals.length < trimFrom) return { score: sum / totals.length, trimmed: false, droppedLow: null, droppedHigh: null };
  const order = totals.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const [low, lowAt] = order[0]!;
  const [high, highAt] = order[order.length - 1]!;
  return { score: (sum - low - high) / (totals.length - 2), trimmed: true, droppedLow: lowAt, droppedHigh: highAt };
}

/**
 * {@link panelAggregate}'s score alone.
 *
 * @throws DomainError `invalid_panel_scores` as {@link panelAggregate}.
 * @example panelTrimmedMean([50, 55, 60, 65, 95]) // (55 + 60 + 65) / 3 = 60
 */
export function panelTrimmedMean(totals: readonly number[], opts: { trimFrom?: number } = {}): number {
  return panelAggregate(totals, opts).score;
}

/**
 * {@link panelTrimmedMean} without throwing.
 *
 * @example safePanelTrimmedMean([]) // { success: false, error: DomainError('invalid_panel_scores') }
 */
export function safePanelTrimmedMean(
  totals: readonly number[],
  opts: { trimFrom?: number } = {},
): { success: true; data: number } | { success: false; error: DomainError } {
  try {
    return { success: true, data: panelTrimmedMean(totals, opts) };
  } catch (err) {
    if (err instanceof DomainError) return { success: false, error: err };
    throw err;
  }
}
