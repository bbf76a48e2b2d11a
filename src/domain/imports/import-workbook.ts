import type { Database, Db } from '../../db/client.js';
import type { DbOrTx } from '../../db/tx.js';
import { assertCanWriteRecords } from '../activities/access.js';
import { COPY_ACTIVITY_RECORDS_WITH_UPDATER, liveRecordsByIds, updateRecordRow } from '../../db/repositories/activities.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf } from '../authz.js';
import { DomainError, type FieldProblem } from '../errors.js';
import type { ByteSource } from '../evidence/byte-source.js';
import { checkDirectValues, writeDirectValues, type DirectValuesOutcome } from './direct-values.js';
import { boundProblem } from './echo.js';
import { finishImport, insertImport, MAX_STORED_PROBLEMS, storedProblems, type StoredProblem } from './import-history.js';
import { loadDistrictCycle, type DistrictCycle } from './import-context.js';
import { copyText, ROLLBACK, withCopyTransaction, type CopySession } from '../../db/copy-session.js';
import { checkXlsxContainer, defaultXlsxLimits, type XlsxLimits } from './xlsx-safety.js';
import { withXlsxWorker } from './xlsx-workers.js';
import type { ImportPlan, PlannedRecord, SheetSummary } from './validate-workbook.js';
import { settleRecordChange, spanOf, type AffectedItem } from '../submissions/records-changed.js';
import { josaPick } from '../../korean.js';

export interface UploadedWorkbook {
  /** The name the browser sent (only stored and shown). */
  fileName: string;
  source: ByteSource;
}

export interface ImportSummary {
  importId: number;
  status: 'committed';
  created: number;
  updated: number;
  unchanged: number;
  sheets: SheetSummary[];
  directValues: DirectValuesOutcome;
  /** Submitted or approved items whose value the file changed: returned to the district to submit again. */
  returnedItems: AffectedItem[];
}

/**
 * Problems reported in one response: the first of them in file order, each bounded (echo.ts); the import history
 * keeps the same, errorCount counts all. Enough to fix any honest file round by round.
 */
export const MAX_REPORTED_PROBLEMS = MAX_STORED_PROBLEMS;

export function importRejected(importId: number | null, problems: FieldProblem[], total = problems.length): DomainError {
  const n = Math.max(total, problems.length);
  return new DomainError(
    'invalid',
    'import_invalid',
    {
      ko: `파일에 오류가 ${n.toLocaleString('ko-KR')}건 있어 아무것도 저장하지 않았습니다. 모두 고친 뒤 다시 올리세요.`,
      en: `The file has ${n.toLocaleString('en-US')} error(s), so nothing was saved. Fix them all and upload again.`,
    },
    problems.slice(0, MAX_REPORTED_PROBLEMS).map(boundProblem),
    { importId, errorCount: n },
  );
}

function counts(plan: ImportPlan) {
  const sum = (k: 'created' | 'updated' | 'unchanged') => plan.sheets.filter((s) => s.recordType).reduce((n, s) => n + s[k], 0);
  return { created: sum('created'), updated: sum('updated'), unchanged: sum('unchanged') };
}

function staleDuringImport(r: PlannedRecord): DomainError {
  return importRejected(null, [
    {
      path: `${r.type.code}._id`,
      sheet: r.sheet,
      row: r.excelRow,
      message: {
        ko: `실적 ${r.update?.id}${josaPick(r.update?.id ?? '', '을/를')} 다른 사용자가 방금 고쳤습니다. 서식을 다시 내려받으세요.`,
        en: `Record ${r.update?.id} was just changed by someone else. Download the file again.`,
      },
    },
  ]);
}

const COPY_BATCH = 2000;

