import type { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { imports, orgUnits } from '../../db/schema.js';
import { listRecordTypes, type RecordType } from '../activities/index.js';
import { appendAudit, type Actor } from '../audit.js';
import { DomainError, type FieldProblem, type Message } from '../errors.js';
import { copyText, ROLLBACK, withCopyTransaction } from './bulk-copy-session.js';
import { activityRowValidator, type RowValidator } from './bulk-record-validator.js';
import { readCsvRows, type CsvEncoding, type CsvRow } from './csv-stream.js';

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  totalBytes: number | null;
  /** bytesRead / totalBytes when the size is known. */
  fraction: number | null;
}

export interface ActivityCsvImportOptions {
  fileName: string;
  actor: Actor;
  /** Size of the file, for progress as a fraction. */
  totalBytes?: number;
  /** Checks each row's date and data against its record type; defaults to the activity-record rules. */
  validateRow?: RowValidator;
  /** Extra header aliases: header text → org_unit_code | record_type | occurred_on | a field key. */
  headerMap?: Record<string, string>;
  /** Only these units may appear (a district officer imports for their own district). */
  allowedOrgUnitCodes?: readonly string[];
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

const FIXED = ['org_unit_code', 'record_type', 'occurred_on'] as const;
type FixedColumn = (typeof FIXED)[number];
const fixedAliases: Record<string, FixedColumn> = {
  org_unit_code: 'org_unit_code',
  org_unit: 'org_unit_code',
  자치구코드: 'org_unit_code',
  기관코드: 'org_unit_code',
  자치구: 'org_unit_code',
  record_type: 'record_type',
  실적유형: 'record_type',
  유형: 'record_type',
  occurred_on: 'occurred_on',
  실적일자: 'occurred_on',
  일자: 'occurred_on',
  날짜: 'occurred_on',
};
const fixedLabels: Record<FixedColumn, Message> = {
  org_unit_code: { ko: '자치구 코드', en: 'org unit code' },
  record_type: { ko: '실적 유형', en: 'record type' },
  occurred_on: { ko: '실적 일자', en: 'date' },
};

/** Header text compared without case, spaces or Unicode form differences. */
const normHeader = (s: string) => s.normalize('NFC').replace(/\s+/g, '').toLowerCase();

const COPY_SQL =
  'COPY activity_records (org_unit_id, record_type_id, occurred_on, data, import_id, created_by) FROM STDIN';
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
export async function importActivityCsv(
  database: Database,
  source: Readable,
  opts: ActivityCsvImportOptions,
): Promise<ActivityCsvImportResult> {
  const db = database.db;
  const units = await db.select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name }).from(orgUnits);
  const fileUnit = opts.orgUnitCode ? units.find((u) => u.code === opts.orgUnitCode) : undefined;
  const importId = opts.importId ?? (await createImportRow(database, opts, fileUnit?.id ?? null));
  await db
    .update(imports)
    .set({ status: 'validating', errorCount: 0, errors: null, processedRows: 0, finishedAt: null })
    .where(eq(imports.id, importId));

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
      COPY_SQL,
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
        try {
          for await (const row of rows) {
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
        if (!resolver.hasHeader && collector.count === 0) collector.add({ path: 'file', row: 1, message: { ko: '파일이 비어 있습니다.', en: 'The file is empty.' } });
        report();
        if (collector.count > 0) {
          await stopCopying();
          return ROLLBACK;
        }
        if (pendingRows > 0) await copy.write(pending, pendingRows);
        inserted = await copy.finish();
        await copy.db
          .update(imports)
          .set({
            status: 'committed',
            totalRows: rowCount,
            processedRows: rowCount,
            summary: { inserted, encoding: rows.transcoder.encoding, recordTypes: resolver.typeCounts() },
            finishedAt: sql`now()`,
          })
          .where(eq(imports.id, importId));
        await appendAudit(copy.db, opts.actor, {
          action: 'activity_records.imported',
          entityType: 'import',
          entityId: importId,
          orgUnitCode: opts.orgUnitCode ?? null,
          after: { fileName: opts.fileName, rows: inserted, recordTypes: resolver.typeCounts() },
        });
        return 'committed' as const;
      },
      { batchRows: opts.batchRows },
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
    await markFailed(database, importId, {
      rows: rowCount,
      errorCount: collector.count + 1,
      errors: [
        ...collector.stored,
        { path: 'file', message: { ko: '가져오기가 중단되었습니다.', en: `The import stopped: ${(err as Error).message}` } },
      ],
      encoding: rows.transcoder.encoding,
    }).catch(() => undefined);
    throw err;
  }
}

