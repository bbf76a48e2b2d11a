/**
 * The engine's one error system. Every problem the engine finds — in the input files, the options, or the
 * configuration and data of the award steps (adjustments, ranking, award tiers, prizes, streaks) — is an
 * {@link EngineIssue} with a stable code, a message in Korean and English (`{ ko, en }`) and a location (file, row,
 * column, field, unit, indicator). Throwing functions throw {@link EngineInputError}, which carries every issue found
 * at once, never only the first; their `safe…` variants return a {@link SafeResult} instead.
 */
import { z } from 'zod';
import type { Bilingual } from './award-text.js';

/** Stable machine-readable codes of problems in the scoring input (files, options). */
export type InputIssueCode =
  | 'EMPTY_FILE'
  | 'INVALID_JSON'
  | 'SCHEMA'
  | 'MISSING_COLUMN'
  | 'MISSING_CODE'
  | 'DUPLICATE_CODE'
  | 'DUPLICATE_UNIT'
  | 'UNKNOWN_TYPE'
  | 'INVALID_LEVEL'
  | 'INVALID_WEIGHT'
  | 'INVALID_DIRECTION'
  | 'UNKNOWN_PARENT'
  | 'PARENT_NOT_AGGREGATE'
  | 'PARENT_LEVEL'
  | 'CYCLE'
  | 'MULTIPLE_TOP'
  | 'NO_TOP'
  | 'LEAF_NOT_INDICATOR'
  | 'INDICATOR_NOT_IN_DATA'
  | 'COLUMN_NOT_IN_DATA'
  | 'NOT_NUMERIC'
  | 'UNKNOWN_METHOD'
  | 'METHOD_PARAMETER'
  | 'INVALID_OPTION'
  | 'NO_UNITS'
  | 'NON_POSITIVE_MEAN_INPUT'
  | 'MISSING_NOT_ALLOWED'
  | 'ZERO_RANGE'
  | 'UNKNOWN_COLUMN'
  | 'DENOMINATOR_NOT_POSITIVE'
  | 'TREAT_SKIPPED'
  | 'POINTS_TOTAL'
  | 'POINTS_WEIGHT_MISMATCH'
  | 'POINTS_OUT_OF_RANGE'
  | 'POINTS_NOT_ADDITIVE'
  | 'NO_PREVIOUS_TIME'
  | 'STILL_MISSING_AFTER_IMPUTE'
  | 'UNIT_SCREENED_OUT'
  | 'NO_TOP_SCORE'
  | 'OUT_OF_SCALE';

/** Stable machine-readable codes of problems in the award steps' configuration and data (documented where raised). */
export type AwardIssueCode =
  | 'config.invalid'
  | 'config.duplicate_code'
  | 'input.duplicate_unit'
  | 'input.not_finite'
  | 'input.invalid_rank'
  | 'adjustment.unknown_rule'
  | 'adjustment.unknown_unit'
  | 'adjustment.wrong_sign'
  | 'adjustment.not_finite'
  | 'award.unknown_unit'
  | 'prize.unknown_tier'
  | 'streak.duplicate_year'
  | 'streak.invalid_year'
  | 'streak.empty_tier_set'
  | 'format.not_integer';

/** Every problem code the engine raises. */
export type IssueCode = InputIssueCode | AwardIssueCode;

/** Where a problem is: any subset of these fields, the more the better. */
export interface IssueLocation {
  /** File name as the user gave it (never a resolved machine path). */
  readonly file?: string;
  /** 1-based row: for CSV the record number with the header as row 1 (as a spreadsheet shows it); for JSON the array position. */
  readonly row?: number;
  /** Column name (CSV header or JSON key). */
  readonly column?: string;
  /** JSON path, option name or argument field, e.g. `iData[3].LPI`, `options.impute` or `entries[3].points`. */
  readonly field?: string;
  /** Unit code (uCode) concerned. */
  readonly unit?: string;
  /** Indicator or aggregate code (iCode) concerned. */
  readonly iCode?: string;
}

/** One problem found by the engine. */
export interface EngineIssue {
  readonly code: IssueCode;
  /** `error` stops scoring; `warning` is reported with the result. */
  readonly severity: 'error' | 'warning';
  readonly message: { readonly ko: string; readonly en: string };
  readonly location: IssueLocation;
  /** The award steps: the offending field inside the function's arguments, e.g. `['entries', 3, 'points']`. */
  readonly path?: ReadonlyArray<string | number>;
}

/** Builds an issue; a tiny helper so every call site states code, severity, message and location. */
export function makeIssue(code: IssueCode, severity: 'error' | 'warning', ko: string, en: string, location: IssueLocation = {}): EngineIssue {
  return { code, severity, message: { ko, en }, location };
}