/** New records streamed in with COPY (one line each), in batches so memory stays bounded by one batch. */
async function copyNewRecords(copy: CopySession, ctx: DistrictCycle, creates: PlannedRecord[], importId: number, userId: number): Promise<number> {
  for (let i = 0; i < creates.length; i += COPY_BATCH) {
    const batch = creates.slice(i, i + COPY_BATCH);
    const lines = batch.map((r) => `${ctx.unit.id}\t${r.type.id}\t${r.occurredOn}\t${copyText(JSON.stringify(r.data))}\t${importId}\t${userId}\t${userId}\n`);
    await copy.write(lines.join(''), batch.length);
  }
  return copy.finish();
}

/** After the COPY, in the same transaction: changed records version-checked and audited, values, one summary entry. */
async function writeRest(
  tx: DbOrTx,
  principal: Principal,
  ctx: DistrictCycle,
  plan: ImportPlan,
  importId: number,
  fileName: string,
): Promise<DirectValuesOutcome> {
  const actor = actorOf(principal);
  for (const r of plan.records) {
    if (!r.update) continue;
    const done = await updateRecordRow(tx, r.update.id, r.update.version, { occurredOn: r.occurredOn, data: r.data, updatedBy: actor.userId });
    if (!done) throw staleDuringImport(r);
    // An edit of an existing record keeps its own old → new trail, as an edit on screen would.
    await appendAudit(tx, actor, {
      action: 'activity_record.updated',
      entityType: 'activity_record',
      entityId: r.update.id,
      orgUnitCode: ctx.unit.code,
      before: { recordType: r.type.code, occurredOn: r.update.before.occurredOn, data: r.update.before.data, version: r.update.version },
      after: { recordType: r.type.code, occurredOn: r.occurredOn, data: r.data, version: r.update.version + 1 },
      reason: `가져오기 ${importId} / import ${importId}`,
    });
  }
  const direct = await writeDirectValues(tx, principal, ctx, plan.values);
  const c = counts(plan);
  await appendAudit(tx, actor, {
    action: 'activity_records.imported',
    entityType: 'import',
    entityId: importId,
    orgUnitCode: ctx.unit.code,
    after: {
      fileName,
      format: 'xlsx',
      cycleYear: ctx.cycle.year,
      ...c,
      directValues: direct.saved,
      sheets: plan.sheets.map((s) => ({ sheet: s.sheet, recordType: s.recordType, created: s.created, updated: s.updated })),
    },
  });
  return direct;
}

/** The submitted values the file's records reach: verified ones refuse the import, submitted or approved ones go back. */
async function settleImport(tx: DbOrTx, principal: Principal, ctx: DistrictCycle, plan: ImportPlan, importId: number): Promise<AffectedItem[]> {
  const written = plan.records.filter(
    (r) => !(r.update && r.update.before.occurredOn === r.occurredOn && JSON.stringify(r.update.before.data) === JSON.stringify(r.data)),
  );
  const dates = written.flatMap((r) => (r.update ? [r.occurredOn, r.update.before.occurredOn] : [r.occurredOn]));
  const span = spanOf(dates);
  if (!span) return [];
  const types = [...new Set(written.map((r) => r.type.code))];
  return settleRecordChange(tx, actorOf(principal), [{ orgUnitId: ctx.unit.id, recordTypes: types, ...span }], { kind: 'xlsx_import', importId });
}

async function recordFailure(
  db: Db,
  ctx: DistrictCycle,
  principal: Principal,
  fileName: string,
  rows: number,
  problems: FieldProblem[],
  total: number,
): Promise<number> {
  return insertImport(db, {
    cycleId: ctx.cycle.id,
    orgUnitId: ctx.unit.id,
    format: 'xlsx',
    fileName,
    status: 'failed',
    createdBy: principal.user.id,
    totalRows: rows,
    errorCount: total,
    errors: storedProblems(problems) satisfies StoredProblem[],
    finished: true,
  });
}

