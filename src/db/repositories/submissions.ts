import { and, asc, eq, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm';
import { cycleDeadlines, cycles, evidenceFiles, orgUnits, submissionEvidence, submissions } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export type { SubmissionStatus } from '../schema.js';

export type SubmissionRow = typeof submissions.$inferSelect;
export type NewSubmissionRow = typeof submissions.$inferInsert;
export type EvidenceFileRow = typeof evidenceFiles.$inferSelect;

export interface AttachedEvidence {
  submissionId: number;
  id: number;
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  addedAt: Date;
}

export async function submissionsOfDistrict(db: DbOrTx, cycleId: number, orgUnitId: number): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(submissions)
    .where(and(eq(submissions.cycleId, cycleId), eq(submissions.orgUnitId, orgUnitId)))
    .orderBy(asc(submissions.indicatorCode));
}

export async function findSubmission(db: DbOrTx, cycleId: number, orgUnitId: number, indicatorCode: string): Promise<SubmissionRow | null> {
  const [row] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.cycleId, cycleId), eq(submissions.orgUnitId, orgUnitId), eq(submissions.indicatorCode, indicatorCode)))
    .limit(1);
  return row ?? null;
}

/** Submissions by id, each with its district's code. */
export async function findSubmissionsByIds(db: DbOrTx, ids: number[]): Promise<Array<SubmissionRow & { orgUnitCode: string }>> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ row: submissions, orgUnitCode: orgUnits.code })
    .from(submissions)
    .innerJoin(orgUnits, eq(orgUnits.id, submissions.orgUnitId))
    .where(inArray(submissions.id, ids));
  return rows.map((r) => ({ ...r.row, orgUnitCode: r.orgUnitCode }));
}

/** Inserts a first row for a district × indicator; null when someone else created it meanwhile. */
export async function insertSubmission(db: DbOrTx, row: NewSubmissionRow): Promise<SubmissionRow | null> {
  const [out] = await db.insert(submissions).values(row).onConflictDoNothing().returning();
  return out ?? null;
}

/** Applies `patch` only if the row is still at `version` (optimistic concurrency); null when stale. */
export async function updateSubmission(
  db: DbOrTx,
  id: number,
  version: number,
  patch: Partial<Omit<NewSubmissionRow, 'id' | 'cycleId' | 'orgUnitId' | 'indicatorCode' | 'version'>>,
): Promise<SubmissionRow | null> {
  const [out] = await db
    .update(submissions)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(submissions.id, id), eq(submissions.version, version)))
    .returning();
  return out ?? null;
}

export async function evidenceOfSubmissions(db: DbOrTx, submissionIds: number[]): Promise<AttachedEvidence[]> {
  if (submissionIds.length === 0) return [];
  return db
    .select({
      submissionId: submissionEvidence.submissionId,
      id: evidenceFiles.id,
      sha256: evidenceFiles.sha256,
      size: evidenceFiles.size,
      mediaType: evidenceFiles.mediaType,
      originalName: evidenceFiles.originalName,
      addedAt: submissionEvidence.addedAt,
    })
    .from(submissionEvidence)
    .innerJoin(evidenceFiles, eq(evidenceFiles.id, submissionEvidence.evidenceId))
    .where(inArray(submissionEvidence.submissionId, submissionIds))
    .orderBy(asc(submissionEvidence.addedAt), asc(evidenceFiles.id));
}

export async function findEvidenceFile(db: DbOrTx, id: number): Promise<EvidenceFileRow | null> {
  const [row] = await db.select().from(evidenceFiles).where(eq(evidenceFiles.id, id)).limit(1);
  return row ?? null;
}

/** True when the link was new. */
export async function attachEvidence(db: DbOrTx, submissionId: number, evidenceId: number, addedBy: number | null): Promise<boolean> {
  const out = await db.insert(submissionEvidence).values({ submissionId, evidenceId, addedBy }).onConflictDoNothing().returning();
  return out.length > 0;
}

/** True when a link was removed. */
export async function detachEvidence(db: DbOrTx, submissionId: number, evidenceId: number): Promise<boolean> {
  const out = await db
    .delete(submissionEvidence)
    .where(and(eq(submissionEvidence.submissionId, submissionId), eq(submissionEvidence.evidenceId, evidenceId)))
    .returning();
  return out.length > 0;
}

/** Verified values of one district in cycles before `year`, per indicator, oldest first. */
export async function verifiedHistory(
  db: DbOrTx,
  orgUnitId: number,
  year: number,
  indicatorCode?: string,
): Promise<Array<{ year: number; indicatorCode: string; value: number }>> {
  const rows = await db
    .select({ year: cycles.year, indicatorCode: submissions.indicatorCode, value: submissions.value })
    .from(submissions)
    .innerJoin(cycles, eq(cycles.id, submissions.cycleId))
    .where(
      and(
        eq(submissions.orgUnitId, orgUnitId),
        eq(submissions.status, 'verified'),
        lt(cycles.year, year),
        isNotNull(submissions.value),
        indicatorCode === undefined ? undefined : eq(submissions.indicatorCode, indicatorCode),
      ),
    )
    .orderBy(asc(cycles.year));
  return rows.map((r) => ({ year: r.year, indicatorCode: r.indicatorCode, value: r.value! }));
}

