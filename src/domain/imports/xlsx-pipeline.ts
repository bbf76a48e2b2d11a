import type ExcelJS from 'exceljs';
import type { RecordType } from '../activities/record-types.js';
import { DomainError, type FieldProblem } from '../errors.js';
import { bufferSource } from '../evidence/byte-source.js';
import { boundProblem } from './echo.js';
import type { DistrictCycle } from './import-context.js';
import { readWorkbook, type ReadWorkbook } from './read-workbook.js';
import { referencedRecordIds, validateWorkbook, type ExistingRecord, type ImportPlan } from './validate-workbook.js';
import { readSafeXlsx, type XlsxLimits } from './xlsx-safety.js';

/**
 * The CPU-bound half of a workbook import — inflate, check and clean the XML, let exceljs load it, read the sheets,
 * validate every row — as two steps around the one database lookup in between (the records pre-filled rows point
 * at). It runs in a worker thread (xlsx-workers.ts), so no upload ever holds up the server's event loop.
 */

async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('invalid', 'not_xlsx', {
      ko: '엑셀 파일을 읽을 수 없습니다. 파일이 손상되었거나 .xlsx 형식이 아닙니다.',
      en: 'The Excel file cannot be read: it is damaged or not in .xlsx format.',
    });
  }
  return wb;
}

/** Step 1: the upload's sheets as located rows, and the record IDs its pre-filled rows point at. */
export async function readUploadedWorkbook(
  bytes: Buffer,
  recordTypes: RecordType[],
  limits: XlsxLimits,
): Promise<{ read: ReadWorkbook; ids: number[]; rows: number }> {
  const wb = await loadWorkbook(await readSafeXlsx(bufferSource(bytes), limits));
  const read = readWorkbook(wb, recordTypes);
  return { read, ids: referencedRecordIds(read), rows: read.sheets.reduce((n, s) => n + s.rows.length, 0) };
}

export interface CheckedWorkbook {
  plan: ImportPlan;
  /** The first `maxProblems` problems in file order, each bounded (see echo.ts). */
  problems: FieldProblem[];
  /** All of them. */
  problemCount: number;
}

/** Step 2: every row validated into a plan; the problems bounded in number and size before they leave the thread. */
export function checkReadWorkbook(read: ReadWorkbook, ctx: DistrictCycle, existing: Map<number, ExistingRecord>, maxProblems: number): CheckedWorkbook {
  const { plan, problems } = validateWorkbook(read, ctx, existing);
  return { plan, problems: problems.slice(0, maxProblems).map(boundProblem), problemCount: problems.length };
}
