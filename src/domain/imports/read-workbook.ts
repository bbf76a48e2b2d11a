import type ExcelJS from 'exceljs';
import type { RecordType } from '../activities/record-types.js';
import type { FieldProblem, Message } from '../errors.js';
import { plainCell, type PlainCell } from './cell-value.js';
import { quoteInput } from './echo.js';
import {
  DIRECT_VALUE_COLUMNS,
  DIRECT_VALUES_SHEET,
  GUIDE_SHEET,
  LISTS_SHEET,
  columnLetter,
  headerMap,
  normaliseHeader,
  recordTypeColumns,
  sheetNames,
  type SheetColumn,
} from './sheet-columns.js';
import { josaPick } from '../../korean.js';

/** One cell of a data row, with where it is. */
export interface ReadCell {
  value: PlainCell;
  column: SheetColumn;
  /** Excel column letter, e.g. `C`. */
  letter: string;
}

export interface ReadRow {
  /** The row number Excel shows. */
  excelRow: number;
  cells: Map<string, ReadCell>;
}

interface ReadSheetBase {
  name: string;
  columns: Map<string, { column: SheetColumn; letter: string }>;
  rows: ReadRow[];
}
export type ReadSheet = (ReadSheetBase & { kind: 'records'; type: RecordType }) | (ReadSheetBase & { kind: 'direct_values' });

export interface ReadWorkbook {
  sheets: ReadSheet[];
  problems: FieldProblem[];
}

/** More rows than this belong in a CSV import (streamed), not in a workbook held in memory. */
export const MAX_WORKBOOK_ROWS = 100_000;

export function sheetProblem(name: string, message: Message, at: { row?: number; letter?: string; header?: string; path?: string } = {}): FieldProblem {
  const sheet = quoteInput(name);
  return {
    path: at.path ?? (at.letter && at.row ? `${sheet}!${at.letter}${at.row}` : sheet),
    sheet,
    message,
    ...(at.row !== undefined ? { row: at.row } : {}),
    ...(at.letter !== undefined ? { column: at.letter } : {}),
  };
}

function textOf(cell: PlainCell): string {
  if (cell === null || (typeof cell === 'object' && !(cell instanceof Date))) return '';
  return cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell).trim();
}

function cellProblemMessage(value: { error: string }): Message {
  return value.error === 'formula'
    ? { ko: '계산 결과가 저장되지 않은 수식입니다. 값으로 붙여 넣으세요.', en: 'A formula without a stored result. Paste it as a value.' }
    : { ko: `셀에 오류 값(${value.error})이 있습니다.`, en: `The cell holds an error value (${value.error}).` };
}

/** Which sheet is which: record types by the template's sheet name, their Korean or English name, or their code. */
function sheetResolver(types: RecordType[]): (name: string) => RecordType | 'direct_values' | 'ignored' | null {
  const byName = new Map<string, RecordType | null>();
  const add = (name: string, t: RecordType) => {
    const n = normaliseHeader(name);
    const prior = byName.get(n);
    byName.set(n, prior === undefined || prior === t ? t : null);
  };
  const names = sheetNames(types);
  for (const t of types) for (const n of [names.get(t.code)!, t.code, t.name.ko, t.name.en]) add(n, t);
  return (name) => {
    const n = normaliseHeader(name);
    if (n === normaliseHeader(GUIDE_SHEET) || n === normaliseHeader(LISTS_SHEET)) return 'ignored';
    if (n === normaliseHeader(DIRECT_VALUES_SHEET)) return 'direct_values';
    return byName.get(n) ?? null;
  };
}

function hasAnyValue(ws: ExcelJS.Worksheet): boolean {
  let found = false;
  ws.eachRow({ includeEmpty: false }, (row) => {
    if (!found) row.eachCell({ includeEmpty: false }, (c) => (found ||= plainCell(c.value) !== null));
  });
  return found;
}

/**
 * Maps a sheet's columns to keys: by the hidden key row (row 2) when the sheet has one — it survives renamed
 * headers — and otherwise by the header text in Korean, English or as the key. Reports unknown, duplicate and
 * missing required columns.
 */
function mapColumns(
  ws: ExcelJS.Worksheet,
  sheet: string,
  layout: SheetColumn[],
  problems: FieldProblem[],
): { columns: Map<number, { column: SheetColumn; letter: string }>; firstDataRow: number } {
  const byKey = new Map(layout.map((c) => [c.key, c]));
  const byHeader = headerMap(layout);
  const width = Math.max(ws.actualColumnCount, ws.columnCount);
  const header = ws.getRow(1);
  const keyRow = ws.getRow(2);
  const keyCells = new Map<number, string>();
  let keyRowValid = true;
  for (let i = 1; i <= width; i++) {
    const t = textOf(plainCell(keyRow.getCell(i).value));
    if (t === '') continue;
    if (byKey.has(t)) keyCells.set(i, t);
    else keyRowValid = false;
  }
  const hasKeyRow = keyRowValid && keyCells.size > 0;
  const columns = new Map<number, { column: SheetColumn; letter: string }>();
  const seen = new Map<string, string>();
  for (let i = 1; i <= width; i++) {
    const text = textOf(plainCell(header.getCell(i).value));
    const key = (hasKeyRow ? keyCells.get(i) : undefined) ?? (text ? byHeader.get(normaliseHeader(text)) : undefined);
    const letter = columnLetter(i);
    if (!key) {
      if (text) {
        problems.push(
          sheetProblem(
            sheet,
            {
              ko: `알 수 없는 열 제목 '${quoteInput(text)}'입니다. 서식의 열 제목을 그대로 쓰세요.`,
              en: `Unknown column header '${quoteInput(text)}'. Keep the template's headers.`,
            },
            { row: 1, letter },
          ),
        );
      }
      continue;
    }
    const column = byKey.get(key)!;
    const prior = seen.get(key);
    if (prior) {
      problems.push(
        sheetProblem(
          sheet,
          {
            ko: `'${column.label.ko}' 열이 ${prior}열과 ${letter}열에 두 번 있습니다.`,
            en: `The column '${column.label.en}' appears twice, in ${prior} and ${letter}.`,
          },
          { row: 1, letter },
        ),
      );
      continue;
    }
    seen.set(key, letter);
    columns.set(i, { column, letter });
  }
  return { columns, firstDataRow: hasKeyRow ? 3 : 2 };
}