/** The current values (any status) of every other district in a cycle (of one indicator, when given). */
export async function peerValues(
  db: DbOrTx,
  cycleId: number,
  exceptOrgUnitId: number | null,
  indicatorCode?: string,
): Promise<Array<{ orgUnitId: number; indicatorCode: string; value: number }>> {
  const rows = await db
    .select({ orgUnitId: submissions.orgUnitId, indicatorCode: submissions.indicatorCode, value: submissions.value })
    .from(submissions)
    .where(
      and(
        eq(submissions.cycleId, cycleId),
        isNotNull(submissions.value),
        exceptOrgUnitId === null ? undefined : ne(submissions.orgUnitId, exceptOrgUnitId),
        indicatorCode === undefined ? undefined : eq(submissions.indicatorCode, indicatorCode),
      ),
    );
  return rows.map((r) => ({ orgUnitId: r.orgUnitId, indicatorCode: r.indicatorCode, value: r.value! }));
}

export async function deadlineOf(db: DbOrTx, cycleId: number, stage: string): Promise<Date | null> {
  const [row] = await db
    .select({ dueAt: cycleDeadlines.dueAt })
    .from(cycleDeadlines)
    .where(and(eq(cycleDeadlines.cycleId, cycleId), eq(cycleDeadlines.stage, stage)))
    .limit(1);
  return row?.dueAt ?? null;
}

export interface MatrixCell {
  orgUnitCode: string;
  orgUnitName: string;
  id: number | null;
  indicatorCode: string | null;
  status: string | null;
  value: number | null;
  flags: unknown;
  late: boolean | null;
  changed: boolean | null;
  version: number | null;
}

/** Every district with its submissions of a cycle (districts without any have one row of nulls): one query. */
export async function verificationMatrixRows(db: DbOrTx, cycleId: number): Promise<MatrixCell[]> {
  return db
    .select({
      orgUnitCode: orgUnits.code,
      orgUnitName: orgUnits.name,
      id: submissions.id,
      indicatorCode: submissions.indicatorCode,
      status: submissions.status,
      value: submissions.value,
      flags: submissions.flags,
      late: submissions.late,
      changed: sql<boolean | null>`(${submissions.changedAfterSubmitAt} is not null)`,
      version: submissions.version,
    })
    .from(orgUnits)
    .leftJoin(submissions, and(eq(submissions.orgUnitId, orgUnits.id), eq(submissions.cycleId, cycleId)))
    .where(eq(orgUnits.kind, 'district'))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
}

export type CycleRowOf = typeof cycles.$inferSelect;

/**
 * The submitted, approved and verified items of some districts in every cycle, each with its cycle and district
 * code and name, locked FOR UPDATE until the transaction ends: what a change to those districts' records may leave stale.
 */
export async function lockSubmittedItemsOfUnits(
  db: DbOrTx,
  orgUnitIds: number[],
): Promise<Array<{ row: SubmissionRow; cycle: CycleRowOf; orgUnitCode: string; orgUnitName: string }>> {
  if (orgUnitIds.length === 0) return [];
  return db
    .select({ row: submissions, cycle: cycles, orgUnitCode: orgUnits.code, orgUnitName: orgUnits.name })
    .from(submissions)
    .innerJoin(cycles, eq(cycles.id, submissions.cycleId))
    .innerJoin(orgUnits, eq(orgUnits.id, submissions.orgUnitId))
    .where(and(inArray(submissions.orgUnitId, orgUnitIds), inArray(submissions.status, ['submitted', 'approved', 'verified'])))
    .orderBy(asc(submissions.id))
    .for('update', { of: submissions });
}

/**
 * Serialises, per district, writes of activity records with the submissions computed from them until the
 * transaction ends: a submit computes its value after a concurrent record change committed, or the record change
 * sees the submitted item and marks it. Several districts are locked in ascending order (no deadlock).
 */
export async function lockDistrictRecords(db: DbOrTx, orgUnitIds: number[]): Promise<void> {
  for (const id of [...new Set(orgUnitIds)].sort((a, b) => a - b)) {
    await db.execute(sql`SELECT pg_advisory_xact_lock(7304, ${id})`);
  }
}

/** The verified submission values of a cycle. */
export async function verifiedSubmissionValues(
  db: DbOrTx,
  cycleId: number,
): Promise<Array<{ orgUnitId: number; indicatorCode: string; value: number | null }>> {
  return db
    .select({ orgUnitId: submissions.orgUnitId, indicatorCode: submissions.indicatorCode, value: submissions.value })
    .from(submissions)
    .where(and(eq(submissions.cycleId, cycleId), eq(submissions.status, 'verified')));
}

/** Inserts submissions as they are (the demo loads verified values in batches). */
export async function insertSubmissionRows(db: DbOrTx, rows: NewSubmissionRow[]): Promise<void> {
  await db.insert(submissions).values(rows);
}
