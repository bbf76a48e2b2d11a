import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { cycles, imports, jobs, orgUnits, users } from '../schema.js';
import type { DbOrTx } from '../tx.js';

/** The SQL of the import history (`imports`): the rows that report each upload's outcome. */
export type ImportStatus = 'validating' | 'queued' | 'running' | 'committed' | 'failed';

export interface NewImport {
  cycleId: number | null;
  orgUnitId: number | null;
  format: 'xlsx' | 'csv';
  fileName: string;
  status: ImportStatus;
  createdBy: number | null;
  totalRows?: number;
  errorCount?: number;
  /** The stored problems (bounded by the domain). */
  errors?: readonly object[] | null;
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
  set: { status: ImportStatus; totalRows: number; processedRows: number; errorCount: number; errors: readonly object[] | null; summary: unknown },
): Promise<void> {
  await db
    .update(imports)
    .set({ ...set, finishedAt: sql`now()` })
    .where(eq(imports.id, id));
}

/** A retried import starts afresh: validating again, its counts and problems cleared. */
export async function restartImport(db: DbOrTx, id: number): Promise<void> {
  await db.update(imports).set({ status: 'validating', errorCount: 0, errors: null, processedRows: 0, finishedAt: null }).where(eq(imports.id, id));
}

/** Marks an import committed with its row counts and summary (in the transaction that wrote its data). */
export async function markImportCommitted(db: DbOrTx, id: number, set: { totalRows: number; processedRows: number; summary: unknown }): Promise<void> {
  await db
    .update(imports)
    .set({
      status: 'committed',
      ...set,
      finishedAt: sql`now()`,
    })
    .where(eq(imports.id, id));
}

/** Marks an import failed with its row counts, problems and summary. */
export async function markImportFailed(
  db: DbOrTx,
  id: number,
  set: { totalRows: number; processedRows: number; errorCount: number; errors: readonly object[]; summary: unknown },
): Promise<void> {
  await db
    .update(imports)
    .set({
      status: 'failed',
      ...set,
      finishedAt: sql`now()`,
    })
    .where(eq(imports.id, id));
}

const columns = (maxErrors: number) => ({
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
  errors: sql<unknown>`jsonb_path_query_array(${imports.errors}, ${`$[0 to ${maxErrors - 1}]`}::jsonpath)`,
  summary: imports.summary,
  createdBy: users.username,
  createdAt: imports.createdAt,
  finishedAt: imports.finishedAt,
});

function selectImports(db: DbOrTx, maxErrors: number) {
  return db
    .select(columns(maxErrors))
    .from(imports)
    .leftJoin(cycles, eq(cycles.id, imports.cycleId))
    .leftJoin(orgUnits, eq(orgUnits.id, imports.orgUnitId))
    .leftJoin(users, eq(users.id, imports.createdBy));
}

/** An import as the history shows it: with its cycle's year, its district's code and its uploader's name. */
export type ImportRow = Awaited<ReturnType<ReturnType<typeof selectImports>['where']>>[number];

/** One import; its stored problems cut to the first `maxErrors`. */
export async function selectImportById(db: DbOrTx, id: number, maxErrors: number): Promise<ImportRow | null> {
  const [row] = await selectImports(db, maxErrors).where(eq(imports.id, id)).limit(1);
  return row ?? null;
}

/** A district's imports, newest first: up to `limit` rows before the id `before` (all when absent). */
export async function selectImportsOfUnit(
  db: DbOrTx,
  orgUnitCode: string,
  opts: { cycleYear?: number; before?: number; limit: number; maxErrors: number },
): Promise<ImportRow[]> {
  return selectImports(db, opts.maxErrors)
    .where(
      and(
        eq(orgUnits.code, orgUnitCode),
        opts.cycleYear !== undefined ? eq(cycles.year, opts.cycleYear) : undefined,
        opts.before !== undefined ? lt(imports.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(imports.id))
    .limit(opts.limit);
}

export interface ImportJobRow {
  id: number;
  status: string;
  progress: number;
  message: string | null;
  error: string | null;
}

/** The latest job of the given kinds whose payload names the import. */
export async function latestJobOfImport(db: DbOrTx, importId: number, kinds: string[]): Promise<ImportJobRow | null> {
  const [row] = await db
    .select({ id: jobs.id, status: jobs.status, progress: jobs.progress, message: jobs.message, error: jobs.error })
    .from(jobs)
    .where(and(inArray(jobs.kind, kinds), sql`${jobs.payload} ->> 'importId' = ${String(importId)}`))
    .orderBy(desc(jobs.id))
    .limit(1);
  return row ?? null;
}
