import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { DbOrTx } from '../../db/tx.js';
import { sheetNames } from '../imports/sheet-columns.js';
import { booleanWord, exportColumns, type ExportColumn, type Lang } from './export-columns.js';
import { scopeRecords, type ExportScope } from './export-scope.js';
import { escapeFormula } from './formula-escape.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };

function cellValue(c: ExportColumn, v: unknown, lang: Lang): ExcelJS.CellValue {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return booleanWord(v, lang);
  if (c.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
  return escapeFormula(String(v));
}

function guideRows(scope: ExportScope, counts: Map<string, number>): (string | number)[][] {
  const ko = scope.lang === 'ko';
  const who = scope.unit
    ? ko
      ? `${scope.unit.name} (${scope.unit.code})`
      : `${scope.unit.nameEn} (${scope.unit.code})`
    : ko
      ? '전체 자치구'
      : 'All districts';
  const rows: (string | number)[][] = [
    [ko ? `${scope.cycle.year}년 희망일자리 평가 실적` : `HopeJobs ${scope.cycle.year}: activity records`],
    [ko ? '범위' : 'Scope', who],
    [ko ? '평가 주기' : 'Cycle', scope.cycle.title],
    [ko ? '실적 기간' : 'Data period', `${scope.period.start} ~ ${scope.period.end}`],
    [ko ? '생성 시각' : 'Generated', scope.generatedAt.toISOString()],
  ];
  if (scope.cycle.isDemo) rows.push([ko ? '비고' : 'Note', ko ? '데모 데이터' : 'Demo data']);
  rows.push(
    [],
    [
      ko
        ? "글자 값이 =, +, -, @ 로 시작하면 수식으로 실행되지 않도록 앞에 작은따옴표(')를 붙였습니다."
        : "Text values starting with =, +, - or @ carry a leading apostrophe (') so that they never run as formulas.",
    ],
    [],
    [ko ? '실적 유형' : 'Record type', ko ? '건수' : 'Records'],
  );
  for (const t of scope.types) if (counts.has(t.code)) rows.push([t.name[scope.lang], counts.get(t.code)!]);
  return rows;
}

/**
 * Streams the export workbook: one sheet per record type (district, date, fields with their units, record ID,
 * version, last change), numbers as numbers, dates as dates, text escaped against formula injection, then 안내
 * (scope, period, counts). Rows are committed as they are read, so a city-wide export never sits in memory.
 */
export async function writeRecordsXlsx(db: DbOrTx, scope: ExportScope, out: Writable): Promise<void> {
  const lang = scope.lang;
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'HopeJobs 희망일자리 평가 플랫폼';
  const guide = wb.addWorksheet(lang === 'ko' ? '안내' : 'About');
  const names = sheetNames(scope.types, lang);
  const counts = new Map<string, number>();
  for (const type of scope.types) {
    const batches = scopeRecords(db, scope, type);
    const first = await batches.next();
    // A type no longer in use is left out when it has nothing in the period.
    if (!type.active && (first.done || first.value.length === 0)) continue;
    const columns = exportColumns(type);
    const ws = wb.addWorksheet(names.get(type.code)!, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    ws.columns = columns.map((c) => ({ key: c.key, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
    const header = ws.addRow(columns.map((c) => c.header[lang]));
    header.font = { bold: true };
    header.eachCell((cell) => (cell.fill = HEADER_FILL));
    header.commit();
    let n = 0;
    const write = (batch: typeof first.value) => {
      if (!batch) return;
      for (const r of batch) {
        ws.addRow(columns.map((c) => cellValue(c, c.value(r, lang), lang))).commit();
        n++;
      }
    };
    if (!first.done) write(first.value);
    for await (const batch of batches) write(batch);
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    ws.commit();
    counts.set(type.code, n);
  }
  guide.getColumn(1).width = 28;
  guide.getColumn(2).width = 40;
  for (const row of guideRows(scope, counts)) guide.addRow(row.map((v) => (typeof v === 'string' ? escapeFormula(v) : v))).commit();
  guide.commit();
  await wb.commit();
}
