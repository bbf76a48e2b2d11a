import { and, asc, eq, sql } from 'drizzle-orm';
import {
  cycles,
  evidenceFiles,
  orgUnits,
  publications,
  reviewAssignments,
  reviewConflicts,
  reviewPledges,
  reviewSettings,
  scoringRuns,
  submissionEvidence,
  submissions,
  users,
} from '../schema.js';
import type { DbOrTx } from '../tx.js';

export type ReviewSettingsRow = typeof reviewSettings.$inferSelect;

export async function findReviewSettings(db: DbOrTx, cycleId: number): Promise<ReviewSettingsRow | null> {
  const [row] = await db.select().from(reviewSettings).where(eq(reviewSettings.cycleId, cycleId)).limit(1);
  return row ?? null;
}

/**
 * Writes the settings if they are still at `version` (0 = no row yet); false when someone wrote first.
 */
export async function writeReviewSettings(
  db: DbOrTx,
  cycleId: number,
  version: number,
  values: { blind: boolean; updatedBy: number | null },
): Promise<boolean> {
  if (version === 0) {
    const out = await db
      .insert(reviewSettings)
      .values({ cycleId, ...values, version: 1 })
      .onConflictDoNothing()
      .returning({ cycleId: reviewSettings.cycleId });
    return out.length > 0;
  }
  const out = await db
    .update(reviewSettings)
    .set({ ...values, updatedAt: new Date(), version: version + 1 })
    .where(and(eq(reviewSettings.cycleId, cycleId), eq(reviewSettings.version, version)))
    .returning({ cycleId: reviewSettings.cycleId });
  return out.length > 0;
}

export interface PledgeRow {
  reviewerId: number;
  username: string;
  displayName: string;
  statementVersion: string;
  signedName: string;
  signedAt: Date;
}

export async function listPledges(db: DbOrTx, cycleId: number, reviewerId?: number): Promise<PledgeRow[]> {
  return db
    .select({
      reviewerId: reviewPledges.reviewerId,
      username: users.username,
      displayName: users.displayName,
      statementVersion: reviewPledges.statementVersion,
      signedName: reviewPledges.signedName,
      signedAt: reviewPledges.signedAt,
    })
    .from(reviewPledges)
    .innerJoin(users, eq(users.id, reviewPledges.reviewerId))
    .where(reviewerId === undefined ? eq(reviewPledges.cycleId, cycleId) : and(eq(reviewPledges.cycleId, cycleId), eq(reviewPledges.reviewerId, reviewerId)))
    .orderBy(asc(users.username));
}

/** True when the pledge was new (a second signature keeps the first). */
export async function insertPledge(db: DbOrTx, row: { cycleId: number; reviewerId: number; statementVersion: string; signedName: string }): Promise<boolean> {
  const out = await db.insert(reviewPledges).values(row).onConflictDoNothing().returning({ id: reviewPledges.id });
  return out.length > 0;
}

export interface ConflictRow {
  reviewerId: number;
  username: string;
  displayName: string;
  orgUnitId: number;
  orgUnitCode: string;
  orgUnitName: string;
  reason: string;
  declaredAt: Date;
}

export async function listConflicts(db: DbOrTx, cycleId: number, reviewerId?: number): Promise<ConflictRow[]> {
  return db
    .select({
      reviewerId: reviewConflicts.reviewerId,
      username: users.username,
      displayName: users.displayName,
      orgUnitId: reviewConflicts.orgUnitId,
      orgUnitCode: orgUnits.code,
      orgUnitName: orgUnits.name,
      reason: reviewConflicts.reason,
      declaredAt: reviewConflicts.declaredAt,
    })
    .from(reviewConflicts)
    .innerJoin(users, eq(users.id, reviewConflicts.reviewerId))
    .innerJoin(orgUnits, eq(orgUnits.id, reviewConflicts.orgUnitId))
    .where(
      reviewerId === undefined ? eq(reviewConflicts.cycleId, cycleId) : and(eq(reviewConflicts.cycleId, cycleId), eq(reviewConflicts.reviewerId, reviewerId)),
    )
    .orderBy(asc(users.username), asc(orgUnits.sortOrder), asc(orgUnits.code));
}

/** True when the declaration was new. */
export async function insertConflict(db: DbOrTx, row: { cycleId: number; reviewerId: number; orgUnitId: number; reason: string }): Promise<boolean> {
  const out = await db.insert(reviewConflicts).values(row).onConflictDoNothing().returning({ id: reviewConflicts.id });
  return out.length > 0;
}

