/**
 * Errors as values: every problem the engine finds is an {@link EngineIssue} with a stable code, a message in
 * Korean and English and a location (file, row, column, field, unit, indicator). Libraries throw
 * {@link EngineInputError}, which carries every issue found at once, never only the first.
 */

/** Stable machine-readable problem codes. */
export type IssueCode =
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

/** Where a problem is: any subset of these fields, the more the better. */
export interface IssueLocation {
  /** File name as the user gave it (never a resolved machine path). */
  readonly file?: string;
  /** 1-based row: for CSV the record number with the header as row 1 (as a spreadsheet shows it); for JSON the array position. */
  readonly row?: number;
  /** Column name (CSV header or JSON key). */
  readonly column?: string;
  /** JSON path or option name, e.g. `iData[3].LPI` or `options.impute`. */
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
}

/** Builds an issue; a tiny helper so every call site states code, severity, message and location. */
export function makeIssue(
  code: IssueCode,
  severity: 'error' | 'warning',
  ko: string,
  en: string,
  location: IssueLocation = {},
): EngineIssue {
  return { code, severity, message: { ko, en }, location };
}

/**
 * Thrown by {@link score} and {@link compile} when the input cannot be scored. `issues` lists every problem found
 * (errors first, in input order), so a user can fix them all in one pass.
 */
export class EngineInputError extends Error {
  override readonly name = 'EngineInputError';
  readonly issues: readonly EngineIssue[];

  constructor(issues: readonly EngineIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    const first = errors[0] ?? issues[0];
    super(
      `${errors.length} input problem(s)` + (first ? `; first: ${formatIssue(first)}` : ''),
    );
    this.issues = issues;
  }
}

/** Result of a `safe…` function: never throws for bad input. */
export type SafeResult<T> =
  | { readonly success: true; readonly data: T; readonly warnings: readonly EngineIssue[] }
  | { readonly success: false; readonly error: EngineInputError };

/**
 * One line per problem, naming file, row, column and reason in Korean and English, e.g.
 * `iData.csv row 5 column "LPI": 숫자가 아닙니다: "abc" | not a number: "abc"`.
 */
export function formatIssue(issue: EngineIssue): string {
  const l = issue.location;
  const parts: string[] = [];
  if (l.file !== undefined) parts.push(l.file);
  if (l.row !== undefined) parts.push(`row ${l.row}`);
  if (l.column !== undefined) parts.push(`column "${l.column}"`);
  if (l.field !== undefined && l.column === undefined) parts.push(l.field);
  if (l.unit !== undefined) parts.push(`unit ${l.unit}`);
  if (l.iCode !== undefined && l.column !== l.iCode && l.column !== 'iCode') parts.push(`iCode ${l.iCode}`);
  const where = parts.length > 0 ? parts.join(' ') : 'input';
  return `${where}: ${issue.message.ko} | ${issue.message.en}`;
}

/** True when at least one issue is an error. */
export function hasErrors(issues: readonly EngineIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/**
 * Runs a function that throws {@link EngineInputError} for bad input and returns a {@link SafeResult} instead;
 * other errors (bugs) still throw.
 */
export function safely<T>(run: () => T, warningsOf: (data: T) => readonly EngineIssue[]): SafeResult<T> {
  try {
    const data = run();
    return { success: true, data, warnings: warningsOf(data) };
  } catch (e) {
    if (e instanceof EngineInputError) return { success: false, error: e };
    throw e;
  }
}
