import { neutraliseFormula, startsLikeFormula } from '../publication/text-cell.js';

/**
 * Formula injection in exported files (OWASP): text a spreadsheet would run — starting with `=`, `+`, `-`, `@`, tab
 * or CR — gets an apostrophe in front, by the same rule as the open-data files. Numbers are never touched. The
 * importer removes exactly this apostrophe again, so an exported or pre-filled file imports back unchanged.
 *
 * @example escapeFormula('=cmd|" /C calc"!A0') // → `'=cmd|" /C calc"!A0`
 */
export const escapeFormula: (text: string) => string = neutraliseFormula;

/** The inverse of {@link escapeFormula}, for text read back from a file we (or a careful user) escaped. */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && startsLikeFormula(text.slice(1)) ? text.slice(1) : text;
}
