/**
 * Formula injection (CSV/spreadsheet injection, OWASP): a spreadsheet program may run text that starts with `=`,
 * `+`, `-` or `@` (or a tab or carriage return, which some programs skip first) as a formula, e.g. a company name
 * `=HYPERLINK("http://…")` typed by someone into a record. Exported text cells get an apostrophe in front, so they
 * stay text; numbers are written as numbers and never touched. The importer removes exactly this apostrophe again,
 * so an exported file imports back unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const ESCAPED = /^'[=+\-@\t\r]/;

/**
 * @example escapeFormula('=cmd|" /C calc"!A0') // → `'=cmd|" /C calc"!A0`
 * @example escapeFormula('광진구') // → '광진구'
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of {@link escapeFormula}, for text read back from a file we (or a careful user) escaped. */
export function unescapeFormula(text: string): string {
  return ESCAPED.test(text) ? text.slice(1) : text;
}
