import { Readable } from 'node:stream';
import type { Database } from '../../db/client.js';
import { assertCanWriteRecords } from '../activities/access.js';
import type { RecordType } from '../activities/record-types.js';
import type { Actor } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf } from '../authz.js';
import { DomainError } from '../errors.js';
import { importActivityCsv, type ActivityCsvImportResult, type ImportProgress } from './bulk-copy.js';
import { loopTurns, readCsvRows, type CsvEncoding } from './csv-stream.js';
import { periodRowValidator } from './data-period.js';
import { insertImport, MAX_STORED_PROBLEMS } from './import-history.js';
import { loadDistrictCycle, type DistrictCycle } from './import-context.js';
import { quoteInput } from './echo.js';
import { importRejected } from './import-workbook.js';
import { headerMap, recordTypeColumns } from './sheet-columns.js';
import { josaPick } from '../../korean.js';

/** What a CSV import needs to run, whether in the request or later in a background job. */
export interface CsvImportRequest {
  year: number;
  orgUnitCode: string;
  /** The one record type of the file's rows; absent: the file has its own org_unit_code and record_type columns. */
  recordType?: string | undefined;
  encoding?: CsvEncoding | 'auto' | undefined;
  fileName: string;
  size: number;
}

export interface CsvImportSummary {
  importId: number;
  status: 'committed';
  created: number;
  rows: number;
  encoding: CsvEncoding | null;
}

function recordTypeOf(ctx: DistrictCycle, code: string): RecordType {
  const type = ctx.recordTypes.find((t) => t.code === code);
  if (!type) {
    const q = quoteInput(code);
    throw new DomainError(
      'invalid',
      'unknown_record_type',
      {
        ko: `'${q}'${josaPick(q, '은/는')} 사용 중인 실적 유형이 아닙니다.`,
        en: `'${q}' is not a record type in use.`,
      },
      [{ path: 'query.type', message: { ko: `알 수 없는 실적 유형 '${q}'`, en: `Unknown record type '${q}'` } }],
    );
  }
  return type;
}

/** Checks what the CSV may hold before anything is stored or queued: the caller's rights, the cycle, the type. */
export async function prepareCsvImport(database: Database, principal: Principal | null, req: CsvImportRequest): Promise<DistrictCycle> {
  assertCanWriteRecords(principal, req.orgUnitCode);
  const ctx = await loadDistrictCycle(database.db, req.year, req.orgUnitCode);
  if (req.recordType) recordTypeOf(ctx, req.recordType);
  return ctx;
}

/** A queued import's row in the history, created with the upload so the district sees it at once. */
export function createQueuedImport(database: Database, ctx: DistrictCycle, principal: Principal, req: CsvImportRequest): Promise<number> {
  return insertImport(database.db, {
    cycleId: ctx.cycle.id,
    orgUnitId: ctx.unit.id,
    format: 'csv',
    fileName: req.fileName,
    status: 'queued',
    createdBy: principal.user.id,
  });
}

const quote = (cell: string) => (/[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/**
 * A one-type, one-district file lacks the district and type columns the bulk importer reads: this re-emits the file
 * as UTF-8 with them in front, keeping every record on its original line so errors still point at the right line.
 */
function withDistrictAndType(
  source: Readable,
  encoding: CsvEncoding | 'auto',
  orgUnitCode: string,
  typeCode: string,
): { stream: Readable; encoding: () => CsvEncoding | null } {
  const rows = readCsvRows(source, { encoding });
  async function* lines(): AsyncGenerator<string> {
    let line = 1;
    let header = true;
    const turn = loopTurns();
    for await (const row of rows) {
      const t = turn();
      if (t) await t;
      if (row.line > line) {
        yield '\n'.repeat(row.line - line);
        line = row.line;
      }
      const cells = header ? ['org_unit_code', 'record_type', ...row.cells] : [orgUnitCode, typeCode, ...row.cells];
      header = false;
      const text = `${cells.map(quote).join(',')}\n`;
      line += text.split('\n').length - 1;
      yield text;
    }
  }
  return { stream: Readable.from(lines(), { objectMode: false }), encoding: () => rows.transcoder.encoding };
}

/**
 * Runs a district's CSV import through the streaming bulk importer (COPY, one transaction, every problem located
 * by line and column, nothing written when there is any). With a record type the file is that type's columns only.
 *
 * @throws DomainError invalid `import_invalid` when the file has problems (the import stays in the history as failed).
 */
export async function runCsvImport(
  database: Database,
  actor: Actor,
  ctx: DistrictCycle,
  req: CsvImportRequest,
  open: () => Readable,
  opts: { importId?: number; onProgress?: (p: ImportProgress) => void; signal?: AbortSignal } = {},
): Promise<CsvImportSummary> {
  const type = req.recordType ? recordTypeOf(ctx, req.recordType) : undefined;
  const encoding = req.encoding ?? 'auto';
  const adapted = type ? withDistrictAndType(open(), encoding, ctx.unit.code, type.code) : null;
  const source = adapted ? adapted.stream : open();
  const result: ActivityCsvImportResult = await importActivityCsv(database, source, {
    fileName: req.fileName,
    actor,
    totalBytes: req.size,
    validateRow: periodRowValidator(ctx.period, { onlyType: type?.code }),
    ...(type ? { headerMap: Object.fromEntries(headerMap(recordTypeColumns(type))) } : {}),
    allowedOrgUnitCodes: [ctx.unit.code],
    cycleId: ctx.cycle.id,
    orgUnitCode: ctx.unit.code,
    ...(type ? { encoding: 'utf-8' as const } : { encoding }),
    maxStoredErrors: MAX_STORED_PROBLEMS,
    ...(opts.importId !== undefined ? { importId: opts.importId } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (result.status !== 'committed') throw importRejected(result.importId, result.errors, result.errorCount);
  return {
    importId: result.importId,
    status: 'committed',
    created: result.inserted,
    rows: result.rows,
    encoding: adapted ? adapted.encoding() : result.encoding,
  };
}

/** The same, for a signed-in user in a request. */
export async function importRecordsCsv(
  database: Database,
  principal: Principal | null,
  req: CsvImportRequest,
  open: () => Readable,
): Promise<CsvImportSummary> {
  const ctx = await prepareCsvImport(database, principal, req);
  return runCsvImport(database, actorOf(principal!), ctx, req, open);
}
