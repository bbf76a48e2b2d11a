/**
 * The validated iData: every row (all Times), numeric columns as Float64Array (NaN = missing), and which rows are
 * the units being scored.
 */
export interface Dataset {
  /** Column names in first-seen order. */
  readonly columns: readonly string[];
  /** All rows, including earlier Times used only as history (year-on-year growth). */
  readonly uCodes: readonly string[];
  readonly uNames: readonly string[];
  /** Time of each row, or null when there is no Time column. */
  readonly times: readonly (number | null)[];
  /** Text of each group column, per row. */
  readonly groups: ReadonlyMap<string, readonly (string | null)[]>;
  /** Numeric columns (indicators, denominators), per row; NaN = missing. */
  readonly numeric: ReadonlyMap<string, Float64Array>;
  /** The Time being scored (latest, or as asked), or null. */
  readonly evalTime: number | null;
  /** Row indices of the units being scored, in input order. */
  readonly evalRows: readonly number[];
}
