import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { cycles, imports, jobs, orgUnits, users } from '../../db/schema.js';
import type { DbOrTx } from '../../db/tx.js';
import { assertCanReadRecords } from '../activities/access.js';
import type { Principal } from '../auth.js';
import { requireRole } from '../authz.js';
import { messageOfStored } from '../../message.js';
import { notFound, type FieldProblem, type Message } from '../errors.js';
import { ACTIVITY_CSV_IMPORT } from './bulk-import-job.js';
import { boundProblem } from './echo.js';

/**
 * The job kind that runs a district's large CSV upload in the background (with its record type and data period;
 * the bulk importer's own kind, ACTIVITY_CSV_IMPORT, runs multi-district files spooled on the local disk).
 */
export const IMPORT_JOB_KIND = 'imports.district_csv';

/**
 * Stored (and answered) problems per import: the first ones in file order, enough to fix an honest file round by
 * round; errorCount still counts every one. Each is bounded too (echo.ts), so a refused import's row stays small.
 */
export const MAX_STORED_PROBLEMS = 200;

export type ImportStatus = 'validating' | 'queued' | 'running' | 'committed' | 'failed';

export interface StoredProblem {
  path: string;
  message: Message;
  sheet?: string;
  row?: number;
  column?: string;
}

/** One upload and its outcome, as the import history shows it. */
export interface ImportView {
  id: number;
  cycleYear: number | null;
  orgUnitCode: string | null;
  format: string;
  fileName: string;
  status: string;
  totalRows: number;
  processedRows: number;
  errorCount: number;
  errors: StoredProblem[];
  summary: unknown;
  createdBy: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** The background job, for imports that run as one. */
  job: { id: number; status: string; progress: number; message: string | null; error: Message | null } | null;
}

export function storedProblems(problems: readonly FieldProblem[]): StoredProblem[] {
  return problems.slice(0, MAX_STORED_PROBLEMS).map(boundProblem);
}

export interface NewImport {
  cycleId: number | null;
  orgUnitId: number | null;
  format: 'xlsx' | 'csv';
  fileName: string;
  status: ImportStatus;
  createdBy: number | null;
  totalRows?: number;
  errorCount?: number;
  errors?: StoredProblem[] | null;
  summary?: unknown;
  finished?: boolean;
}

export async function insertImport(db: DbOrTx, values: NewImport): Promise<number> {
  const { finished, ...rest } = values;
  const [row] = await db
    .insert(imports)
    .values({ ...rest, ...(finished ? { finishedAt: sql`now()` } : {}) })
    .returning({ id: imports.id });
  if (!row) throw new Error('insert into imports returned no row');
  return row.id;
}

export async function finishImport(
  db: DbOrTx,
  id: number,
  set: { status: ImportStatus; totalRows: number; processedRows: number; errorCount: number; errors: StoredProblem[] | null; summary: unknown },
): Promise<void> {
  await db.update(imports).set({ ...set, finishedAt: sql`now()` }).where(eq(imports.id, id));
}

const columns = {
  id: imports.id,
  cycleYear: cycles.year,
  orgUnitCode: orgUnits.code,
  format: imports.format,
  fileName: imports.fileName,
  status: imports.status,
  totalRows: imports.totalRows,
  processedRows: imports.processedRows,
  errorCount: imports.errorCount,
  // Rows stored before problems were bounded may hold thousands: only the first ones leave the database.
  errors: sql<unknown>`jsonb_path_query_array(${imports.errors}, ${`$[0 to ${MAX_STORED_PROBLEMS - 1}]`}::jsonpath)`,
  summary: imports.summary,
  createdBy: users.username,
  createdAt: imports.createdAt,
  finishedAt: imports.finishedAt,
};

function selectImports(db: DbOrTx) {
  return db
    .select(columns)
    .from(imports)
    .leftJoin(cycles, eq(cycles.id, imports.cycleId))
    .leftJoin(orgUnits, eq(orgUnits.id, imports.orgUnitId))
    .leftJoin(users, eq(users.id, imports.createdBy));
}

async function jobOf(db: DbOrTx, importId: number): Promise<ImportView['job']> {
  const [row] = await db
    .select({ id: jobs.id, status: jobs.status, progress: jobs.progress, message: jobs.message, error: jobs.error })
    .from(jobs)
    .where(and(inArray(jobs.kind, [IMPORT_JOB_KIND, ACTIVITY_CSV_IMPORT]), sql`${jobs.payload} ->> 'importId' = ${String(importId)}`))
    .orderBy(desc(jobs.id))
    .limit(1);
  return row ? { ...row, error: messageOfStored(row.error) } : null;
}

type Row = Awaited<ReturnType<ReturnType<typeof selectImports>['where']>>[number];

function toView(row: Row, job: ImportView['job']): ImportView {
  return {
    ...row,
    errors: Array.isArray(row.errors) ? storedProblems(row.errors as StoredProblem[]) : [],
    job,
  };
}

/** One import with its background job's progress; visible to whoever may read the district's records. */
export async function getImport(db: DbOrTx, principal: Principal | null, id: number): Promise<ImportView> {
  const [row] = await selectImports(db).where(eq(imports.id, id)).limit(1);
  if (!row) throw notFound({ ko: `가져오기 ${id}`, en: `Import ${id}` });
  if (row.orgUnitCode) assertCanReadRecords(principal, row.orgUnitCode);
  else requireRole(principal, 'city_admin', 'auditor');
  return toView(row, await jobOf(db, id));
}

/** A district's import history, newest first (keyset on id). */
export async function listImports(
  db: DbOrTx,
  principal: Principal | null,
  orgUnitCode: string,
  opts: { cycleYear?: number; before?: number; limit?: number } = {},
): Promise<{ items: ImportView[]; nextCursor: number | null }> {
  assertCanReadRecords(principal, orgUnitCode);
  const limit = Math.min(200, Math.max(1, opts.limit ?? 50));
  const rows = await selectImports(db)
    .where(
      and(
        eq(orgUnits.code, orgUnitCode),
        opts.cycleYear !== undefined ? eq(cycles.year, opts.cycleYear) : undefined,
        opts.before !== undefined ? lt(imports.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(imports.id))
    .limit(limit + 1);
  const items = await Promise.all(rows.slice(0, limit).map(async (r) => toView(r, r.status === 'queued' || r.status === 'running' || r.status === 'validating' ? await jobOf(db, r.id) : null)));
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}
