/**
 * Number formatting for people (press release, scorecard). Open data never goes through here: it carries numbers
 * at full precision.
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
