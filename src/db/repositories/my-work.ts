import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { cycles, orgUnits, reviewAssignments, submissions } from '../schema.js';
import type { DbOrTx } from '../tx.js';

/** The cycles in which districts, the city or reviewers still work (data collection, verification, panel review). */
export async function cyclesAtWork(db: DbOrTx): Promise<Array<{ id: number; year: number; status: string }>> {
  return db
    .select({ id: cycles.id, year: cycles.year, status: cycles.status })
    .from(cycles)
    .where(inArray(cycles.status, ['open', 'verification', 'review']))
    .orderBy(asc(cycles.year));
}

export interface ItemCountRow {
  orgUnitId: number;
  orgUnitCode: string;
  orgUnitName: string;
  status: string;
  /** Returned because the records or evidence behind it changed after submission. */
  changed: boolean;
  n: number;
}

/** Per district, status and "changed after submission": how many items of a cycle there are (some districts, or all). */
export async function itemCounts(db: DbOrTx, cycleId: number, orgUnitIds: number[] | 'all'): Promise<ItemCountRow[]> {
  if (orgUnitIds !== 'all' && orgUnitIds.length === 0) return [];
  const changed = sql<boolean>`(${submissions.changedAfterSubmitAt} is not null)`;
  return db
    .select({
      orgUnitId: submissions.orgUnitId,
      orgUnitCode: orgUnits.code,
      orgUnitName: orgUnits.name,
      status: submissions.status,
      changed,
      n: sql<number>`count(*)::int`,
    })
    .from(submissions)
    .innerJoin(orgUnits, eq(orgUnits.id, submissions.orgUnitId))
    .where(and(eq(submissions.cycleId, cycleId), orgUnitIds === 'all' ? undefined : inArray(submissions.orgUnitId, orgUnitIds)))
    .groupBy(submissions.orgUnitId, orgUnits.code, orgUnits.name, submissions.status, changed);
}

/** Per reviewer, the assignments of a cycle not yet submitted (one reviewer, or all). */
export async function openAssignments(db: DbOrTx, cycleId: number, reviewerId: number | null): Promise<Array<{ reviewerId: number; n: number }>> {
  return db
    .select({ reviewerId: reviewAssignments.reviewerId, n: sql<number>`count(*)::int` })
    .from(reviewAssignments)
    .where(
      and(
        eq(reviewAssignments.cycleId, cycleId),
        ne(reviewAssignments.status, 'submitted'),
        reviewerId === null ? undefined : eq(reviewAssignments.reviewerId, reviewerId),
      ),
    )
    .groupBy(reviewAssignments.reviewerId);
}

/** The district org units by code (id, code, name). */
export async function districtsByCode(db: DbOrTx, codes: string[]): Promise<Array<{ id: number; code: string; name: string }>> {
  if (codes.length === 0) return [];
  return db
    .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name })
    .from(orgUnits)
    .where(and(inArray(orgUnits.code, codes), eq(orgUnits.kind, 'district')))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
}

/** Every district (id, code, name). */
export async function allDistricts(db: DbOrTx): Promise<Array<{ id: number; code: string; name: string }>> {
  return db
    .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name })
    .from(orgUnits)
    .where(eq(orgUnits.kind, 'district'))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
}
