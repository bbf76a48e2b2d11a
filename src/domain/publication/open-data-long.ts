/**
 * Open data across every published year, as analysts expect it: one long table (year × unit × indicator) with the
 * framework version of each year and an indicator crosswalk (the same indicator under another code in another
 * year), as CSV and xlsx, and a data dictionary of every column of every open-data file (name in Korean and
 * English, type, unit, precision, meaning). Figures go through the same columns and the same rounding as the
 * per-year files, so the long file re-reads to the same figures. Pure: no database, no clock.
 */
import type ExcelJS from 'exceljs';
import type { FrameworkDefinition, Indicator } from '../frameworks/definition.js';
import type { CycleOutcome, UnitOutcome } from '../scoring/evaluate.js';
import { SEOUL_UNIT_WORDS, type UnitWords } from '../reference/unit-words.js';
import { DEMO_LABEL, shortName, type Lang } from './labels.js';
import { POINTS_PRECISION, precisionText, WHOLE } from './number-format.js';
import { indicatorColumns, resultColumns, withPrecision, type CellValue, type Column } from './result-columns.js';
import { neutraliseFormula } from './text-cell.js';

/** One published year as the long file reads it (plain data: it crosses to a render worker). */
export interface LongYear {
  year: number;
  /** The version number of the year's framework (framework_versions) the published run was scored with. */
  frameworkVersion: number;
  demo: boolean;
  outcome: CycleOutcome;
  framework: FrameworkDefinition;
  unitWords?: UnitWords;
}

/** One indicator of one year in the crosswalk, and the code it is listed under across years. */
export interface CrosswalkEntry {
  year: number;
  code: string;
  name: { ko: string; en: string };
  /** The code of the same indicator in the latest published year it appears in (its own code when none later). */
  commonCode: string;
  /** Whether this year's code differs from the common one. */
  changed: boolean;
}

export interface LongRow {
  year: LongYear;
  unit: UnitOutcome;
  indicator: Indicator;
  crosswalk: CrosswalkEntry;
}

const bi = (ko: string, en: string) => ({ ko, en });
const NONE = bi('', '');
const POINTS = bi('점', 'points');

/** An indicator's name as compared across years: spaces, a trailing qualifier and "(신설)" ignored. */
function sameIndicatorKey(i: Indicator): string {
  return shortName(i.name.ko.replace(/\(신설\)/g, '')).replace(/\s+/g, '');
}

/**
 * Which indicator of one year is which of another: matched by name (spaces, trailing qualifiers and "(신설)"
 * ignored), each listed under its code of the latest year it appears in. Years oldest first, indicators in
 * framework order.
 */
export function indicatorCrosswalk(years: readonly LongYear[]): CrosswalkEntry[] {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const latestCode = new Map<string, string>();
  for (const y of sorted) for (const i of y.framework.indicators) latestCode.set(sameIndicatorKey(i), i.code);
  return sorted.flatMap((y) =>
    y.framework.indicators.map((i) => {
      const commonCode = latestCode.get(sameIndicatorKey(i)) ?? i.code;
      return { year: y.year, code: i.code, name: { ko: i.name.ko, en: i.name.en }, commonCode, changed: commonCode !== i.code };
    }),
  );
}

/** Every year × unit × indicator, years oldest first, units in rank order, indicators in framework order. */
export function longRows(years: readonly LongYear[]): LongRow[] {
  const walk = new Map(indicatorCrosswalk(years).map((e) => [`${e.year}:${e.code}`, e]));
  return [...years]
    .sort((a, b) => a.year - b.year)
    .flatMap((y) =>
      y.outcome.units.flatMap((unit) =>
        y.framework.indicators.map((indicator) => ({ year: y, unit, indicator, crosswalk: walk.get(`${y.year}:${indicator.code}`)! })),
      ),
    );
}

