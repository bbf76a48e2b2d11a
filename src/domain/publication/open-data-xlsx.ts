/**
 * The results workbook: 결과 (the CSV's table), 지표별 득점 (district × indicator, long form), 데이터 사전 (every
 * column of those sheets and every indicator of the framework) and 안내 (title, source, notices, licence).
 */
import type ExcelJS from 'exceljs';
import type { FrameworkDefinition } from '../frameworks/definition.js';
import type { CycleOutcome } from '../scoring/evaluate.js';
import { bothLanguages } from '../../message.js';
import { DEMO_LABEL, publicationNotices, resultsTitle, type Lang } from './labels.js';
import { describeMethod, kindText } from './method-text.js';
import type { OpenDataOptions } from './open-data.js';
import { indicatorColumns, indicatorRows, resultColumns, type CellValue, type Column } from './result-columns.js';
import { neutraliseFormula } from './text-cell.js';
import { precisionText } from './number-format.js';
import type { UnitWords } from '../reference/unit-words.js';

export interface XlsxOptions extends OpenDataOptions {
  /** Who publishes (default "HopeJobs 희망일자리 평가 플랫폼"). */
  source?: string;
  /** Licence note (default: 공공누리 제1유형, attribution). */
  licence?: string;
  /** Workbook creation date written to the file's properties (default: 1 January of the year after the cycle). */
  createdAt?: Date;
}

export const SHEETS = { results: '결과', indicators: '지표별 득점', dictionary: '데이터 사전', about: '안내' } as const;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };
const FROZEN_HEADER: Partial<ExcelJS.WorksheetView>[] = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];

/** Writes a value into a cell: numbers stay numbers, text is neutralised against formula injection. */
function put(cell: ExcelJS.Cell, value: CellValue): void {
  if (value === null) return;
  cell.value = typeof value === 'number' ? value : neutraliseFormula(value);
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = HEADER_FONT;
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = { bottom: { style: 'thin' } };
  });
}

/** A table sheet from columns and rows: styled, frozen and filterable header row, number formats per column. */
function tableSheet<Row>(wb: ExcelJS.Workbook, name: string, columns: Column<Row>[], rows: Row[], lang: Lang): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: FROZEN_HEADER });
  const header = ws.getRow(1);
  columns.forEach((c, j) => put(header.getCell(j + 1), c.header[lang]));
  styleHeader(header);
  rows.forEach((row, i) => {
    const r = ws.getRow(i + 2);
    columns.forEach((c, j) => put(r.getCell(j + 1), c.value(row, lang)));
  });
  columns.forEach((c, j) => {
    const col = ws.getColumn(j + 1);
    if (c.numFmt) col.numFmt = c.numFmt;
    col.width = Math.min(36, Math.max(8, [...c.header[lang]].length * (lang === 'ko' ? 1.8 : 1.1) + 2));
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

function dictionarySheet(wb: ExcelJS.Workbook, outcome: CycleOutcome, framework: FrameworkDefinition, demo: boolean, words?: UnitWords): void {
  const ws = wb.addWorksheet(SHEETS.dictionary);
  ws.columns = [14, 30, 30, 16, 10, 10, 10, 50, 50, 12].map((width) => ({ width }));
  put(ws.getCell('A1'), '데이터 사전 / Data dictionary');
  ws.getCell('A1').font = { bold: true, size: 14 };
  const header = ws.addRow(['시트 / Sheet', '열 이름', 'Column name', '키 / Key', '단위', 'Unit', '자료형 / Type', '정의', 'Definition', '정밀도 / Precision']);
  styleHeader(header);
  const tables: Array<[string, Column<never>[]]> = [
    [SHEETS.results, resultColumns(outcome, framework, demo, words) as Column<never>[]],
    [SHEETS.indicators, indicatorColumns(words) as Column<never>[]],
  ];
  for (const [sheet, columns] of tables) {
    for (const c of columns) {
      const row = ws.addRow([]);
      [
        sheet,
        c.header.ko,
        c.header.en,
        c.key,
        c.unit.ko,
        c.unit.en,
        c.type === 'number' ? '숫자 / number' : '문자 / text',
        c.definition.ko,
        c.definition.en,
        c.precision === undefined ? '' : `${precisionText(c.precision, 'ko')} / ${precisionText(c.precision, 'en')}`,
      ].forEach((v, j) => put(row.getCell(j + 1), v));
    }
  }
  ws.addRow([]);
  const title = ws.addRow([]);
  put(title.getCell(1), '지표 정의 / Indicator definitions');
  title.font = { bold: true, size: 12 };
  styleHeader(
    ws.addRow([
      '지표 코드 / Code',
      '지표명',
      'Indicator',
      '분야 / Field',
      '배점(점) / Points',
      '단위 / Unit',
      '구분 / Kind',
      '산정 방식',
      'Method',
      '신설 / New',
    ]),
  );
  for (const i of framework.indicators) {
    const row = ws.addRow([]);
    const field = framework.fields.find((f) => f.code === i.field);
    const cells: CellValue[] = [
      i.code,
      i.name.ko,
      i.name.en,
      field ? `${field.code} ${field.name.ko}` : i.field,
      i.points,
      i.unit,
      `${kindText(i, 'ko')} / ${kindText(i, 'en')}`,
      describeMethod(i, 'ko'),
      describeMethod(i, 'en'),
      i.isNew ? '신설 / new' : '',
    ];
    cells.forEach((v, j) => put(row.getCell(j + 1), v));
  }
  ws.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true };
  });
}

