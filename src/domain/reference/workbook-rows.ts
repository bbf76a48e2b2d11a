import type ExcelJS from 'exceljs';
import { DomainError } from '../errors.js';
import { bufferSource } from '../evidence/index.js';
import { plainCell } from '../imports/cell-value.js';
import { readSafeXlsx } from '../imports/xlsx-safety.js';
import type { PopulationSourceRow } from './populations.js';

/** A cell as text the way a CSV would carry it: numbers in full, dates as ISO days, errors and blanks empty. */
function cellText(value: ExcelJS.CellValue | undefined): string {
  const cell = plainCell(value);
  if (cell === null || typeof cell === 'object') return cell instanceof Date ? cell.toISOString().slice(0, 10) : '';
  return String(cell);
}

/**
 * The first sheet of a workbook as text rows (row numbers as Excel shows them), for the reference-data and award-history importers.
 * The bytes go through the same checks as every uploaded workbook (readSafeXlsx: real OOXML, no bombs) first.
 *
 * @throws DomainError invalid `not_xlsx` | `zip_bomb` | `xlsx_limit_exceeded`
 */
export async function firstSheetRows(bytes: Buffer): Promise<{ sheet: string; rows: PopulationSourceRow[] }> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load((await readSafeXlsx(bufferSource(bytes))) as unknown as ArrayBuffer);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError('invalid', 'not_xlsx', {
      ko: '엑셀 파일을 읽을 수 없습니다. 파일이 손상되었거나 .xlsx 형식이 아닙니다.',
      en: 'The Excel file cannot be read: it is damaged or not in .xlsx format.',
    });
  }
  const ws = wb.worksheets[0];
  if (!ws) return { sheet: '', rows: [] };
  const rows: PopulationSourceRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowNumber, cells });
  });
  return { sheet: ws.name, rows };
}