/** The long table's columns: year and framework version, then the per-year indicator sheet's columns, the crosswalk and the unit's result. */
export function longColumns(words: UnitWords = SEOUL_UNIT_WORDS): Column<LongRow>[] {
  const perYear = indicatorColumns(words).map((c): Column<LongRow> => ({ ...c, value: (r, lang) => c.value({ unit: r.unit, indicator: r.indicator }, lang) }));
  const head: Column<LongRow>[] = [
    {
      key: 'year',
      header: bi('연도', 'Year'),
      unit: bi('년', 'year'),
      type: 'number',
      numFmt: '0',
      precision: WHOLE,
      definition: bi('평가 연도', 'Year of the evaluation'),
      value: (r) => r.year.year,
    },
    {
      key: 'frameworkVersion',
      header: bi('평가 체계 버전', 'Framework version'),
      unit: NONE,
      type: 'number',
      numFmt: '0',
      precision: WHOLE,
      definition: bi('그 해 결과를 산정한 평가 체계의 버전 번호', 'Version number of the framework the year was scored with'),
      value: (r) => r.year.frameworkVersion,
    },
  ];
  const tail: Column<LongRow>[] = [
    {
      key: 'commonIndicator',
      header: bi('공통 지표 코드', 'Common indicator code'),
      unit: NONE,
      type: 'text',
      definition: bi(
        '같은 지표의 가장 최근 연도 코드 (연도마다 코드가 바뀐 지표를 잇는 대응표, 지표 대응표 시트 참조)',
        'Code of the same indicator in the latest year it appears in (links indicators whose code changed; see the crosswalk sheet)',
      ),
      value: (r) => r.crosswalk.commonCode,
    },
    {
      key: 'rank',
      header: bi('순위', 'Rank'),
      unit: bi('위', 'rank'),
      type: 'number',
      numFmt: '0',
      precision: WHOLE,
      definition: bi('그 해 총점 순위', 'Rank by total score that year'),
      value: (r) => r.unit.rank,
    },
    {
      key: 'score',
      header: bi('총점(점)', 'Total score (points)'),
      unit: POINTS,
      type: 'number',
      numFmt: '#,##0.00',
      precision: POINTS_PRECISION,
      definition: bi('그 해 총점 (지표 득점 합계 + 가점 + 감점)', 'Total score that year (indicator points + bonus + penalty)'),
      value: (r) => r.unit.score,
    },
    {
      key: 'dataStatus',
      header: bi('자료 구분', 'Data status'),
      unit: NONE,
      type: 'text',
      definition: bi("'데모 데이터'이면 합성 자료로 만든 결과", "'Demo data' marks results computed from synthetic data"),
      value: (r, lang) => (r.year.demo ? DEMO_LABEL[lang] : lang === 'ko' ? '평가 결과' : 'Evaluation result'),
    },
  ];
  return withPrecision([...head, ...perYear, ...tail]);
}

/** The crosswalk table's columns (the xlsx sheet 지표 대응표). */
export function crosswalkColumns(): Column<CrosswalkEntry>[] {
  return withPrecision<CrosswalkEntry>([
    {
      key: 'year',
      header: bi('연도', 'Year'),
      unit: bi('년', 'year'),
      type: 'number',
      numFmt: '0',
      precision: WHOLE,
      definition: bi('평가 연도', 'Year'),
      value: (e) => e.year,
    },
    {
      key: 'indicator',
      header: bi('지표 코드', 'Indicator code'),
      unit: NONE,
      type: 'text',
      definition: bi('그 해의 지표 코드', 'The indicator’s code that year'),
      value: (e) => e.code,
    },
    {
      key: 'indicatorName',
      header: bi('지표명', 'Indicator'),
      unit: NONE,
      type: 'text',
      definition: bi('세부지표 이름', 'Indicator name'),
      value: (e, lang) => e.name[lang],
    },
    {
      key: 'commonIndicator',
      header: bi('공통 지표 코드', 'Common indicator code'),
      unit: NONE,
      type: 'text',
      definition: bi('같은 지표의 가장 최근 연도 코드', 'Code of the same indicator in the latest year it appears in'),
      value: (e) => e.commonCode,
    },
    {
      key: 'codeChanged',
      header: bi('코드 변경', 'Code changed'),
      unit: NONE,
      type: 'text',
      definition: bi("그 해 코드가 공통 코드와 다르면 '변경'", "'changed' when the year’s code differs from the common one"),
      value: (e, lang) => (e.changed ? (lang === 'ko' ? '변경' : 'changed') : ''),
    },
  ]);
}

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field (RFC 4180): text neutralised against formulas and quoted when needed; numbers in their shortest form. */
export function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`open data: a figure is not a finite number (${value})`);
    return String(value);
  }
  const text = neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A table as CSV text: UTF-8 with a byte-order mark and CRLF line ends (Excel opens Korean text correctly). */
export function tableCsv<Row>(columns: Column<Row>[], rows: readonly Row[], lang: Lang): string {
  const lines = [columns.map((c) => csvField(c.header[lang])).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row, lang))).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** The installation's words from the latest year that has them. */
function wordsOf(years: readonly LongYear[]): UnitWords {
  return [...years].sort((a, b) => b.year - a.year)[0]?.unitWords ?? SEOUL_UNIT_WORDS;
}

/**
 * The long file as CSV: one row per year × unit × indicator, Korean headers by default.
 *
 * @example longCsv(years, 'ko').split('\r\n')[0] // → '\uFEFF연도,평가 체계 버전,코드,자치구,분야,지표 코드,…'
 */
export function longCsv(years: readonly LongYear[], lang: Lang = 'ko'): string {
  return tableCsv(longColumns(wordsOf(years)), longRows(years), lang);
}

/** A row of the data dictionary: one column of one open-data table. */
export interface DictionaryEntry {
  file: { ko: string; en: string };
  column: Column<never>;
}

