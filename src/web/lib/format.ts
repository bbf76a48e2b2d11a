// Numbers always use Korean grouping (the same digits and separators as English); dates are shown in Seoul time.
const timeZone = 'Asia/Seoul';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(minimumFractionDigits: number, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${minimumFractionDigits}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat('ko-KR', { minimumFractionDigits, maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format;
}

/** A count or raw value: up to two decimals, trailing zeros dropped. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return numberFormat(0, 2).format(value);
}

/** A score or points: always the given number of decimals, so that columns line up. */
export function formatScore(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return numberFormat(digits, digits).format(value);
}

/** An instant in Seoul time, in the reader's language; '–' for none or an unreadable one. */
function formatInSeoul(iso: string | null | undefined, language: string, options: Intl.DateTimeFormatOptions): string {
  if (iso === null || iso === undefined) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '–';
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ko-KR', { timeZone, ...options }).format(date);
}

/** A calendar date in Seoul, in the reader's language. */
export function formatDate(iso: string | null | undefined, language: string): string {
  return formatInSeoul(iso, language, { year: 'numeric', month: 'long', day: 'numeric' });
}

/** A date and time in Seoul, in the reader's language, on the 24-hour clock (e.g. 2020. 9. 30. 18:00). */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  return formatInSeoul(iso, language, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** A signed difference, e.g. +1.25 or −0.50 (true minus sign), for changes between two runs. */
export function formatDelta(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return formatScore(0, digits);
  return `${rounded > 0 ? '+' : '−'}${formatScore(Math.abs(rounded), digits)}`;
}

/** The first characters of a hash, enough to tell runs apart on screen (the full hash goes in a title). */
export function shortHash(hash: string, length = 12): string {
  return hash.slice(0, length);
}

/** A compact date and time in Seoul, digits only (e.g. 2021. 9. 30. 18:00), for narrow places. */
export function formatNumericDateTime(iso: string | null | undefined, language: string): string {
  return formatInSeoul(iso, language, { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}
