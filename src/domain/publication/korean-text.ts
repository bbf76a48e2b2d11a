/**
 * Small pieces of Korean grammar and date style for generated prose: particles that depend on whether the word
 * ends in a consonant (광진구는 / 서울시는 … 관악구와 / 성북구과 ✗), and the dotted date style of government
 * press releases ("2019. 11. 20.(수)").
 */
import { josa, josaPick } from '../../korean.js';

/** True when what a reader says last in `word` has a final consonant (받침): the one rule in `src/korean.ts`. */
function hasFinalConsonant(word: string): boolean {
  return josaPick(word, '이/가') === '이';
}

const PAIRS = {
  '은/는': ['은', '는'],
  '이/가': ['이', '가'],
  '을/를': ['을', '를'],
  '과/와': ['과', '와'],
  '이라고/라고': ['이라고', '라고'],
  '이다/다': ['이다', '다'],
  '으로/로': ['으로', '로'],
} as const;

/**
 * `word` followed by the right particle: `particle('광진구', '은/는')` → "광진구는", `particle('서울시', '은/는')`
 * → "서울시는" … `particle('성북구', '과/와')` → "성북구와".
 */
export function particle(word: string, pair: keyof typeof PAIRS): string {
  if (pair === '으로/로') return josa(word, '으로/로'); // 로 after ㄹ as after a vowel (서울로, 우수 시·군으로)
  const [consonant, vowel] = PAIRS[pair];
  return `${word}${hasFinalConsonant(word) ? consonant : vowel}`;
}

const WEEKDAYS_KO = ['일', '월', '화', '수', '목', '금', '토'] as const;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday. */
  weekday: number;
}

/**
 * Parses an ISO date `YYYY-MM-DD` (no time zone: a calendar date).
 *
 * @throws {Error} naming `fn` when the text is not a valid calendar date.
 */
export function parseCalendarDate(text: string, fn: string): CalendarDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1) {
    throw new Error(`${fn}: date must be a calendar date YYYY-MM-DD, got "${text}"`);
  }
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** "2019. 11. 20.(수)" */
export function koreanDate(d: CalendarDate): string {
  return `${d.year}. ${d.month}. ${d.day}.(${WEEKDAYS_KO[d.weekday]})`;
}

/** "20일(수)" — how a lead paragraph names the day of the announcement. */
export function koreanDay(d: CalendarDate): string {
  return `${d.day}일(${WEEKDAYS_KO[d.weekday]})`;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** "20 November 2019" */
export function englishDate(d: CalendarDate): string {
  return `${d.day} ${MONTHS_EN[d.month - 1]} ${d.year}`;
}

/** "2018년 9월" / "September 2018" */
export function monthYear(d: CalendarDate, lang: 'ko' | 'en'): string {
  return lang === 'ko' ? `${d.year}년 ${d.month}월` : `${MONTHS_EN[d.month - 1]} ${d.year}`;
}

const KST_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' });
const KST_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * The calendar date in Seoul (KST, UTC+9) at the instant `now`, `YYYY-MM-DD`: at 2026-12-06T15:30Z it is already the
 * 7th in Seoul. Documents date themselves with this, never with the UTC date of the server.
 */
export function kstCalendarDate(now: Date): string {
  return KST_DATE.format(now);
}

/** "2026. 12. 7.(월) 00:30" — an instant as Seoul's clock shows it, for the "작성일시" of internal documents. */
export function koreanDateTime(now: Date): string {
  return `${koreanDate(parseCalendarDate(kstCalendarDate(now), 'koreanDateTime'))} ${KST_TIME.format(now)}`;
}
