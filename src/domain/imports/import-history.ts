import { latestJobOfImport, selectImportById, selectImportsOfUnit, type ImportRow } from '../../db/repositories/imports.js';
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

export { finishImport, insertImport, type ImportStatus, type NewImport } from '../../db/repositories/imports.js';

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

async function jobOf(db: DbOrTx, importId: number): Promise<ImportView['job']> {
  const row = await latestJobOfImport(db, importId, [IMPORT_JOB_KIND, ACTIVITY_CSV_IMPORT]);
  return row ? { ...row, error: messageOfStored(row.error) } : null;
}

function toView(row: ImportRow, job: ImportView['job']): ImportView {
  return {
    ...row,
    errors: Array.isArray(row.errors) ? storedProblems(row.errors as StoredProblem[]) : [],
    job,
  };
}

/** One import with its background job's progress; visible to whoever may read the district's records. */
export async function getImport(db: DbOrTx, principal: Principal | null, id: number): Promise<ImportView> {
  const row = await selectImportById(db, id, MAX_STORED_PROBLEMS);
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
  const rows = await selectImportsOfUnit(db, orgUnitCode, { cycleYear: opts.cycleYear, before: opts.before, limit: limit + 1, maxErrors: MAX_STORED_PROBLEMS });
  const items = await Promise.all(
    rows
      .slice(0, limit)
      .map(async (r) => toView(r, r.status === 'queued' || r.status === 'running' || r.status === 'validating' ? await jobOf(db, r.id) : null)),
  );
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}
