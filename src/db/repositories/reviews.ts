import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { auditLog, cycles, orgUnits, reviewAssignments, roleMemberships, users } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export type ReviewStatus = 'assigned' | 'draft' | 'submitted';

/** One assignment with the names the views need (district, reviewer). */
export interface AssignmentRow {
  id: number;
  cycleId: number;
  reviewerId: number;
  reviewerUsername: string;
  reviewerDisplayName: string;
  orgUnitId: number;
  orgUnitCode: string;
  orgUnitName: string;
  orgUnitNameEn: string;
  orgUnitSortOrder: number;
  indicatorCode: string;
  scores: Record<string, number> | null;
  total: number | null;
  comment: string | null;
  status: ReviewStatus;
  submittedAt: Date | null;
  version: number;
}

const assignmentColumns = {
  id: reviewAssignments.id,
  cycleId: reviewAssignments.cycleId,
  reviewerId: reviewAssignments.reviewerId,
  reviewerUsername: users.username,
  reviewerDisplayName: users.displayName,
  orgUnitId: reviewAssignments.orgUnitId,
  orgUnitCode: orgUnits.code,
  orgUnitName: orgUnits.name,
  orgUnitNameEn: orgUnits.nameEn,
  orgUnitSortOrder: orgUnits.sortOrder,
  indicatorCode: reviewAssignments.indicatorCode,
  scores: reviewAssignments.scores,
  total: reviewAssignments.total,
  comment: reviewAssignments.comment,
  status: reviewAssignments.status,
  submittedAt: reviewAssignments.submittedAt,
  version: reviewAssignments.version,
};

function selectAssignments(db: DbOrTx) {
  return db
    .select(assignmentColumns)
    .from(reviewAssignments)
    .innerJoin(users, eq(users.id, reviewAssignments.reviewerId))
    .innerJoin(orgUnits, eq(orgUnits.id, reviewAssignments.orgUnitId));
}

type RawAssignment = Omit<AssignmentRow, 'scores' | 'status'> & { scores: unknown; status: string };

const asRow = (r: RawAssignment): AssignmentRow => ({
  ...r,
  scores: (r.scores as Record<string, number> | null) ?? null,
  status: r.status as ReviewStatus,
});

/** Assignments of a cycle (optionally of one reviewer), in district order, then indicator, then reviewer. */
export async function listAssignments(db: DbOrTx, cycleId: number, filter: { reviewerId?: number } = {}): Promise<AssignmentRow[]> {
  const where =
    filter.reviewerId === undefined
      ? eq(reviewAssignments.cycleId, cycleId)
      : and(eq(reviewAssignments.cycleId, cycleId), eq(reviewAssignments.reviewerId, filter.reviewerId));
  const rows = await selectAssignments(db)
    .where(where)
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code), asc(reviewAssignments.indicatorCode), asc(users.username));
  return rows.map(asRow);
}

export async function findAssignment(db: DbOrTx, id: number): Promise<AssignmentRow | null> {
  const [row] = await selectAssignments(db).where(eq(reviewAssignments.id, id)).limit(1);
  return row ? asRow(row) : null;
}

export interface NewAssignment {
  cycleId: number;
  reviewerId: number;
  orgUnitId: number;
  indicatorCode: string;
}

/** Inserts assignments, skipping any that already exist; returns how many were new. */
export async function insertAssignments(db: DbOrTx, rows: NewAssignment[]): Promise<number> {
  let inserted = 0;
  // Chunks keep the statement under the parameter limit for a national-scale assignment (226 units × items).
  for (let i = 0; i < rows.length; i += 1000) {
    const out = await db
      .insert(reviewAssignments)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing()
      .returning({ id: reviewAssignments.id });
    inserted += out.length;
  }
  return inserted;
}

export async function deleteAssignments(db: DbOrTx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(reviewAssignments).where(inArray(reviewAssignments.id, ids));
}

export interface ScoreUpdate {
  scores: Record<string, number>;
  total: number | null;
  comment: string | null;
  status: ReviewStatus;
  submittedAt: Date | null;
}