function readRows(
  ws: ExcelJS.Worksheet,
  sheet: string,
  columns: Map<number, { column: SheetColumn; letter: string }>,
  firstDataRow: number,
  problems: FieldProblem[],
): ReadRow[] {
  const rows: ReadRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r < firstDataRow) return;
    const cells = new Map<string, ReadCell>();
    const stray: number[] = [];
    let visible = false;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const value = plainCell(cell.value);
      if (value === null) return;
      const mapped = columns.get(c);
      if (!mapped) {
        stray.push(c);
        return;
      }
      if (!mapped.column.hidden) visible = true;
      cells.set(mapped.column.key, { value, column: mapped.column, letter: mapped.letter });
    });
    // A row with nothing but the bookkeeping columns (or nothing at all) is not a record.
    if (!visible && stray.length === 0) return;
    for (const c of stray) {
      const letter = columnLetter(c);
      problems.push(sheetProblem(sheet, { ko: '제목이 없는 열에 값이 있습니다.', en: 'A value in a column without a header.' }, { row: r, letter }));
    }
    for (const cell of cells.values()) {
      if (typeof cell.value === 'object' && cell.value !== null && !(cell.value instanceof Date)) {
        problems.push(sheetProblem(sheet, cellProblemMessage(cell.value), { row: r, letter: cell.letter }));
      }
    }
    rows.push({ excelRow: r, cells });
  });
  return rows;
}

/**
 * Reads every sheet of an uploaded workbook into located rows, checking the structure only (which sheet, which
 * column); values are checked by the validator. Every problem is collected, nothing stops at the first.
 */
export function readWorkbook(wb: ExcelJS.Workbook, types: RecordType[]): ReadWorkbook {
  const resolve = sheetResolver(types);
  const problems: FieldProblem[] = [];
  const sheets: ReadSheet[] = [];
  let totalRows = 0;
  for (const ws of wb.worksheets) {
    const name = ws.name;
    const which = resolve(name);
    if (which === 'ignored') continue;
    if (which === null) {
      if (hasAnyValue(ws)) {
        problems.push(
          sheetProblem(name, {
            ko: `알 수 없는 시트 '${quoteInput(name)}'입니다. 서식에 있는 시트에만 입력하세요.`,
            en: `Unknown sheet '${quoteInput(name)}'. Enter data only in the template's sheets.`,
          }),
        );
      }
      continue;
    }
    const layout = which === 'direct_values' ? DIRECT_VALUE_COLUMNS : recordTypeColumns(which);
    const sheetProblems: FieldProblem[] = [];
    const { columns, firstDataRow } = mapColumns(ws, name, layout, sheetProblems);
    const rows = readRows(ws, name, columns, firstDataRow, sheetProblems);
    totalRows += rows.length;
    if (rows.length > 0) {
      const present = new Set([...columns.values()].map((c) => c.column.key));
      for (const c of layout) {
        if (c.required && !present.has(c.key)) {
          sheetProblems.push(
            sheetProblem(
              name,
              { ko: `필수 열 '${c.header.ko}'${josaPick(c.header.ko, '이/가')} 없습니다.`, en: `The required column '${c.header.en}' is missing.` },
              { row: 1, path: `${quoteInput(name)}!1` },
            ),
          );
        }
      }
    }
    problems.push(...sheetProblems);
    const byKey = new Map([...columns.values()].map((c) => [c.column.key, c]));
    sheets.push(
      which === 'direct_values' ? { kind: 'direct_values', name, columns: byKey, rows } : { kind: 'records', type: which, name, columns: byKey, rows },
    );
  }
  if (totalRows > MAX_WORKBOOK_ROWS) {
    problems.unshift({
      path: 'file',
      message: {
        ko: `행이 ${totalRows.toLocaleString('ko-KR')}개로 엑셀 한 파일의 한도(${MAX_WORKBOOK_ROWS.toLocaleString('ko-KR')}행)를 넘습니다. 실적 유형별 CSV로 올리세요.`,
        en: `${totalRows.toLocaleString('en-US')} rows exceed the workbook limit of ${MAX_WORKBOOK_ROWS.toLocaleString('en-US')}. Upload one CSV per record type.`,
      },
    });
  }
  return { sheets, problems };
}
