/**
 * Formula injection (CSV/spreadsheet injection): a spreadsheet may run a cell whose text starts with `=`, `+`, `-`
 * or `@` (and tab or carriage return, which some programs skip before looking) as a formula, e.g. a district name
 * `=HYPERLINK("http://…")` in an exported file. OWASP's remedy: prefix such text with an apostrophe so it stays
 * text. Only text cells are escaped; numbers stay numbers (a penalty of −1 is a number, not text).
 */
// Control and format characters in front do not protect: an xlsx writer drops the ones XML cannot hold, and a
// spreadsheet may skip others, leaving the formula at the start.
const FORMULA_START = /^[\p{Cc}\p{Cf}]*[=+\-@\t\r]/u;

/**
 * Returns `text` unchanged, or prefixed with `'` when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * (after any control or format characters).
 *
 * @example neutraliseFormula('=HYPERLINK("http://x","클릭")') // → `'=HYPERLINK("http://x","클릭")`
 * @example neutraliseFormula('광진구') // → '광진구'
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** True when {@link neutraliseFormula} would change `text`. */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}