/**
 * Imports a district's filled-in template for a cycle. The whole file is checked first — structure, every row of
 * every sheet, the data period, the records pre-filled rows point at, the indicator values — and if anything is
 * wrong nothing is written: the import is kept in the history as failed and every problem is thrown with its sheet,
 * Excel row and column letter (the first MAX_STORED_PROBLEMS of them, with the count of all). Reading the file —
 * the CPU-bound part — runs on a worker thread (xlsx-workers.ts). Otherwise everything is written in one
 * transaction — new records by COPY, changed ones version-checked, indicator values through the submission
 * rules — with one audit entry summing the import up, and the new records carry the import's ID. A process killed meanwhile leaves the data as before.
 *
 * @throws DomainError forbidden (not the district's officer or the city), invalid `not_xlsx` | `zip_bomb` |
 *   `xlsx_limit_exceeded` | `import_invalid` (with `errors[]`, `extra.importId`, `extra.errorCount`).
 */
export async function importWorkbook(
  database: Database,
  principal: Principal | null,
  input: { year: number; orgUnitCode: string; file: UploadedWorkbook; limits?: XlsxLimits },
): Promise<ImportSummary> {
  assertCanWriteRecords(principal, input.orgUnitCode);
  const db = database.db;
  const ctx = await loadDistrictCycle(db, input.year, input.orgUnitCode);
  const limits = input.limits ?? defaultXlsxLimits;
  // What the archive's directory alone shows (not a workbook, a bomb) is refused here, without a worker.
  await checkXlsxContainer(input.file.source, limits);
  const bytes = await input.file.source.read(0, input.file.source.size);
  // Inflating, checking, loading and validating run on a worker thread; this thread only looks up the records.
  const {
    rows,
    plan,
    problems: found,
    problemCount,
  } = await withXlsxWorker(async (worker) => {
    const { ids, rows } = await worker.read(bytes, ctx.recordTypes, limits);
    const existing = await liveRecordsByIds(db, ids);
    return { rows, ...(await worker.validate(ctx, existing, MAX_STORED_PROBLEMS)) };
  });
  const direct = await checkDirectValues(db, principal, ctx, plan.values);
  const problems = [...found, ...direct].slice(0, MAX_STORED_PROBLEMS);
  const total = problemCount + direct.length;
  if (total > 0) {
    const importId = await recordFailure(db, ctx, principal, input.file.fileName, rows, problems, total);
    throw importRejected(importId, problems, total);
  }
  // The import is on record (validating) before its one transaction starts, so a failure stays in the history;
  // it turns committed in the same transaction as the data.
  const importId = await insertImport(db, {
    cycleId: ctx.cycle.id,
    orgUnitId: ctx.unit.id,
    format: 'xlsx',
    fileName: input.file.fileName,
    status: 'validating',
    createdBy: principal.user.id,
    totalRows: rows,
  });
  try {
    const result = await withCopyTransaction(database, COPY_ACTIVITY_RECORDS_WITH_UPDATER, async (copy) => {
      await copyNewRecords(
        copy,
        ctx,
        plan.records.filter((r) => !r.update),
        importId,
        principal.user.id,
      );
      const directValues = await writeRest(copy.db, principal, ctx, plan, importId, input.file.fileName);
      const returnedItems = await settleImport(copy.db, principal, ctx, plan, importId);
      const summary = { ...counts(plan), sheets: plan.sheets, directValues, returnedItems };
      await finishImport(copy.db, importId, { status: 'committed', totalRows: rows, processedRows: rows, errorCount: 0, errors: null, summary });
      return { importId, status: 'committed' as const, ...summary };
    });
    if (result === ROLLBACK) throw new Error('unreachable: the workbook import never asks to roll back');
    return result;
  } catch (err) {
    const problems = err instanceof DomainError ? err.problems : [];
    await finishImport(db, importId, {
      status: 'failed',
      totalRows: rows,
      processedRows: 0,
      errorCount: Math.max(1, problems.length),
      errors: storedProblems(problems.length ? problems : [{ path: 'file', message: { ko: '가져오기가 중단되었습니다.', en: 'The import stopped.' } }]),
      summary: null,
    }).catch(() => undefined);
    throw err instanceof DomainError && (err.code === 'import_invalid' || err.code === 'records_locked') ? importRejected(importId, err.problems) : err;
  }
}
