import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { adjustments, cycles, evidenceFiles, objections, orgUnits, submissions, users } from '../schema.js';
import type { DbOrTx } from '../tx.js';
import type { EvidenceRef } from './objections.js';

export type { AdjustmentStatus } from '../schema.js';

/** The SQL of a cycle's adjustments (bonus and penalty points). */
export type NewAdjustmentRow = typeof adjustments.$inferInsert;
export type AdjustmentRow = typeof adjustments.$inferSelect;

/** The adjustments (bonus/penalty points) of a cycle that count in scoring (confirmed), in entry order. */
export async function adjustmentsOfCycle(db: DbOrTx, cycleId: number): Promise<Array<{ orgUnitId: number; rule: string; points: number; reason: string }>> {
  return db
    .select({ orgUnitId: adjustments.orgUnitId, rule: adjustments.ruleCode, points: adjustments.points, reason: adjustments.reason })
    .from(adjustments)
    .where(and(eq(adjustments.cycleId, cycleId), eq(adjustments.status, 'confirmed')))
    .orderBy(asc(adjustments.id));
}

export async function insertAdjustments(db: DbOrTx, rows: NewAdjustmentRow[]): Promise<void> {
  await db.insert(adjustments).values(rows);
}

export async function insertAdjustment(db: DbOrTx, row: NewAdjustmentRow): Promise<AdjustmentRow> {
  const [out] = await db.insert(adjustments).values(row).returning();
  if (!out) throw new Error('adjustment insert returned nothing');
  return out;
}

/** Inserts an automatic entry unless one with its `autoKey` exists for the cycle and unit; null when it did. */
export async function insertAutoAdjustment(db: DbOrTx, row: NewAdjustmentRow & { autoKey: string }): Promise<AdjustmentRow | null> {
  const [out] = await db
    .insert(adjustments)
    .values(row)
    .onConflictDoNothing({ target: [adjustments.cycleId, adjustments.orgUnitId, adjustments.autoKey] })
    .returning();
  return out ?? null;
}

/** Applies `patch` only while the entry is at `version`; null when stale. */
export async function updateAdjustment(
  db: DbOrTx,
  id: number,
  version: number,
  patch: Partial<
    Pick<
      AdjustmentRow,
      | 'ruleCode'
      | 'points'
      | 'reason'
      | 'evidenceId'
      | 'status'
      | 'changedBy'
      | 'confirmedBy'
      | 'confirmedAt'
      | 'withdrawnBy'
      | 'withdrawnAt'
      | 'withdrawReason'
      | 'updatedAt'
    >
  >,
): Promise<AdjustmentRow | null> {
  const [out] = await db
    .update(adjustments)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(adjustments.id, id), eq(adjustments.version, version)))
    .returning();
  return out ?? null;
}

export interface AdjustmentDetail extends AdjustmentRow {
  year: number;
  orgUnitCode: string;
  orgUnitName: string;
  createdByName: string | null;
  changedByName: string | null;
  confirmedByName: string | null;
  withdrawnByName: string | null;
  evidence: EvidenceRef | null;
}

const creator = alias(users, 'creator');
const changer = alias(users, 'changer');
const confirmer = alias(users, 'confirmer');
const withdrawer = alias(users, 'withdrawer');

function detailQuery(db: DbOrTx) {
  return db
    .select({
      row: adjustments,
      year: cycles.year,
      orgUnitCode: orgUnits.code,
      orgUnitName: orgUnits.name,
      createdByName: creator.username,
      changedByName: changer.username,
      confirmedByName: confirmer.username,
      withdrawnByName: withdrawer.username,
      evidenceId: evidenceFiles.id,
      evidenceName: evidenceFiles.originalName,
      evidenceType: evidenceFiles.mediaType,
      evidenceSize: evidenceFiles.size,
      evidenceSha: evidenceFiles.sha256,
    })
    .from(adjustments)
    .innerJoin(cycles, eq(cycles.id, adjustments.cycleId))
    .innerJoin(orgUnits, eq(orgUnits.id, adjustments.orgUnitId))
    .leftJoin(creator, eq(creator.id, adjustments.createdBy))
    .leftJoin(changer, eq(changer.id, adjustments.changedBy))
    .leftJoin(confirmer, eq(confirmer.id, adjustments.confirmedBy))
    .leftJoin(withdrawer, eq(withdrawer.id, adjustments.withdrawnBy))
    .leftJoin(evidenceFiles, eq(evidenceFiles.id, adjustments.evidenceId));
}