async function createImportRow(database: Database, opts: ActivityCsvImportOptions, orgUnitId: number | null): Promise<number> {
  const [row] = await database.db
    .insert(imports)
    .values({
      format: 'csv',
      fileName: opts.fileName,
      status: 'validating',
      cycleId: opts.cycleId ?? null,
      orgUnitId,
      createdBy: opts.actor.userId,
    })
    .returning({ id: imports.id });
  if (!row) throw new Error('importActivityCsv: insert into imports returned no row');
  return row.id;
}

async function markFailed(
  database: Database,
  importId: number,
  r: Pick<ActivityCsvImportResult, 'rows' | 'errorCount' | 'errors' | 'encoding'>,
): Promise<void> {
  await database.db
    .update(imports)
    .set({
      status: 'failed',
      totalRows: r.rows,
      processedRows: r.rows,
      errorCount: r.errorCount,
      errors: r.errors,
      summary: { encoding: r.encoding },
      finishedAt: sql`now()`,
    })
    .where(eq(imports.id, importId));
}

class ProblemCollector {
  count = 0;
  readonly stored: FieldProblem[] = [];
  constructor(private readonly cap: number) {}
  add(p: FieldProblem): void {
    this.count++;
    if (this.stored.length < this.cap) this.stored.push(p);
  }
}

/** How one record type reads this file's columns: column index → field key (null: not a field of the type). */
interface TypeColumns {
  type: RecordType;
  /** undefined marks the fixed columns, which are read apart. */
  keys: (string | null | undefined)[];
  headerOf: Map<string, string>;
  rows: number;
}

/** Maps a file's header and each row's cells to database ids and field values. */
class RowResolver {
  hasHeader = false;
  private header: string[] = [];
  private fixed: Record<FixedColumn, number> = { org_unit_code: -1, record_type: -1, occurred_on: -1 };
  private readonly unitIds = new Map<string, number>();
  private readonly typesByName = new Map<string, RecordType>();
  private readonly columnsByType = new Map<number, TypeColumns>();
  private readonly aliases: Map<string, string>;
  private readonly allowedIds: Set<number> | null;
  private readonly allowedLabel: string;

  constructor(
    units: Array<{ id: number; code: string; name: string }>,
    types: RecordType[],
    opts: Pick<ActivityCsvImportOptions, 'headerMap' | 'allowedOrgUnitCodes'>,
    private readonly problems: ProblemCollector,
  ) {
    for (const u of units) {
      this.unitIds.set(u.code, u.id);
      this.unitIds.set(normHeader(u.name), u.id);
    }
    this.allowedIds = opts.allowedOrgUnitCodes
      ? new Set(opts.allowedOrgUnitCodes.map((c) => this.unitIds.get(c)).filter((id): id is number => id !== undefined))
      : null;
    this.allowedLabel = (opts.allowedOrgUnitCodes ?? []).join(', ');
    for (const t of types) {
      if (!t.active) continue;
      for (const name of [t.code, t.name.ko, t.name.en]) this.typesByName.set(normHeader(name), t);
    }
    this.aliases = new Map(Object.entries(opts.headerMap ?? {}).map(([k, v]) => [normHeader(k), v]));
  }

  readHeader(row: CsvRow): void {
    this.hasHeader = true;
    this.header = row.cells.map((c) => c.trim());
    const seen = new Map<string, number>();
    this.header.forEach((h, i) => {
      const n = normHeader(h);
      const canonical = this.aliases.get(n) ?? n;
      const fixed = fixedAliases[canonical];
      if (fixed) this.fixed[fixed] = i;
      if (seen.has(canonical)) {
        this.problems.add(headerProblem(row.line, h, { ko: `'${h}' 열이 두 번 있습니다.`, en: `The column '${h}' appears twice.` }));
      }
      seen.set(canonical, i);
    });
    for (const c of FIXED) {
      if (this.fixed[c] < 0) {
        const l = fixedLabels[c];
        this.problems.add(
          headerProblem(row.line, null, { ko: `'${l.ko}'(${c}) 열이 없습니다.`, en: `The ${l.en} column (${c}) is missing.` }),
        );
      }
    }
  }