/** Every column of every open-data table: per-year results and indicator sheets, the long file and the crosswalk. */
export function dictionaryEntries(years: readonly LongYear[]): DictionaryEntry[] {
  const latest = [...years].sort((a, b) => b.year - a.year)[0];
  const words = wordsOf(years);
  const tables: Array<[{ ko: string; en: string }, Column<never>[]]> = [];
  if (latest) {
    tables.push([
      bi(`연도별 결과 (results.csv, 결과 시트; ${latest.year}년 기준)`, `Results per year (results.csv, sheet 결과; as of ${latest.year})`),
      resultColumns(latest.outcome, latest.framework, latest.demo, words) as Column<never>[],
    ]);
  }
  tables.push([bi('연도별 결과의 지표별 득점 시트', 'Per-year workbook, sheet 지표별 득점'), indicatorColumns(words) as Column<never>[]]);
  tables.push([bi('전체 연도 자료 (긴 형식)', 'All years (long format)'), longColumns(words) as Column<never>[]]);
  tables.push([bi('지표 대응표', 'Indicator crosswalk'), crosswalkColumns() as Column<never>[]]);
  return tables.flatMap(([file, columns]) => columns.map((column) => ({ file, column })));
}

/** The dictionary's own columns. */
function dictionaryColumns(): Column<DictionaryEntry>[] {
  const text = (key: string, header: { ko: string; en: string }, value: (e: DictionaryEntry, lang: Lang) => string): Column<DictionaryEntry> => ({
    key,
    header,
    unit: NONE,
    type: 'text',
    definition: NONE,
    value,
  });
  return [
    text('file', bi('파일', 'File'), (e, lang) => e.file[lang]),
    text('key', bi('키', 'Key'), (e) => e.column.key),
    text('nameKo', bi('열 이름(한국어)', 'Column name (Korean)'), (e) => e.column.header.ko),
    text('nameEn', bi('열 이름(영어)', 'Column name (English)'), (e) => e.column.header.en),
    text('type', bi('자료형', 'Type'), (e, lang) => (e.column.type === 'number' ? (lang === 'ko' ? '숫자' : 'number') : lang === 'ko' ? '문자' : 'text')),
    text('unit', bi('단위', 'Unit'), (e, lang) => e.column.unit[lang]),
    text('precision', bi('정밀도', 'Precision'), (e, lang) => (e.column.precision === undefined ? '' : precisionText(e.column.precision, lang))),
    text('meaningKo', bi('의미(한국어)', 'Meaning (Korean)'), (e) => e.column.definition.ko),
    text('meaningEn', bi('의미(영어)', 'Meaning (English)'), (e) => e.column.definition.en),
  ];
}

/** The data dictionary as CSV: one row per column of every open-data table (see {@link dictionaryEntries}). */
export function dictionaryCsv(years: readonly LongYear[], lang: Lang = 'ko'): string {
  return tableCsv(dictionaryColumns(), dictionaryEntries(years), lang);
}

export const LONG_SHEETS = { long: '지표별 자료', crosswalk: '지표 대응표', dictionary: '데이터 사전' } as const;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };

function sheet<Row>(wb: ExcelJS.Workbook, name: string, columns: Column<Row>[], rows: readonly Row[], lang: Lang): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  const header = ws.getRow(1);
  columns.forEach((c, j) => (header.getCell(j + 1).value = neutraliseFormula(c.header[lang])));
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  rows.forEach((row, i) => {
    const r = ws.getRow(i + 2);
    columns.forEach((c, j) => {
      const v = c.value(row, lang);
      if (v !== null) r.getCell(j + 1).value = typeof v === 'number' ? v : neutraliseFormula(v);
    });
  });
  columns.forEach((c, j) => {
    const col = ws.getColumn(j + 1);
    if (c.numFmt) col.numFmt = c.numFmt;
    col.width = Math.min(40, Math.max(8, [...c.header[lang]].length * (lang === 'ko' ? 1.8 : 1.1) + 2));
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

/** The long file as a workbook: 지표별 자료 (the long table), 지표 대응표 (crosswalk), 데이터 사전 (dictionary). */
export async function longXlsx(years: readonly LongYear[], lang: Lang = 'ko'): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'HopeJobs';
  const last = Math.max(0, ...years.map((y) => y.year));
  wb.created = new Date(Date.UTC(last + 1, 0, 1));
  wb.modified = wb.created;
  sheet(wb, LONG_SHEETS.long, longColumns(wordsOf(years)), longRows(years), lang);
  sheet(wb, LONG_SHEETS.crosswalk, crosswalkColumns(), indicatorCrosswalk(years), lang);
  sheet(wb, LONG_SHEETS.dictionary, dictionaryColumns(), dictionaryEntries(years), lang);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
