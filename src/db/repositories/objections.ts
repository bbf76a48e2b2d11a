import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { cycles, evidenceFiles, objectionDeciders, objections, orgUnits, users } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export type ObjectionRow = typeof objections.$inferSelect;

export interface EvidenceRef {
  id: number;
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface ObjectionDetail extends ObjectionRow {
  year: number;
  orgUnitCode: string;
  orgUnitName: string;
  /** The filing district (the contested one for objections filed before cross-district filing existed). */
  filerCode: string;
  filerName: string;
  filedByName: string | null;
  decidedByName: string | null;
  repliedByName: string | null;
  evidence: EvidenceRef | null;
  replyEvidence: EvidenceRef | null;
}

export async function insertObjection(db: DbOrTx, row: typeof objections.$inferInsert): Promise<ObjectionRow> {
  const [out] = await db.insert(objections).values(row).returning();
  if (!out) throw new Error('objection insert returned nothing');
  return out;
}

/** Applies `patch` only while the objection is at `version`; null when stale. */
export async function updateObjection(
  db: DbOrTx,
  id: number,
  version: number,
  patch: Partial<
    Pick<
      ObjectionRow,
      'status' | 'decisionReason' | 'correctedValue' | 'decidedBy' | 'decidedAt' | 'reply' | 'replyEvidenceId' | 'repliedBy' | 'repliedAt' | 'reopenedReviews'
    >
  >,
): Promise<ObjectionRow | null> {
  const [out] = await db
    .update(objections)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(objections.id, id), eq(objections.version, version)))
    .returning();
  return out ?? null;
}

