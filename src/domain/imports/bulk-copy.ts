import type { Readable } from 'node:stream';
import type { Database } from '../../db/client.js';
import { insertImport, markImportCommitted, markImportFailed, restartImport } from '../../db/repositories/imports.js';
import { orgUnitNames } from '../../db/repositories/org-units.js';
import { listRecordTypes } from '../activities/index.js';
import { appendAudit, type Actor } from '../audit.js';
import { DomainError, type FieldProblem } from '../errors.js';
import { COPY_ACTIVITY_RECORDS, spansOfImport } from '../../db/repositories/activities.js';
import { settleRecordChange, type AffectedItem } from '../submissions/records-changed.js';
import { ROLLBACK, withCopyTransaction } from '../../db/copy-session.js';
import { activityRowValidator, type RowValidator } from './bulk-record-validator.js';
import { ProblemCollector, RowResolver, type RowResolverOptions } from './bulk-row-resolver.js';
import { loopTurns, readCsvRows, type CsvEncoding } from './csv-stream.js';
import { boundProblem, quoteInput } from './echo.js';

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  totalBytes: number | null;
  /** bytesRead / totalBytes when the size is known. */
  fraction: number | null;
}

export interface ActivityCsvImportOptions extends RowResolverOptions {
  fileName: string;
  actor: Actor;
  /** Size of the file, for progress as a fraction. */
  totalBytes?: number;
  /** Checks each row's date and data against its record type; defaults to the activity-record rules. */
  validateRow?: RowValidator;
  cycleId?: number | null;
  /** The unit the import is filed under (imports.org_unit_id), when it is one district's file. */
  orgUnitCode?: string | null;
  /** Continue an existing imports row (created with the upload, retried by a job) instead of creating one. */
  importId?: number;
  encoding?: CsvEncoding | 'auto';
  onProgress?: (p: ImportProgress) => void;
  /** Stored problems are capped at this many; errorCount still counts all. */
  maxStoredErrors?: number;
  /** PGlite: rows per COPY batch. */
  batchRows?: number;
  signal?: AbortSignal;
}

export interface ActivityCsvImportResult {
  importId: number;
  status: 'committed' | 'failed';
  /** Data rows read (the header not counted). */
  rows: number;
  inserted: number;
  errorCount: number;
  /** The first `maxStoredErrors` problems, in file order: row = line of the file, column = its header. */
  errors: FieldProblem[];
  encoding: CsvEncoding | null;
}

/** Rows per write to the COPY stream: large enough to amortise the call, small enough to keep memory flat. */
const WRITE_ROWS = 2000;
const PROGRESS_ROWS = 5000;

/**
 * Imports one CSV file of activity records — columns org_unit_code, record_type, occurred_on, then the record
 * type's fields (keys or Korean/English labels as headers) — in ONE transaction: rows stream from the file through
 * validation into COPY, so memory stays flat at any size. Every problem is collected with its line and column; if
 * there is any, the transaction rolls back and nothing is written. The `imports` row that reports the outcome is
 * written in separate short transactions, so a failed import stays on record; it turns `committed` in the same
 * transaction as the data. A process killed mid-import leaves activity_records exactly as before.
 *
 * @returns the outcome; validation failures are an outcome (`failed` with errors), not an exception.
 * @throws on database failures (after marking the import failed when the database still answers).
 */
