import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { cycles, evidenceFiles, objections, orgUnits, users } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export type ObjectionRow = typeof objections.$inferSelect;

export interface ObjectionDetail extends ObjectionRow {
  year: number;
  orgUnitCode: string;
  orgUnitName: string;
  filedByName: string | null;
  decidedByName: string | null;
  evidence: { id: number; originalName: string; mediaType: string; size: number; sha256: string } | null;
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
  patch: Partial<Pick<ObjectionRow, 'status' | 'decisionReason' | 'correctedValue' | 'decidedBy' | 'decidedAt'>>,
): Promise<ObjectionRow | null> {
  const [out] = await db
    .update(objections)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(objections.id, id), eq(objections.version, version)))
    .returning();
  return out ?? null;
}

export async function openObjectionExists(db: DbOrTx, cycleId: number, orgUnitId: number, indicatorCode: string): Promise<boolean> {
  const rows = await db
    .select({ id: objections.id })
    .from(objections)
    .where(and(eq(objections.cycleId, cycleId), eq(objections.orgUnitId, orgUnitId), eq(objections.indicatorCode, indicatorCode), eq(objections.status, 'filed')))
    .limit(1);
  return rows.length > 0;
}

const filer = alias(users, 'filer');
const decider = alias(users, 'decider');

function detailQuery(db: DbOrTx) {
  return db
    .select({
      row: objections,
      year: cycles.year,
      orgUnitCode: orgUnits.code,
      orgUnitName: orgUnits.name,
      filedByName: filer.username,
      decidedByName: decider.username,
      evidenceId: evidenceFiles.id,
      evidenceName: evidenceFiles.originalName,
      evidenceType: evidenceFiles.mediaType,
      evidenceSize: evidenceFiles.size,
      evidenceSha: evidenceFiles.sha256,
    })
    .from(objections)
    .innerJoin(cycles, eq(cycles.id, objections.cycleId))
    .innerJoin(orgUnits, eq(orgUnits.id, objections.orgUnitId))
    .leftJoin(filer, eq(filer.id, objections.filedBy))
    .leftJoin(decider, eq(decider.id, objections.decidedBy))
    .leftJoin(evidenceFiles, eq(evidenceFiles.id, objections.evidenceId));
}

type DetailRow = Awaited<ReturnType<ReturnType<typeof detailQuery>['execute']>>[number];

function toDetail(r: DetailRow): ObjectionDetail {
  return {
    ...r.row,
    year: r.year,
    orgUnitCode: r.orgUnitCode,
    orgUnitName: r.orgUnitName,
    filedByName: r.filedByName,
    decidedByName: r.decidedByName,
    evidence:
      r.evidenceId === null
        ? null
        : { id: r.evidenceId, originalName: r.evidenceName!, mediaType: r.evidenceType!, size: r.evidenceSize!, sha256: r.evidenceSha! },
  };
}

export async function findObjection(db: DbOrTx, id: number): Promise<ObjectionDetail | null> {
  const [row] = await detailQuery(db).where(eq(objections.id, id)).limit(1);
  return row ? toDetail(row) : null;
}

/** A cycle's objections, oldest first; only those of the given districts when a list is given. */
export async function objectionsOfCycle(db: DbOrTx, cycleId: number, orgUnitCodes: string[] | 'all'): Promise<ObjectionDetail[]> {
  if (orgUnitCodes !== 'all' && orgUnitCodes.length === 0) return [];
  const rows = await detailQuery(db)
    .where(and(eq(objections.cycleId, cycleId), orgUnitCodes === 'all' ? undefined : inArray(orgUnits.code, orgUnitCodes)))
    .orderBy(asc(objections.filedAt), asc(objections.id));
  return rows.map(toDetail);
}
