/**
 * Number formatting for people (press release, scorecard) and the precision open data declares for its figures.
 */

/** Fixed decimals with thousands separators: `fixed(1234.5, 1)` → "1,234.5"; null → "–". */
export function fixed(x: number | null, decimals: number): string {
  if (x === null || !Number.isFinite(x)) return '–';
  return x.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: true });
}

/** Up to `decimals` decimals, trailing zeros dropped: `compact(12.50, 2)` → "12.5", `compact(140, 2)` → "140". */
export function compact(x: number | null, decimals = 2): string {
  if (x === null || !Number.isFinite(x)) return '–';
  return x.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: decimals, useGrouping: true });
}

/** A signed figure: `signed(1.5, 1)` → "+1.5", `signed(-1, 1)` → "−1.0" (true minus sign). */
export function signed(x: number, decimals: number): string {
  const text = fixed(Math.abs(x), decimals);
  return x > 0 ? `+${text}` : x < 0 ? `−${text}` : text;
}

/**
 * The precision a published figure is given to. `decimals`: rounded half away from zero to that many decimals
 * (points and 0–100 scores: 2, the precision the framework's points are stated in; ranks, years, won: 0).
 * `significant`: a value as entered or computed from entries (raw indicator values), with only the binary noise
 * of the arithmetic removed (`3.7319999999999998` → `3.732`): at most that many significant digits.
 */
export type Precision = { decimals: number } | { significant: number };

/** Points and 0–100 scores in open data: 2 decimals. */
export const POINTS_PRECISION: Precision = { decimals: 2 };
/** Whole numbers: ranks, years, counts, won. */
export const WHOLE: Precision = { decimals: 0 };
/** Raw indicator values: as entered, float noise removed (12 significant digits hold any entered figure). */
export const AS_ENTERED: Precision = { significant: 12 };

/**
 * A figure at its declared precision, as the number written to a file: `atPrecision(90.81091354325501,
 * { decimals: 2 })` → 90.81; `atPrecision(3.7319999999999998, AS_ENTERED)` → 3.732; null stays null.
 */
export function atPrecision(x: number | null, precision: Precision): number | null {
  if (x === null || !Number.isFinite(x)) return x;
  if ('significant' in precision) return x === 0 ? 0 : Number(x.toPrecision(precision.significant));
  const f = 10 ** precision.decimals;
  // Math.round rounds .5 up (towards +∞); a sign-symmetric rounding with a nudge for values like 1.005 (1.00499…).
  const r = (Math.sign(x) * Math.round(Math.abs(x) * f * (1 + Number.EPSILON))) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** How many decimals a number has when written in JavaScript's shortest form (`String(x)`); exponent form counted. */
export function decimalsOf(x: number): number {
  const s = String(Math.abs(x));
  const [mantissa = '', exponent] = s.split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - (exponent === undefined ? 0 : Number(exponent)));
}

/** How many significant digits a number has when written in its shortest form. */
export function significantOf(x: number): number {
  const digits = String(Math.abs(x)).split('e')[0]!.replace('.', '').replace(/^0+/, '');
  return Math.max(1, digits.replace(/0+$/, '').length);
}

/** Whether a number is written within its declared precision (what the open-data tests check of every figure). */
export function withinPrecision(x: number, precision: Precision): boolean {
  return 'significant' in precision ? significantOf(x) <= precision.significant : decimalsOf(x) <= precision.decimals;
}

/** A precision in words for the data dictionary. */
export function precisionText(precision: Precision, lang: 'ko' | 'en'): string {
  if ('significant' in precision) return lang === 'ko' ? '입력값 그대로' : 'as entered';
  if (precision.decimals === 0) return lang === 'ko' ? '정수' : 'whole number';
  return lang === 'ko' ? `소수점 ${precision.decimals}자리` : `${precision.decimals} decimals`;
}