/** Whether the filing district already has an open objection to this district × indicator. */
export async function openObjectionExists(db: DbOrTx, cycleId: number, filerOrgUnitId: number, orgUnitId: number, indicatorCode: string): Promise<boolean> {
  const rows = await db
    .select({ id: objections.id })
    .from(objections)
    .where(
      and(
        eq(objections.cycleId, cycleId),
        eq(objections.orgUnitId, orgUnitId),
        sql`coalesce(${objections.filerOrgUnitId}, ${objections.orgUnitId}) = ${filerOrgUnitId}`,
        eq(objections.indicatorCode, indicatorCode),
        eq(objections.status, 'filed'),
        isNull(objections.adjustmentId),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

const filer = alias(users, 'filer');
const decider = alias(users, 'decider');
const replier = alias(users, 'replier');
const filerUnit = alias(orgUnits, 'filer_unit');
const replyEvidence = alias(evidenceFiles, 'reply_evidence');

function detailQuery(db: DbOrTx) {
  return db
    .select({
      row: objections,
      year: cycles.year,
      orgUnitCode: orgUnits.code,
      orgUnitName: orgUnits.name,
      filerCode: filerUnit.code,
      filerName: filerUnit.name,
      filedByName: filer.username,
      decidedByName: decider.username,
      repliedByName: replier.username,
      evidenceId: evidenceFiles.id,
      evidenceName: evidenceFiles.originalName,
      evidenceType: evidenceFiles.mediaType,
      evidenceSize: evidenceFiles.size,
      evidenceSha: evidenceFiles.sha256,
      replyEvidenceId: replyEvidence.id,
      replyEvidenceName: replyEvidence.originalName,
      replyEvidenceType: replyEvidence.mediaType,
      replyEvidenceSize: replyEvidence.size,
      replyEvidenceSha: replyEvidence.sha256,
    })
    .from(objections)
    .innerJoin(cycles, eq(cycles.id, objections.cycleId))
    .innerJoin(orgUnits, eq(orgUnits.id, objections.orgUnitId))
    .innerJoin(filerUnit, eq(filerUnit.id, sql`coalesce(${objections.filerOrgUnitId}, ${objections.orgUnitId})`))
    .leftJoin(filer, eq(filer.id, objections.filedBy))
    .leftJoin(decider, eq(decider.id, objections.decidedBy))
    .leftJoin(replier, eq(replier.id, objections.repliedBy))
    .leftJoin(evidenceFiles, eq(evidenceFiles.id, objections.evidenceId))
    .leftJoin(replyEvidence, eq(replyEvidence.id, objections.replyEvidenceId));
}

type DetailRow = Awaited<ReturnType<ReturnType<typeof detailQuery>['execute']>>[number];

function toDetail(r: DetailRow): ObjectionDetail {
  return {
    ...r.row,
    year: r.year,
    orgUnitCode: r.orgUnitCode,
    orgUnitName: r.orgUnitName,
    filerCode: r.filerCode,
    filerName: r.filerName,
    filedByName: r.filedByName,
    decidedByName: r.decidedByName,
    repliedByName: r.repliedByName,
    evidence:
      r.evidenceId === null
        ? null
        : { id: r.evidenceId, originalName: r.evidenceName!, mediaType: r.evidenceType!, size: r.evidenceSize!, sha256: r.evidenceSha! },
    replyEvidence:
      r.replyEvidenceId === null
        ? null
        : {
            id: r.replyEvidenceId,
            originalName: r.replyEvidenceName!,
            mediaType: r.replyEvidenceType!,
            size: r.replyEvidenceSize!,
            sha256: r.replyEvidenceSha!,
          },
  };
}

export async function findObjection(db: DbOrTx, id: number): Promise<ObjectionDetail | null> {
  const [row] = await detailQuery(db).where(eq(objections.id, id)).limit(1);
  return row ? toDetail(row) : null;
}

/**
 * A cycle's objections, oldest first; when a list of districts is given, only those contesting or filed by one of
 * them.
 */
export async function objectionsOfCycle(db: DbOrTx, cycleId: number, orgUnitCodes: string[] | 'all'): Promise<ObjectionDetail[]> {
  if (orgUnitCodes !== 'all' && orgUnitCodes.length === 0) return [];
  const rows = await detailQuery(db)
    .where(
      and(
        eq(objections.cycleId, cycleId),
        orgUnitCodes === 'all' ? undefined : or(inArray(orgUnits.code, orgUnitCodes), inArray(filerUnit.code, orgUnitCodes)),
      ),
    )
    .orderBy(asc(objections.filedAt), asc(objections.id));
  return rows.map(toDetail);
}

export interface DeciderRow {
  userId: number;
  username: string;
  displayName: string;
}

/** The committee that decides a cycle's objections, by username; empty when the city admins decide. */
export async function decidersOf(db: DbOrTx, cycleId: number): Promise<DeciderRow[]> {
  return db
    .select({ userId: users.id, username: users.username, displayName: users.displayName })
    .from(objectionDeciders)
    .innerJoin(users, eq(users.id, objectionDeciders.userId))
    .where(eq(objectionDeciders.cycleId, cycleId))
    .orderBy(asc(users.username));
}

/** Replaces a cycle's committee. */
export async function replaceDeciders(db: DbOrTx, cycleId: number, userIds: number[], addedBy: number): Promise<void> {
  await db.delete(objectionDeciders).where(eq(objectionDeciders.cycleId, cycleId));
  if (userIds.length) await db.insert(objectionDeciders).values(userIds.map((userId) => ({ cycleId, userId, addedBy })));
}

/** The accepted objections of a cycle with their corrected values, in filing order. */
export async function acceptedObjectionValues(
  db: DbOrTx,
  cycleId: number,
): Promise<Array<{ orgUnitId: number; indicatorCode: string; correctedValue: number | null }>> {
  return db
    .select({ orgUnitId: objections.orgUnitId, indicatorCode: objections.indicatorCode, correctedValue: objections.correctedValue })
    .from(objections)
    .where(and(eq(objections.cycleId, cycleId), eq(objections.status, 'accepted'), isNull(objections.adjustmentId)))
    .orderBy(asc(objections.id));
}
