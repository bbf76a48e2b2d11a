/**
 * Competition ranking ("1224" ranking) with float-noise-proof ties, as used for the published rank.
 */
import { fieldIssue, safely, throwIfErrors, type EngineIssue, type SafeResult } from './engine-error.js';

/** A unit's score; `null` = no score (not ranked). */
export interface UnitScore {
  readonly uCode: string;
  readonly score: number | null;
}

/** A unit with its rank; `rank` is `null` when the score is missing. */
export interface RankedUnit extends UnitScore {
  readonly rank: number | null;
}

export interface RankOptions {
  /**
   * Scores are compared after rounding to this many decimals (default 9, i.e. a 1e-9 resolution), so float noise
   * such as `0.1 + 0.2` vs `0.3` never splits a tie. Integer 0–15.
   */
  readonly decimals?: number;
}

/** Default number of decimals kept when comparing scores. */
export const DEFAULT_RANK_DECIMALS = 9;

/**
 * The comparison key of a score: `round(score × 10^decimals) / 10^decimals` (JavaScript `Math.round`, halves
 * upwards). Monotone non-decreasing in `score`, so rounding can merge neighbours into a tie but never reorder them.
 *
 * @example rankKey(0.1 + 0.2) === rankKey(0.3) // → true
 * @example rankKey(72.4449, 2)                  // → 72.44
 */
export function rankKey(score: number, decimals: number = DEFAULT_RANK_DECIMALS): number {
  const f = 10 ** decimals;
  const scaled = score * f;
  if (!Number.isFinite(scaled)) return score;
  return Math.round(scaled) / f + 0;
}

/**
 * Ranks units by score, higher = better: rank 1 is best; tied units (equal {@link rankKey}) share the best rank
 * number of their group and the next number is skipped (standard competition ranking: 1, 2, 2, 4), as COINr's
 * `rank(-x, ties.method = "min")`. Units without a score get rank `null` and come last.
 *
 * Order of the result: by rank, then by `uCode` in code-unit order (locale-independent). The result therefore
 * does not depend on the order of the input. Complexity O(n log n).
 *
 * @throws {EngineInputError} `input.duplicate_unit` for a repeated `uCode`; `input.not_finite` for a NaN or infinite
 *   score (use `null` for a missing one); `config.invalid` for `decimals` outside 0–15.
 * @example
 * rankUnits([{ uCode: 'a', score: 80 }, { uCode: 'b', score: 90 }, { uCode: 'c', score: 80 }, { uCode: 'd', score: 70 }])
 * // → b 1, a 2, c 2, d 4
 */
export function rankUnits(units: readonly UnitScore[], options: RankOptions = {}): RankedUnit[] {
  const decimals = options.decimals ?? DEFAULT_RANK_DECIMALS;
  const issues: EngineIssue[] = [];
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15) {
    issues.push(
      fieldIssue(
        'config.invalid',
        ['options', 'decimals'],
        `decimals는 0–15 사이의 정수여야 합니다 (${String(decimals)})`,
        `decimals must be an integer from 0 to 15 (got ${String(decimals)})`,
      ),
    );
  }
  issues.push(...checkUnitScores(units, 'units'));
  throwIfErrors('rankUnits', issues);
  return rankValidated(units, decimals);
}

/** {@link rankUnits} without throwing. */
export function safeRankUnits(units: readonly UnitScore[], options: RankOptions = {}): SafeResult<RankedUnit[]> {
  return safely(() => rankUnits(units, options));
}

/** Problems with a list of unit scores: repeated codes, non-finite scores. */
export function checkUnitScores(units: readonly UnitScore[], root: string): EngineIssue[] {
  const issues: EngineIssue[] = [];
  const seen = new Set<string>();
  units.forEach((u, i) => {
    if (seen.has(u.uCode)) {
      issues.push(
        fieldIssue('input.duplicate_unit', [root, i, 'uCode'], `단위 코드 "${u.uCode}"가 중복됩니다`, `unit code "${u.uCode}" is repeated`),
      );
    }
    seen.add(u.uCode);
    if (u.score !== null && (typeof u.score !== 'number' || !Number.isFinite(u.score))) {
      issues.push(
        fieldIssue(
          'input.not_finite',
          [root, i, 'score'],
          `"${u.uCode}"의 점수가 유한한 숫자가 아닙니다 (${String(u.score)}); 점수가 없으면 null로 두십시오`,
          `score of "${u.uCode}" is not a finite number (${String(u.score)}); use null for a missing score`,
        ),
      );
    }
  });
  return issues;
}

/** Code-unit order of unit codes, the tie order used everywhere in the award steps. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An item with its competition rank and the size of its tie group. */
export interface Ranked<T> {
  readonly item: T;
  readonly rank: number;
  readonly tied: number;
}

/**
 * Standard competition ranking under a comparator (negative = `a` is better): equal items share the best rank
 * number of their group and the next number is skipped (1, 2, 2, 4). Ties are listed by `uCode` (code-unit
 * order), so the result does not depend on the input order. O(n log n).
 */
export function competitionRank<T extends { readonly uCode: string }>(
  items: readonly T[],
  compare: (a: T, b: T) => number,
): Array<Ranked<T>> {
  const sorted = [...items].sort((a, b) => compare(a, b) || compareCodes(a.uCode, b.uCode));
  const out: Array<{ item: T; rank: number; tied: number }> = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    const prev = sorted[i - 1] as T;
    const cur = sorted[i];
    if (cur !== undefined && compare(prev, cur) === 0) continue;
    for (let j = start; j < i; j++) out.push({ item: sorted[j] as T, rank: start + 1, tied: i - start });
    start = i;
  }
  return out;
}

/**
 * Whether a ranked item is within the top `n` under a tie policy: `include` = every item whose rank is ≤ n, so a
 * tie group straddling the boundary is taken whole (may exceed n); `exclude` = only tie groups that fit entirely
 * (rank + tied − 1 ≤ n), so a straddling group is left out whole (may give fewer than n).
 */
export function withinTop(r: { readonly rank: number; readonly tied: number }, n: number, ties: 'include' | 'exclude'): boolean {
  return ties === 'include' ? r.rank <= n : r.rank + r.tied - 1 <= n;
}

/** Ranking of already validated input (no checks); units without a score come last with rank `null`. */
export function rankValidated<T extends UnitScore>(units: readonly T[], decimals: number): Array<T & { rank: number | null }> {
  const scored: Array<{ uCode: string; key: number; unit: T }> = [];
  const missing: T[] = [];
  for (const u of units) {
    if (u.score === null) missing.push(u);
    else scored.push({ uCode: u.uCode, key: rankKey(u.score, decimals), unit: u });
  }
  missing.sort((a, b) => compareCodes(a.uCode, b.uCode));
  return [
    ...competitionRank(scored, (a, b) => b.key - a.key).map(({ item, rank }) => ({ ...item.unit, rank })),
    ...missing.map((u) => ({ ...u, rank: null })),
  ];
}
