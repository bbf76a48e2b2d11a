/**
 * Reading one cell of iMeta or iData, the same way for CSV text and JSON values.
 * Missing: `null`, an empty string, or `NA` (an unquoted `NA` in CSV; in JSON only in numeric columns).
 */

const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A numeric cell: a JSON number, or a plain decimal string (`12`, `-0.5`, `1e3`; no thousands separators, no `%`).
 *
 * @returns the number; `null` when the cell is missing; `undefined` when it is present but not a finite number.
 * @example parseNumberCell(' 4.5 ') // 4.5
 * @example parseNumberCell('NA')    // null
 * @example parseNumberCell('abc')   // undefined
 */
export function parseNumberCell(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? (value === 0 ? 0 : value) : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s === '' || s === 'NA') return null;
  if (!NUMBER_PATTERN.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? (n === 0 ? 0 : n) : undefined;
}

/**
 * A text cell (codes, names, parents, group labels): trimmed; numbers become their decimal text (a JSON uCode may be
 * written `11110`).
 *
 * @returns the text, or `null` when missing (null or empty).
 */
export function parseTextCell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  return s === '' ? null : s;
}

/**
 * A list of numbers, e.g. band thresholds: a JSON array, or text separated by `;`, `|`, `,` or spaces
 * (`"5;10;20"`).
 *
 * @returns the numbers; `null` when missing; `undefined` when an element is not a number.
 */
export function parseNumberList(value: unknown): number[] | null | undefined {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    const out: number[] = [];
    for (const v of value) {
      const n = parseNumberCell(v);
      if (n === null || n === undefined) return undefined;
      out.push(n);
    }
    return out.length === 0 ? null : out;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? [value] : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s === '' || s === 'NA') return null;
  const out: number[] = [];
  for (const part of s.split(/[;|,\s]+/)) {
    if (part === '') continue;
    const n = parseNumberCell(part);
    if (n === null || n === undefined) return undefined;
    out.push(n);
  }
  return out.length === 0 ? null : out;
}