  /** The COPY line for a valid row; null (with problems recorded) otherwise. */
  toCopyLine(row: CsvRow, validate: RowValidator, importId: number, createdBy: string): string | null {
    const { cells, line } = row;
    if (cells.length !== this.header.length) {
      this.problems.add({
        path: 'row',
        row: line,
        message: {
          ko: `${line}행: 열이 ${cells.length}개입니다(머리행은 ${this.header.length}개).`,
          en: `Line ${line}: ${cells.length} columns where the header has ${this.header.length}.`,
        },
      });
      return null;
    }
    const before = this.problems.count;
    const unitCell = (cells[this.fixed.org_unit_code] ?? '').trim();
    const unitId = this.unitIds.get(unitCell) ?? this.unitIds.get(normHeader(unitCell));
    if (unitId === undefined) {
      this.cellProblem(line, 'org_unit_code', unitCell === ''
        ? { ko: '자치구 코드가 비어 있습니다.', en: 'The org unit code is empty.' }
        : { ko: `'${unitCell}'는 등록된 자치구가 아닙니다.`, en: `'${unitCell}' is not a known org unit.` });
    } else if (this.allowedIds && !this.allowedIds.has(unitId)) {
      this.cellProblem(line, 'org_unit_code', {
        ko: `'${unitCell}' 자치구의 실적은 올릴 수 없습니다(${this.allowedLabel}만 가능).`,
        en: `You may not import records of '${unitCell}' (only ${this.allowedLabel}).`,
      });
    }
    const typeCell = (cells[this.fixed.record_type] ?? '').trim();
    const columns = this.columnsFor(typeCell);
    if (!columns) {
      this.cellProblem(line, 'record_type', typeCell === ''
        ? { ko: '실적 유형이 비어 있습니다.', en: 'The record type is empty.' }
        : { ko: `'${typeCell}'는 등록된 실적 유형이 아닙니다.`, en: `'${typeCell}' is not a known record type.` });
      return null;
    }
    const data: Record<string, string> = {};
    for (let i = 0; i < cells.length; i++) {
      const key = columns.keys[i];
      if (key === undefined) continue;
      const cell = cells[i]!;
      if (cell === '') continue;
      if (cell.includes('\0')) {
        this.problems.add({ path: key ?? 'row', row: line, column: this.header[i], message: nulProblem });
      } else if (key === null) {
        this.problems.add({
          path: 'row',
          row: line,
          column: this.header[i],
          message: {
            ko: `'${this.header[i]}' 열은 '${columns.type.name.ko}' 실적의 항목이 아닙니다.`,
            en: `The column '${this.header[i]}' is not a field of '${columns.type.name.en}'.`,
          },
        });
      } else {
        data[key] = cell;
      }
    }
    const dateIndex = this.fixed.occurred_on;
    const r = validate(columns.type, { occurredOn: dateIndex >= 0 ? cells[dateIndex] : undefined, data });
    if (!r.ok) {
      for (const p of r.problems) {
        const key = p.path.startsWith('data.') ? p.path.slice(5) : null;
        const column = key !== null ? columns.headerOf.get(key) : p.path === 'occurredOn' ? this.headerOrName('occurred_on') : undefined;
        this.problems.add({ ...p, row: line, ...(column !== undefined ? { column } : {}) });
      }
      return null;
    }
    if (this.problems.count > before || unitId === undefined) return null;
    columns.rows++;
    return `${unitId}\t${columns.type.id}\t${r.occurredOn}\t${copyText(JSON.stringify(r.data))}\t${importId}\t${createdBy}\n`;
  }

  typeCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.columnsByType.values()) if (c.rows > 0) out[c.type.code] = c.rows;
    return out;
  }

  private headerOrName(c: FixedColumn): string {
    return this.fixed[c] >= 0 ? (this.header[this.fixed[c]] ?? c) : c;
  }

  private cellProblem(line: number, c: FixedColumn, message: Message): void {
    this.problems.add({ path: c, row: line, column: this.headerOrName(c), message });
  }

  private columnsFor(typeCell: string): TypeColumns | null {
    const type = this.typesByName.get(normHeader(typeCell));
    if (!type) return null;
    let columns = this.columnsByType.get(type.id);
    if (columns) return columns;
    const byName = new Map<string, string>();
    for (const f of type.fields) for (const n of [f.key, f.label.ko, f.label.en]) byName.set(normHeader(n), f.key);
    const fixedIndexes = new Set(Object.values(this.fixed));
    const keys = this.header.map((h, i) => {
      if (fixedIndexes.has(i)) return undefined;
      const n = normHeader(h);
      return byName.get(this.aliases.get(n) ?? n) ?? null;
    });
    const headerOf = new Map<string, string>();
    keys.forEach((k, i) => k && headerOf.set(k, this.header[i] ?? k));
    columns = { type, keys, headerOf, rows: 0 };
    this.columnsByType.set(type.id, columns);
    return columns;
  }
}

const nulProblem: Message = { ko: '값에 NUL 문자가 있습니다.', en: 'The value contains a NUL character.' };

function headerProblem(line: number, column: string | null, message: Message): FieldProblem {
  return { path: 'header', row: line, ...(column !== null ? { column } : {}), message };
}
