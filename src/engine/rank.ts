/**
 * Competition ranking ("1224"), the engine's one ranker: tied values share the best rank and the next rank is
 * skipped. {@link competitionRanks} is the kernel (typed arrays, no allocation: the score's rank, the rank and
 * percentile normalisations, Monte Carlo runs, the what-if page); the award steps rank units through it
 * ({@link rankUnits}, {@link competitionRank}) after rounding scores with {@link rankKey}, so float noise never
 * splits a tie.
 *
 * COINr: results ranks are `rank(-x, ties.method = "min", na.last = "keep")`; `n_rank` is
 * `rank(x, ties.method = "min", na.last = "keep")`.
 */
import { lowerBound, upperBound } from './binary-search.js';
import { fieldIssue, throwIfErrors, type EngineIssue } from './engine-error.js';
import type { Topology } from './topology.js';
import { josaPick } from './korean.js';

/**
 * Ranks `values[offset … offset + n)` into `out[outOffset …]`. Missing values (NaN) get NaN. Sorts a scratch copy
 * with the native numeric typed-array sort and counts with binary search, so it runs in O(n log n) and allocates
 * nothing when a scratch array is supplied.
 *
 * @param descending `true`: the highest value ranks 1 (scores); `false`: the lowest ranks 1 (COINr `n_rank`).
 * @param scratch at least `n` long; overwritten.
 * @example
 * const out = new Float64Array(4);
 * competitionRanks(Float64Array.of(90, 80, 80, 70), out, true); // out = [1, 2, 2, 4]
 */
export function competitionRanks(
  values: Float64Array,
  out: Float64Array,
  descending: boolean,
  scratch: Float64Array = new Float64Array(values.length),
  n: number = values.length,
  offset = 0,
  outOffset = 0,
): void {
  for (let i = 0; i < n; i++) scratch[i] = values[offset + i]!;
  // Fill the tail beyond n with NaN so the whole scratch array can be sorted without a view.
  for (let i = n; i < scratch.length; i++) scratch[i] = NaN;
  scratch.sort();
  let m = 0;
  while (m < n && scratch[m]! === scratch[m]!) m++;
  for (let i = 0; i < n; i++) {
    const v = values[offset + i]!;
    if (v !== v) out[outOffset + i] = NaN;
    else if (descending) out[outOffset + i] = 1 + (m - upperBound(scratch, v, m));
    else out[outOffset + i] = 1 + lowerBound(scratch, v, m);
  }
}

/**
 * Ranks the top node of aggregated results (`aggregated[top * nUnits + u]`) into `ranks` (1 = best, ties share the
 * best rank, missing → NaN). Allocates nothing.
 */
export function rankInto(model: Topology, aggregated: Float64Array, ranks: Float64Array): void {
  competitionRanks(aggregated, ranks, true, model.scratch.rank, model.nUnits, model.top * model.nUnits, 0);
}

/** A unit's score; `null` = no score (not ranked). */
export interface UnitScore {
  readonly uCode: string;
  readonly score: number | null;
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
 * `rank(-x, ties.method = "min")`. Units without a score get rank `null` and come last. Each unit keeps its other
 * fields (the award steps rank their `AwardUnit`s with it).
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
export function rankUnits<T extends UnitScore>(units: readonly T[], options: RankOptions = {}): Array<T & { rank: number | null }> {
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

/** Problems with a list of unit scores: repeated codes, non-finite scores. */
export function checkUnitScores(units: readonly UnitScore[], root: string): EngineIssue[] {
  const issues: EngineIssue[] = [];
  const seen = new Set<string>();
  units.forEach((u, i) => {
    if (seen.has(u.uCode)) {
      issues.push(
        fieldIssue(
          'input.duplicate_unit',
          [root, i, 'uCode'],
          `단위 코드 "${u.uCode}"${josaPick(u.uCode, '이/가')} 중복됩니다`,
          `unit code "${u.uCode}" is repeated`,
        ),
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
 * Ranks items by a numeric key, higher = better, with {@link competitionRanks}: equal keys share the best rank
 * number of their group and the next number is skipped (1, 2, 2, 4). Listed by rank, ties by `uCode` (code-unit
 * order), so the result does not depend on the input order. Keys must not be NaN. O(n log n).
 *
 * @example
 * competitionRank([{ uCode: 'a', k: 80 }, { uCode: 'b', k: 90 }, { uCode: 'c', k: 80 }], (x) => x.k)
 * // → b rank 1 (tied 1), a rank 2 (tied 2), c rank 2 (tied 2)
 */
export function competitionRank<T extends { readonly uCode: string }>(items: readonly T[], keyOf: (item: T) => number): Array<Ranked<T>> {
  const ranks = new Float64Array(items.length);
  competitionRanks(Float64Array.from(items, keyOf), ranks, true);
  const groupSize = new Map<number, number>();
  for (const r of ranks) groupSize.set(r, (groupSize.get(r) ?? 0) + 1);
  return items
    .map((item, i) => ({ item, rank: ranks[i]!, tied: groupSize.get(ranks[i]!)! }))
    .sort((a, b) => a.rank - b.rank || compareCodes(a.item.uCode, b.item.uCode));
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
function rankValidated<T extends UnitScore>(units: readonly T[], decimals: number): Array<T & { rank: number | null }> {
  const scored: Array<{ uCode: string; key: number; unit: T }> = [];
  const missing: T[] = [];
  for (const u of units) {
    if (u.score === null) missing.push(u);
    else scored.push({ uCode: u.uCode, key: rankKey(u.score, decimals), unit: u });
  }
  missing.sort((a, b) => compareCodes(a.uCode, b.uCode));
  return [...competitionRank(scored, (s) => s.key).map(({ item, rank }) => ({ ...item.unit, rank })), ...missing.map((u) => ({ ...u, rank: null }))];
}
