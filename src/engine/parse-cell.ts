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

/**
 * Whether decimal text is exactly what `String(Number(text))` writes, so that the text itself can stand for the
 * number in canonical JSON without formatting it again: an optional `-`, an integer part without leading zeros, an
 * optional fraction without trailing zeros, at most 15 significant digits (so the text is the one shortest decimal
 * that reads back as its double), no more than 21 integer digits and no value below 1e-6 (where `String` switches
 * to exponent notation), and not `-0` (written `0`).
 *
 * @example isShortestNumberText('390.799991147468') // true
 * @example isShortestNumberText('1.50')             // false: String(1.50) is '1.5'
 */
export function isShortestNumberText(s: string): boolean {
  const v = shortestNumberValue(s);
  return v === v;
}

/** 10⁰ … 10²², every one exactly a double. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * The number that text in the form {@link isShortestNumberText} accepts stands for (exactly `Number(s)`), or NaN when
 * the text is not in that form: one pass over the characters both checks the form and reads the value.
 *
 * The value is the decimal's digits as an integer m (at most 15 significant digits, so m < 10¹⁵ is exact) divided
 * by 10^f for f fraction digits (f ≤ 20, and 10^f is exact): both operands exact, the one IEEE division rounds
 * the exact quotient m / 10^f correctly, to nearest, ties to even, as `Number` does (Clinger's fast path of every
 * correct decimal reader). Integers of more than 15 digits (trailing zeros) are read by `Number`.
 */
export function shortestNumberValue(s: string): number {
  const n = s.length;
  let i = 0;
  let negative = false;
  if (n > 0 && s.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  if (i >= n) return NaN;
  let c = s.charCodeAt(i);
  let intDigits = 0;
  let zeroInt = false;
  let m = 0;
  if (c === 48) {
    zeroInt = true;
    intDigits = 1;
    i++;
    if (i === n) return negative ? NaN : 0;
  } else if (c >= 49 && c <= 57) {
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      i++;
      intDigits++;
    }
    if (intDigits > 21) return NaN;
    if (i === n) {
      let trailingZeros = 0;
      for (let k = n - 1; s.charCodeAt(k) === 48; k--) trailingZeros++;
      if (intDigits - trailingZeros > 15) return NaN;
      if (intDigits > 15) return Number(s);
      return negative ? -m : m;
    }
  } else return NaN;
  if (s.charCodeAt(i) !== 46) return NaN;
  i++;
  const fractionStart = i;
  let leadingZeros = 0;
  while (i < n && s.charCodeAt(i) === 48) {
    m *= 10;
    i++;
    leadingZeros++;
  }
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    i++;
  }
  const fractionDigits = i - fractionStart;
  if (i !== n || fractionDigits === 0 || s.charCodeAt(n - 1) === 48) return NaN;
  if (zeroInt ? leadingZeros > 5 || fractionDigits - leadingZeros > 15 : intDigits + fractionDigits > 15) return NaN;
  const v = m / POW10[fractionDigits]!;
  return negative ? -v : v;
}
