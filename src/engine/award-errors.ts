/**
 * Typed errors of the award post-processing steps (adjustments, ranking, award tiers, prizes, streaks).
 *
 * Every problem is a value with a stable `code`, a message in Korean and English and a `path` locating the
 * offending field in the input (e.g. `['entries', 3, 'points']`). Validation collects every problem before
 * failing, so a caller can show them all at once. Throwing functions throw {@link AwardError}; their `safe…`
 * variants return a {@link AwardSafeResult} instead.
 */
import { z } from 'zod';
import type { Bilingual } from './award-text.js';

/** Stable machine-readable problem codes (documented in the functions that raise them). */
export const AWARD_ISSUE_CODES = [
  'config.invalid',
  'config.duplicate_code',
  'input.duplicate_unit',
  'input.not_finite',
  'input.invalid_rank',
  'adjustment.unknown_rule',
  'adjustment.unknown_unit',
  'adjustment.wrong_sign',
  'adjustment.not_finite',
  'award.unknown_unit',
  'prize.unknown_tier',
  'streak.duplicate_year',
  'streak.invalid_year',
  'streak.empty_tier_set',
  'format.not_integer',
] as const;
export type AwardIssueCode = (typeof AWARD_ISSUE_CODES)[number];

/**
 * One problem found in an input. Shaped like the engine's `EngineIssue` (`severity`, `message`, `location.field`)
 * so one error mapper can present both.
 */
export interface AwardIssue {
  readonly code: AwardIssueCode;
  readonly severity: 'error';
  readonly message: Bilingual;
  /** Location of the offending field inside the function's arguments. */
  readonly path: ReadonlyArray<string | number>;
  /** The same location as text (`entries[3].points`). */
  readonly location: { readonly field: string };
}

/** Error thrown by the award post-processing functions; carries every problem found. */
export class AwardError extends Error {
  override readonly name = 'AwardError';
  /** Code of the first problem (all codes are in `issues`). */
  readonly code: AwardIssueCode;
  /** Name of the public function that rejected its input. */
  readonly functionName: string;
  readonly issues: readonly AwardIssue[];
  /** Korean summary of all problems. */
  readonly messageKo: string;

  constructor(functionName: string, issues: readonly AwardIssue[]) {
    const first = issues[0];
    if (first === undefined) throw new TypeError('AwardError needs at least one issue');
    const line = (i: AwardIssue, lang: 'ko' | 'en'): string =>
      `[${i.code}]${i.path.length > 0 ? ` ${formatAwardPath(i.path)}:` : ''} ${i.message[lang]}`;
    super(
      `${functionName}: ${issues.length === 1 ? '1 problem' : `${issues.length} problems`}: ` +
        issues.map((i) => line(i, 'en')).join('; '),
    );
    this.code = first.code;
    this.functionName = functionName;
    this.issues = issues;
    this.messageKo = `${functionName}: 문제 ${issues.length}건: ` + issues.map((i) => line(i, 'ko')).join('; ');
  }
}

/** Result of a `safe…` function: the data, or the error that the throwing variant would have thrown. */
export type AwardSafeResult<T> = { success: true; data: T } | { success: false; error: AwardError };

/** Formats a path as `tiers[2].rule.n`. */
export function formatAwardPath(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Builds an issue. */
export function awardIssue(
  code: AwardIssueCode,
  path: ReadonlyArray<string | number>,
  ko: string,
  en: string,
): AwardIssue {
  return { code, severity: 'error', path, location: { field: formatAwardPath(path) }, message: { ko, en } };
}

/**
 * Parses a configuration with its zod schema; on failure returns every zod problem as a `config.invalid`
 * issue (messages in Korean and English) under `root`.
 */
export function parseAwardConfig<S extends z.ZodType>(
  schema: S,
  value: unknown,
  root: string,
): { data: z.output<S>; issues: AwardIssue[] } | { data: undefined; issues: AwardIssue[] } {
  const en = schema.safeParse(value);
  if (en.success) return { data: en.data, issues: [] };
  const ko = schema.safeParse(value, { error: z.locales.ko().localeError });
  const koIssues = ko.success ? [] : ko.error.issues;
  return {
    data: undefined,
    issues: en.error.issues.map((zi, k) => {
      const path = [root, ...zi.path.map((p) => (typeof p === 'number' ? p : String(p)))];
      return awardIssue('config.invalid', path, koIssues[k]?.message ?? zi.message, zi.message);
    }),
  };
}

/** Runs `fn` and turns an {@link AwardError} into a failed {@link AwardSafeResult}; other errors propagate. */
export function toAwardSafe<T>(fn: () => T): AwardSafeResult<T> {
  try {
    return { success: true, data: fn() };
  } catch (e) {
    if (e instanceof AwardError) return { success: false, error: e };
    throw e;
  }
}

/** Throws an {@link AwardError} when `issues` is not empty. */
export function throwAwardIssues(functionName: string, issues: readonly AwardIssue[]): void {
  if (issues.length > 0) throw new AwardError(functionName, issues);
}
