/**
 * Streaks across years ("N년 연속 우수구"): consecutive yearly cycles in which a unit held a tier of a given set.
 */
import { z } from 'zod';
import { fieldIssue, parseConfig, throwIfErrors, type EngineIssue } from './engine-error.js';
import { compareCodes } from './rank.js';
import type { Bilingual } from './award-text.js';

/** One year's outcome: each unit's tier code, `null` = took part without a tier. */
export const YearTiersSchema = z.strictObject({
  year: z.number().int(),
  tiers: z.record(z.string(), z.string().nullable()),
});
export type YearTiers = z.infer<typeof YearTiersSchema>;

/**
 * Which tiers count (e.g. every excellence tier: `['best', 'excellent']`) and the year the current streak is
 * measured at (`asOf`; default = the latest year of the series; later years are ignored).
 */
export const StreakOptionsSchema = z.strictObject({
  tiers: z.array(z.string().min(1)),
  asOf: z.number().int().optional(),
});
export type StreakOptions = z.infer<typeof StreakOptionsSchema>;

/** A run of consecutive qualifying years. */
export interface StreakRun {
  readonly length: number;
  readonly startYear: number;
  readonly endYear: number;
}

export interface UnitStreak {
  readonly uCode: string;
  /** The run ending at `asOf`, or `null` when the unit did not qualify that year. */
  readonly current: StreakRun | null;
  /** The longest run up to `asOf` (the most recent of equally long ones), or `null` if it never qualified. */
  readonly longest: StreakRun | null;
  /** Every qualifying year up to `asOf`, ascending. */
  readonly years: readonly number[];
}

const FN = 'computeStreaks';

/**
 * Computes each unit's current and longest streak of consecutive years holding a tier of `options.tiers`.
 *
 * Definition: a run is a maximal sequence of years y, y+1, …, y+k−1 in each of which the unit's tier is in the
 * set. A year missing from the series (no cycle held or no data), a unit missing from a year, or a tier outside
 * the set breaks a run. current = the run ending at `asOf`; longest = the longest run (latest on a tie). Every
 * run's length ≤ the number of years in the series. Units: every uCode that appears in any year up to `asOf`,
 * in code-unit order. Complexity O(years × units).
 *
 * @throws {EngineInputError} `config.invalid` (options schema), `streak.empty_tier_set`, `streak.invalid_year`
 *   (non-integer year), `streak.duplicate_year`.
 * @example
 * computeStreaks(
 *   [2015, 2016, 2017, 2018, 2019].map((year) => ({ year, tiers: { '11215': year >= 2016 ? 'excellent' : null } })),
 *   { tiers: ['excellent'] },
 * )[0].current
 * // → { length: 4, startYear: 2016, endYear: 2019 }   (광진구: 4년 연속 우수구)
 */
export function computeStreaks(series: readonly YearTiers[], options: StreakOptions): UnitStreak[] {
  const parsed = parseConfig(StreakOptionsSchema, options, 'options');
  const issues: EngineIssue[] = [...parsed.issues];
  if (parsed.data !== undefined && parsed.data.tiers.length === 0) {
    issues.push(
      fieldIssue(
        'streak.empty_tier_set',
        ['options', 'tiers'],
        '연속 기록에 셀 시상 등급을 하나 이상 지정하십시오',
        'name at least one award tier to count for streaks',
      ),
    );
  }
  const seen = new Set<number>();
  series.forEach((y, i) => {
    if (!Number.isInteger(y.year)) {
      issues.push(
        fieldIssue('streak.invalid_year', ['series', i, 'year'], `연도가 정수가 아닙니다 (${String(y.year)})`, `year is not an integer (${String(y.year)})`),
      );
    } else if (seen.has(y.year)) {
      issues.push(fieldIssue('streak.duplicate_year', ['series', i, 'year'], `${y.year}년 결과가 두 번 있습니다`, `year ${y.year} appears twice`));
    }
    seen.add(y.year);
  });
  throwIfErrors(FN, issues);

  const counted = new Set(options.tiers);
  const sorted = [...series].sort((a, b) => a.year - b.year);
  const last = sorted[sorted.length - 1]?.year;
  const asOf = options.asOf ?? last ?? 0;
  const years = sorted.filter((y) => y.year <= asOf);
  const units = new Set<string>();
  for (const y of years) for (const u of Object.keys(y.tiers)) units.add(u);

  return [...units].sort(compareCodes).map((uCode) => {
    const qualifying = years.filter((y) => qualifies(y.tiers[uCode], counted)).map((y) => y.year);
    let longest: StreakRun | null = null;
    let run: StreakRun | null = null;
    for (const year of qualifying) {
      const prev: StreakRun | null = run;
      const next: StreakRun =
        prev !== null && prev.endYear === year - 1
          ? { length: prev.length + 1, startYear: prev.startYear, endYear: year }
          : { length: 1, startYear: year, endYear: year };
      run = next;
      if (longest === null || next.length >= longest.length) longest = next;
    }
    const current = run !== null && run.endYear === asOf ? run : null;
    return { uCode, current, longest, years: qualifying };
  });
}

function qualifies(tier: string | null | undefined, counted: ReadonlySet<string>): boolean {
  return tier !== undefined && tier !== null && counted.has(tier);
}

/**
 * Describes a streak for a results page or a press release; `label` names the tier set ("우수구" /
 * "Excellent district"). A one-year run is shown without "연속"; no run gives `null`.
 *
 * @example describeStreak({ length: 4, startYear: 2016, endYear: 2019 }, { ko: '우수구', en: 'Excellent district' })
 * // → { ko: '4년 연속 우수구 (2016–2019)', en: 'Excellent district 4 years running (2016–2019)' }
 */
export function describeStreak(run: StreakRun | null, label: Bilingual): Bilingual | null {
  if (run === null || run.length === 0) return null;
  if (run.length === 1) return { ko: `${label.ko} (${run.endYear})`, en: `${label.en} (${run.endYear})` };
  const span = `${run.startYear}–${run.endYear}`;
  return { ko: `${run.length}년 연속 ${label.ko} (${span})`, en: `${label.en} ${run.length} years running (${span})` };
}
