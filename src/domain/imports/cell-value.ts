import type ExcelJS from 'exceljs';
import { escapeFormula, unescapeFormula } from '../exports/formula-escape.js';
import { BOOLEAN_CHOICES, type ColumnType } from './sheet-columns.js';

/** A cell's value as the importer sees it: plain data, or a marker for a cell it cannot use. */
export type PlainCell = string | number | boolean | Date | null | { error: string };

/** Excel's day 0 is 1899-12-30 (with the 1900 leap-year bug folded in); serials 1–2958465 cover 1900–9999. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * Reads an exceljs cell value as plain data: rich text joined, a hyperlink's text, a formula's cached result
 * (a formula without one is an error: we never evaluate formulas), errors such as `#N/A` reported.
 */
export function plainCell(value: ExcelJS.CellValue | undefined): PlainCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const s = unescapeFormula(value);
    return s.trim() === '' ? null : s;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('error' in value && value.error) return { error: String(value.error) };
    if ('richText' in value && Array.isArray(value.richText)) return plainCell(value.richText.map((r) => r.text).join(''));
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined) return { error: 'formula' };
      return plainCell(result as ExcelJS.CellValue);
    }
    if ('text' in value) return plainCell((value as { text: ExcelJS.CellValue }).text);
  }
  return { error: 'unknown' };
}

/** Turns a cell into the input the record validator expects for a column of this type (which coerces text). */
export function cellToInput(type: ColumnType, cell: PlainCell): unknown {
  if (cell === null || (typeof cell === 'object' && !(cell instanceof Date))) return cell === null ? undefined : cell;
  if (type === 'date' && typeof cell === 'number' && cell >= 1 && cell < 2_958_466) {
    return new Date(EXCEL_EPOCH_MS + Math.floor(cell) * DAY_MS).toISOString().slice(0, 10);
  }
  if (cell instanceof Date) return type === 'date' ? cell : cell.toISOString().slice(0, 10);
  if (type === 'boolean' && typeof cell === 'string') {
    if (cell.trim() === BOOLEAN_CHOICES.yes) return true;
    if (cell.trim() === BOOLEAN_CHOICES.no) return false;
  }
  return cell;
}

/** A stored value as a cell: dates as real dates (so the column's format shows them), yes/no in Korean, text escaped. */
export function inputToCell(type: ColumnType, value: unknown): ExcelJS.CellValue {
  if (value === undefined || value === null || value === '') return null;
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  if (typeof value === 'boolean') return value ? BOOLEAN_CHOICES.yes : BOOLEAN_CHOICES.no;
  if (typeof value === 'number') return value;
  return escapeFormula(String(value));
}