/** The district's submission of one indicator in a cycle, with its attached evidence files (in attachment order). */
export async function submissionWithEvidence(db: DbOrTx, cycleId: number, orgUnitId: number, indicatorCode: string) {
  const [row] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.cycleId, cycleId), eq(submissions.orgUnitId, orgUnitId), eq(submissions.indicatorCode, indicatorCode)))
    .limit(1);
  if (!row) return null;
  const evidence = await db
    .select({ id: evidenceFiles.id, originalName: evidenceFiles.originalName, mediaType: evidenceFiles.mediaType, size: evidenceFiles.size })
    .from(submissionEvidence)
    .innerJoin(evidenceFiles, eq(evidenceFiles.id, submissionEvidence.evidenceId))
    .where(eq(submissionEvidence.submissionId, row.id))
    .orderBy(asc(submissionEvidence.addedAt), asc(evidenceFiles.id));
  return { row, evidence };
}

/**
 * The assignments through which a reviewer may read an evidence file: those of the reviewer whose district ×
 * indicator submission (same cycle) has the file attached. Empty = no access.
 */
export async function reviewerEvidenceLinks(db: DbOrTx, reviewerId: number, evidenceId: number) {
  return db
    .select({
      assignmentId: reviewAssignments.id,
      cycleId: reviewAssignments.cycleId,
      orgUnitId: reviewAssignments.orgUnitId,
      indicatorCode: reviewAssignments.indicatorCode,
    })
    .from(reviewAssignments)
    .innerJoin(
      submissions,
      and(
        eq(submissions.cycleId, reviewAssignments.cycleId),
        eq(submissions.orgUnitId, reviewAssignments.orgUnitId),
        eq(submissions.indicatorCode, reviewAssignments.indicatorCode),
      ),
    )
    .innerJoin(submissionEvidence, and(eq(submissionEvidence.submissionId, submissions.id), eq(submissionEvidence.evidenceId, evidenceId)))
    .where(eq(reviewAssignments.reviewerId, reviewerId))
    .orderBy(asc(reviewAssignments.id));
}

/** The published result of a year's cycle (the outcome JSON of its published run), or null. */
export async function publishedOutcome(db: DbOrTx, year: number): Promise<unknown> {
  const [row] = await db
    .select({ result: scoringRuns.result })
    .from(publications)
    .innerJoin(cycles, eq(cycles.id, publications.cycleId))
    .innerJoin(scoringRuns, eq(scoringRuns.id, publications.runId))
    .where(eq(cycles.year, year))
    .limit(1);
  return row?.result ?? null;
}

/** Panel comments on one district's items (submitted assignments with a non-empty comment), no reviewer columns. */
export async function panelComments(db: DbOrTx, cycleId: number, orgUnitId: number): Promise<Array<{ indicatorCode: string; comment: string }>> {
  return (
    db
      .select({ indicatorCode: reviewAssignments.indicatorCode, comment: sql<string>`${reviewAssignments.comment}` })
      .from(reviewAssignments)
      .where(
        and(
          eq(reviewAssignments.cycleId, cycleId),
          eq(reviewAssignments.orgUnitId, orgUnitId),
          eq(reviewAssignments.status, 'submitted'),
          sql`coalesce(btrim(${reviewAssignments.comment}), '') <> ''`,
        ),
      )
      // Ordered by the text, not by reviewer or time, so the order tells nothing about who wrote which.
      .orderBy(asc(reviewAssignments.indicatorCode), asc(reviewAssignments.comment))
  );
}

/** Live records of one unit, of the given type, dated within [start, end], whose `data.indicator_code` is `code`. */
export async function recordsForIndicator(db: DbOrTx, orgUnitId: number, typeCode: string, indicatorCode: string, start: string, end: string) {
  const rows = await db.execute(sql`
    SELECT r.id::int AS id, r.occurred_on::text AS "occurredOn", r.data AS data, t.code AS "recordType", t.name_ko AS "typeKo", t.name_en AS "typeEn"
    FROM activity_records r JOIN record_types t ON t.id = r.record_type_id
    WHERE r.org_unit_id = ${orgUnitId} AND t.code = ${typeCode} AND r.deleted_at IS NULL
      AND r.occurred_on BETWEEN ${start}::date AND ${end}::date
      AND r.data->>'indicator_code' = ${indicatorCode}
    ORDER BY r.occurred_on, r.id`);
  return (
    rows as unknown as { rows: Array<{ id: number; occurredOn: string; data: Record<string, unknown>; recordType: string; typeKo: string; typeEn: string }> }
  ).rows;
}