export async function importActivityCsv(database: Database, source: Readable, opts: ActivityCsvImportOptions): Promise<ActivityCsvImportResult> {
  const db = database.db;
  const units = await orgUnitNames(db);
  const fileUnit = opts.orgUnitCode ? units.find((u) => u.code === opts.orgUnitCode) : undefined;
  const importId = opts.importId ?? (await createImportRow(database, opts, fileUnit?.id ?? null));
  if (opts.importId !== undefined) {
    // A retry after a crash starts the same import afresh.
    await restartImport(db, importId);
  }

  const rows = readCsvRows(source, { encoding: opts.encoding ?? 'auto' });
  const collector = new ProblemCollector(opts.maxStoredErrors ?? 1000);
  const resolver = new RowResolver(units, await listRecordTypes(db), opts, collector);
  const validate = opts.validateRow ?? activityRowValidator();
  const createdBy = opts.actor.userId === null ? '\\N' : String(opts.actor.userId);
  let rowCount = 0;
  let inserted = 0;

  const report = () =>
    opts.onProgress?.({
      rows: rowCount,
      bytesRead: rows.transcoder.bytesIn,
      totalBytes: opts.totalBytes ?? null,
      fraction: opts.totalBytes ? Math.min(1, rows.transcoder.bytesIn / opts.totalBytes) : null,
    });

  try {
    const outcome = await withCopyTransaction(
      database,
      COPY_ACTIVITY_RECORDS,
      async (copy) => {
        let pending = '';
        let pendingRows = 0;
        let cancelled = false;
        const stopCopying = async () => {
          if (cancelled) return;
          cancelled = true;
          pending = '';
          await copy.cancel();
        };
        // Rows come from memory faster than the event loop turns: give it a turn every few milliseconds of work.
        const turn = loopTurns();
        try {
          for await (const row of rows) {
            const t = turn();
            if (t) await t;
            if (!resolver.hasHeader) {
              resolver.readHeader(row);
              if (collector.count > 0) break;
              continue;
            }
            rowCount++;
            const line = resolver.toCopyLine(row, validate, importId, createdBy);
            if (line !== null && collector.count === 0) {
              pending += line;
              if (++pendingRows === WRITE_ROWS) {
                await copy.write(pending, pendingRows);
                pending = '';
                pendingRows = 0;
              }
            } else if (collector.count > 0) {
              await stopCopying();
            }
            if (rowCount % PROGRESS_ROWS === 0) {
              report();
              opts.signal?.throwIfAborted();
            }
          }
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          // The file cannot be read on (bad encoding, broken quoting): report where, keep what was found so far.
          collector.add(err.problems[0] ?? { path: 'file', message: err.msg });
        }
        if (!resolver.hasHeader && collector.count === 0) {
          collector.add({ path: 'file', row: 1, message: { ko: '파일이 비어 있습니다.', en: 'The file is empty.' } });
        }
        report();
        if (collector.count > 0) {
          await stopCopying();
          return ROLLBACK;
        }
        if (pendingRows > 0) await copy.write(pending, pendingRows);
        inserted = await copy.finish();
        // The submitted values these records reach: a verified one refuses the import (reported like a bad row),
        // submitted or approved ones go back to their district, in this transaction.
        let returnedItems: AffectedItem[];
        try {
          const spans = await spansOfImport(copy.db, importId);
          returnedItems = await settleRecordChange(
            copy.db,
            opts.actor,
            spans.map((t) => ({ orgUnitId: t.orgUnitId, recordTypes: [t.recordType], from: t.from, to: t.to })),
            { kind: 'csv_import', importId },
          );
        } catch (err) {
          if (!(err instanceof DomainError) || err.code !== 'records_locked') throw err;
          for (const p of err.problems) collector.add(p);
          return ROLLBACK;
        }
        await markImportCommitted(copy.db, importId, {
          totalRows: rowCount,
          processedRows: rowCount,
          summary: { inserted, encoding: rows.transcoder.encoding, recordTypes: resolver.typeCounts(), returnedItems },
        });
        await appendAudit(copy.db, opts.actor, {
          action: 'activity_records.imported',
          entityType: 'import',
          entityId: importId,
          orgUnitCode: opts.orgUnitCode ?? null,
          after: { fileName: opts.fileName, rows: inserted, recordTypes: resolver.typeCounts() },
        });
        return 'committed' as const;
      },
      { batchRows: opts.batchRows, deferBegin: true },
    );

    const result: ActivityCsvImportResult = {
      importId,
      status: outcome === ROLLBACK ? 'failed' : 'committed',
      rows: rowCount,
      inserted: outcome === ROLLBACK ? 0 : inserted,
      errorCount: collector.count,
      errors: collector.stored,
      encoding: rows.transcoder.encoding,
    };
    if (outcome === ROLLBACK) await markFailed(database, importId, result);
    return result;
  } catch (err) {
    source.destroy();
    await markFailed(database, importId, {
      rows: rowCount,
      errorCount: collector.count + 1,
      errors: [
        ...collector.stored,
        { path: 'file', message: { ko: '가져오기가 중단되었습니다.', en: `The import stopped: ${quoteInput((err as Error).message, 300)}` } },
      ],
      encoding: rows.transcoder.encoding,
    }).catch(() => undefined);
    throw err;
  }
}

async function createImportRow(database: Database, opts: ActivityCsvImportOptions, orgUnitId: number | null): Promise<number> {
  return insertImport(database.db, {
    format: 'csv',
    fileName: opts.fileName,
    status: 'validating',
    cycleId: opts.cycleId ?? null,
    orgUnitId,
    createdBy: opts.actor.userId,
  });
}

async function markFailed(
  database: Database,
  importId: number,
  r: Pick<ActivityCsvImportResult, 'rows' | 'errorCount' | 'errors' | 'encoding'>,
): Promise<void> {
  await markImportFailed(database.db, importId, {
    totalRows: r.rows,
    processedRows: r.rows,
    errorCount: r.errorCount,
    errors: r.errors.map(boundProblem),
    summary: { encoding: r.encoding },
  });
}