/** Writes scores if the row is still at `version` (optimistic concurrency); false when someone wrote first. */
export async function updateAssignmentScores(db: DbOrTx, id: number, version: number, update: ScoreUpdate): Promise<boolean> {
  const out = await db
    .update(reviewAssignments)
    .set({ ...update, version: version + 1 })
    .where(and(eq(reviewAssignments.id, id), eq(reviewAssignments.version, version)))
    .returning({ id: reviewAssignments.id });
  return out.length > 0;
}

export interface ReviewerRow {
  id: number;
  username: string;
  displayName: string;
  /** Org units any of the user's memberships ties them to (conflicts of interest). */
  tiedOrgUnitIds: number[];
  tiedOrgUnitCodes: string[];
}

/** Users holding the reviewer role, by username, with every org unit their memberships name. */
export async function listReviewers(db: DbOrTx): Promise<ReviewerRow[]> {
  const reviewerIds = db.select({ id: roleMemberships.userId }).from(roleMemberships).where(eq(roleMemberships.role, 'reviewer'));
  const people = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, reviewerIds))
    .orderBy(asc(users.username));
  const ties = await db
    .select({ userId: roleMemberships.userId, orgUnitId: orgUnits.id, code: orgUnits.code })
    .from(roleMemberships)
    .innerJoin(orgUnits, eq(orgUnits.id, roleMemberships.orgUnitId))
    .where(and(inArray(roleMemberships.userId, reviewerIds), isNotNull(roleMemberships.orgUnitId)))
    .orderBy(asc(orgUnits.code));
  return people.map((p) => {
    const mine = ties.filter((t) => t.userId === p.id);
    return { ...p, tiedOrgUnitIds: [...new Set(mine.map((t) => t.orgUnitId))], tiedOrgUnitCodes: [...new Set(mine.map((t) => t.code))] };
  });
}

/**
 * Row lock on the cycle for the rest of the transaction: 'update' for the admin's assignment and closing,
 * 'share' for reviewers' score writes, so a round never closes in the middle of a save.
 */
export async function lockCycle(db: DbOrTx, cycleId: number, mode: 'update' | 'share') {
  const [row] = await db.select().from(cycles).where(eq(cycles.id, cycleId)).for(mode).limit(1);
  return row ?? null;
}

export interface RoundClosureRow {
  at: string;
  actorLabel: string;
  reason: string | null;
  after: unknown;
}

/** The latest `action` event about one review round in the audit log (the round's closure is recorded there). */
export async function latestRoundEvent(db: DbOrTx, year: number, action: string): Promise<RoundClosureRow | null> {
  const [row] = await db
    .select({ at: auditLog.at, actorLabel: auditLog.actorLabel, reason: auditLog.reason, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'review_round'), eq(auditLog.entityId, String(year)), eq(auditLog.action, action)))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row ?? null;
}

/** Districts in their administrative order. */
export async function listDistricts(db: DbOrTx) {
  return db
    .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, nameEn: orgUnits.nameEn })
    .from(orgUnits)
    .where(eq(orgUnits.kind, 'district'))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
}

/** The latest `review_item` audit entry (action, reason, time) per item key (`<year>/<org unit code>/<indicator>`) of one year. */
export async function latestItemEvents(db: DbOrTx, year: number): Promise<Map<string, { action: string; reason: string | null; at: string }>> {
  const rows = await db
    .select({ entityId: auditLog.entityId, action: auditLog.action, reason: auditLog.reason, at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'review_item'), sql`${auditLog.entityId} LIKE ${`${year}/%`}`))
    .orderBy(asc(auditLog.seq));
  const out = new Map<string, { action: string; reason: string | null; at: string }>();
  for (const r of rows) if (r.entityId) out.set(r.entityId, { action: r.action, reason: r.reason, at: r.at });
  return out;
}

/** Puts submitted assignments back to draft (scores and comment kept) for a re-review; returns how many moved. */
export async function reopenAssignments(db: DbOrTx, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const out = await db
    .update(reviewAssignments)
    .set({ status: 'draft', submittedAt: null, version: sql`${reviewAssignments.version} + 1` })
    .where(and(inArray(reviewAssignments.id, ids), eq(reviewAssignments.status, 'submitted')))
    .returning({ id: reviewAssignments.id });
  return out.length;
}