type DetailRow = Awaited<ReturnType<ReturnType<typeof detailQuery>['execute']>>[number];

function toDetail(r: DetailRow): AdjustmentDetail {
  return {
    ...r.row,
    year: r.year,
    orgUnitCode: r.orgUnitCode,
    orgUnitName: r.orgUnitName,
    createdByName: r.createdByName,
    changedByName: r.changedByName,
    confirmedByName: r.confirmedByName,
    withdrawnByName: r.withdrawnByName,
    evidence:
      r.evidenceId === null
        ? null
        : { id: r.evidenceId, originalName: r.evidenceName!, mediaType: r.evidenceType!, size: r.evidenceSize!, sha256: r.evidenceSha! },
  };
}

export async function findAdjustment(db: DbOrTx, id: number): Promise<AdjustmentDetail | null> {
  const [row] = await detailQuery(db).where(eq(adjustments.id, id)).limit(1);
  return row ? toDetail(row) : null;
}

/** A cycle's entries (every status), by district code then entry order; only the given districts' when a list is given. */
export async function adjustmentDetailsOfCycle(db: DbOrTx, cycleId: number, orgUnitCodes: readonly string[] | 'all'): Promise<AdjustmentDetail[]> {
  if (orgUnitCodes !== 'all' && orgUnitCodes.length === 0) return [];
  const rows = await detailQuery(db)
    .where(and(eq(adjustments.cycleId, cycleId), orgUnitCodes === 'all' ? undefined : inArray(orgUnits.code, [...orgUnitCodes])))
    .orderBy(asc(orgUnits.code), asc(adjustments.id));
  return rows.map(toDetail);
}

/** The entries of one district in a cycle that are not withdrawn (pending or confirmed): what the caps are checked against. */
export async function liveAdjustmentsOfUnit(db: DbOrTx, cycleId: number, orgUnitId: number): Promise<AdjustmentRow[]> {
  return db
    .select()
    .from(adjustments)
    .where(and(eq(adjustments.cycleId, cycleId), eq(adjustments.orgUnitId, orgUnitId), sql`${adjustments.status} <> 'withdrawn'`))
    .orderBy(asc(adjustments.id));
}

/** Serialises writes to a cycle's entries (the cap checks read a district's other entries). */
export async function lockCycleAdjustments(db: DbOrTx, cycleId: number): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(7311, ${cycleId})`);
}

/** Whether an objection to this entry waits for a decision. */
export async function openAdjustmentObjectionExists(db: DbOrTx, adjustmentId: number): Promise<boolean> {
  const rows = await db
    .select({ id: objections.id })
    .from(objections)
    .where(and(eq(objections.adjustmentId, adjustmentId), eq(objections.status, 'filed')))
    .limit(1);
  return rows.length > 0;
}

/** Each item of a cycle with its status and submission time: what the late-penalty check reads. */
export async function submissionTimesOfCycle(
  db: DbOrTx,
  cycleId: number,
): Promise<Array<{ orgUnitId: number; indicatorCode: string; status: string; submittedAt: Date | null; late: boolean }>> {
  return db
    .select({
      orgUnitId: submissions.orgUnitId,
      indicatorCode: submissions.indicatorCode,
      status: submissions.status,
      submittedAt: submissions.submittedAt,
      late: submissions.late,
    })
    .from(submissions)
    .where(eq(submissions.cycleId, cycleId));
}

/** The automatic entry of a district for a key (e.g. 'late:open'), if any. */
export async function findAutoAdjustment(db: DbOrTx, cycleId: number, orgUnitId: number, autoKey: string): Promise<AdjustmentRow | null> {
  const [row] = await db
    .select()
    .from(adjustments)
    .where(and(eq(adjustments.cycleId, cycleId), eq(adjustments.orgUnitId, orgUnitId), eq(adjustments.autoKey, autoKey)))
    .limit(1);
  return row ?? null;
}