/**
 * Thrown by every engine function that cannot work with its input ({@link score}, {@link compile}, the readers,
 * sensitivity, and the award steps). `issues` lists every problem found (errors first, in input order), so a user
 * can fix them all in one pass; `summary` says it in Korean and English.
 */
export class EngineInputError extends Error {
  override readonly name = 'EngineInputError';
  readonly issues: readonly EngineIssue[];
  /** Code of the first error (every code is in `issues`). */
  readonly code: IssueCode | null;
  /** Name of the public function that refused its input, when it names itself (the award steps do). */
  readonly functionName: string | null;
  /** Every error, one `where: reason` each, in Korean and in English (`message` is the English one). */
  readonly summary: Bilingual;

  constructor(issues: readonly EngineIssue[], functionName: string | null = null) {
    const errors = issues.filter((i) => i.severity === 'error');
    const shown = errors.length > 0 ? errors : issues;
    const prefix = functionName === null ? '' : `${functionName}: `;
    const lines = (lang: 'ko' | 'en') => shown.map((i) => `${issueWhere(i)}: ${i.message[lang]}`).join('; ');
    const summary = {
      ko: `${prefix}문제 ${shown.length}건: ${lines('ko')}`,
      en: `${prefix}${shown.length === 1 ? '1 problem' : `${shown.length} problems`}: ${lines('en')}`,
    };
    super(summary.en);
    this.issues = issues;
    this.code = shown[0]?.code ?? null;
    this.functionName = functionName;
    this.summary = summary;
  }
}

/** Result of a `safe…` function: never throws for bad input. */
export type SafeResult<T> =
  { readonly success: true; readonly data: T; readonly warnings: readonly EngineIssue[] } | { readonly success: false; readonly error: EngineInputError };

/**
 * One line per problem, naming file, row, column and reason in Korean and English, e.g.
 * `iData.csv row 5 column "LPI": 숫자가 아닙니다: "abc" | not a number: "abc"`.
 */
export function formatIssue(issue: EngineIssue): string {
  return `${issueWhere(issue)}: ${issue.message.ko} | ${issue.message.en}`;
}

/** Where an issue is, e.g. `iData.csv row 5 column "LPI"` or `config.tiers[1].code`; `input` when nothing is known. */
function issueWhere(issue: EngineIssue): string {
  const l = issue.location;
  const parts: string[] = [];
  if (l.file !== undefined) parts.push(l.file);
  if (l.row !== undefined) parts.push(`row ${l.row}`);
  if (l.column !== undefined) parts.push(`column "${l.column}"`);
  if (l.field !== undefined && l.column === undefined) parts.push(l.field);
  if (l.unit !== undefined) parts.push(`unit ${l.unit}`);
  if (l.iCode !== undefined && l.column !== l.iCode && l.column !== 'iCode') parts.push(`iCode ${l.iCode}`);
  return parts.length > 0 ? parts.join(' ') : 'input';
}

/** True when at least one issue is an error. */
export function hasErrors(issues: readonly EngineIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/**
 * Runs a function that throws {@link EngineInputError} for bad input and returns a {@link SafeResult} instead;
 * other errors (bugs) still throw.
 */
export function safely<T>(run: () => T, warningsOf: (data: T) => readonly EngineIssue[] = () => []): SafeResult<T> {
  try {
    const data = run();
    return { success: true, data, warnings: warningsOf(data) };
  } catch (e) {
    if (e instanceof EngineInputError) return { success: false, error: e };
    throw e;
  }
}

/** Formats an argument path as `tiers[2].rule.n`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Builds an error located at a field of a function's arguments (the award steps), e.g. `['entries', 3, 'points']`. */
export function fieldIssue(code: AwardIssueCode, path: ReadonlyArray<string | number>, ko: string, en: string): EngineIssue {
  return { code, severity: 'error', path, location: { field: formatPath(path) }, message: { ko, en } };
}

/**
 * Parses a configuration with its zod schema; on failure returns every zod problem as a `config.invalid` issue
 * (messages in Korean and English) under `root`.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  value: unknown,
  root: string,
): { data: z.output<S>; issues: EngineIssue[] } | { data: undefined; issues: EngineIssue[] } {
  const en = schema.safeParse(value);
  if (en.success) return { data: en.data, issues: [] };
  const ko = schema.safeParse(value, { error: z.locales.ko().localeError });
  const koIssues = ko.success ? [] : ko.error.issues;
  return {
    data: undefined,
    issues: en.error.issues.map((zi, k) => {
      const path = [root, ...zi.path.map((p) => (typeof p === 'number' ? p : String(p)))];
      return fieldIssue('config.invalid', path, koIssues[k]?.message ?? zi.message, zi.message);
    }),
  };
}

/** Throws an {@link EngineInputError} naming `functionName` when `issues` holds an error. */
export function throwIfErrors(functionName: string, issues: readonly EngineIssue[]): void {
  if (hasErrors(issues)) throw new EngineInputError(issues, functionName);
}