function aboutSheet(wb: ExcelJS.Workbook, outcome: CycleOutcome, framework: FrameworkDefinition, options: XlsxOptions): void {
  const ws = wb.addWorksheet(SHEETS.about);
  ws.columns = [{ width: 22 }, { width: 100 }];
  const notices = publicationNotices(framework, options.demo);
  const rows: Array<[string, string | number]> = [
    ['제목 / Title', options.title ?? resultsTitle(outcome, 'ko')],
    ['연도 / Year', outcome.year],
    ['자료 구분 / Status', options.demo ? bothLanguages(DEMO_LABEL) : '평가 결과 / Evaluation result'],
    ['출처 / Source', options.source ?? 'HopeJobs 희망일자리 평가 플랫폼'],
    ['평가 체계 / Framework', bothLanguages(framework.title)],
    ...notices.map((n): [string, string] => ['안내 / Notice', bothLanguages(n)]),
    ['재현 정보 / Reproducibility', `입력 해시 ${outcome.snapshotHash} · 엔진 입력 해시 ${outcome.engineInputHash} · 엔진 버전 ${outcome.engineVersion}`],
    ['시상금 총액 / Prize total (KRW)', outcome.prizeTotal],
    ['이용 조건 / Licence', options.licence ?? '공공누리 제1유형 (출처표시) / KOGL Type 1 (attribution)'],
    ['시트 / Sheets', `${SHEETS.results}: 자치구별 결과 · ${SHEETS.indicators}: 자치구 × 지표 원자료·환산 점수·득점 · ${SHEETS.dictionary}: 열과 지표의 정의`],
    [
      '수식 방지 / Formula guard',
      "수식 실행 방지: =, +, -, @로 시작하는 문자열은 수식으로 실행되지 않도록 앞에 '를 붙였습니다 / Formula guard: text starting with =, +, -, @ is prefixed with ' so it is never run as a formula",
    ],
  ];
  for (const [label, value] of rows) {
    const row = ws.addRow([]);
    put(row.getCell(1), label);
    put(row.getCell(2), value);
    row.getCell(1).font = { bold: true };
    row.alignment = { vertical: 'top', wrapText: true };
  }
  const prizeRow = rows.findIndex(([label]) => label.startsWith('시상금'));
  ws.getCell(prizeRow + 1, 2).numFmt = '#,##0';
  if (options.demo) ws.getCell(3, 2).font = { bold: true, color: { argb: 'FFC00000' } };
}

/**
 * The results workbook (xlsx) as a Buffer, sheets in this order: 결과, 지표별 득점, 데이터 사전, 안내. Result and
 * indicator sheets have a styled, frozen, filterable header row and number formats; numbers are stored as numbers
 * at their declared precision (points 2 decimals, raw values as entered), text is neutralised against formula injection.
 *
 * @example const wb = new ExcelJS.Workbook(); await wb.xlsx.load(await resultsXlsx(outcome, framework, { demo: true }));
 */
export async function resultsXlsx(outcome: CycleOutcome, framework: FrameworkDefinition, options: XlsxOptions): Promise<Buffer> {
  const lang = options.lang ?? 'ko';
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = options.source ?? 'HopeJobs';
  wb.title = options.title ?? resultsTitle(outcome, lang);
  wb.created = options.createdAt ?? new Date(Date.UTC(outcome.year + 1, 0, 1));
  wb.modified = wb.created;
  tableSheet(wb, SHEETS.results, resultColumns(outcome, framework, options.demo, options.unitWords), outcome.units, lang);
  tableSheet(wb, SHEETS.indicators, indicatorColumns(options.unitWords), indicatorRows(outcome, framework), lang);
  dictionarySheet(wb, outcome, framework, options.demo, options.unitWords);
  aboutSheet(wb, outcome, framework, options);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
