import { asc, eq } from 'drizzle-orm';
import { orgUnits, reviewAssignments, submissions } from '../schema.js';
import type { DbOrTx } from '../tx.js';

/** Every district, in the order the city lists them. */
export async function gateDistricts(db: DbOrTx) {
  return db
    .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name })
    .from(orgUnits)
    .where(eq(orgUnits.kind, 'district'))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
}

/** The status (and whether it holds a value) of every submission row of a cycle; items without a row have none. */
export async function submissionStatusRows(db: DbOrTx, cycleId: number) {
  return db
    .select({ orgUnitId: submissions.orgUnitId, indicatorCode: submissions.indicatorCode, status: submissions.status, value: submissions.value })
    .from(submissions)
    .where(eq(submissions.cycleId, cycleId));
}

/** Status of every review assignment of a cycle (one district × qualitative indicator may have several). */
export async function reviewAssignmentRows(db: DbOrTx, cycleId: number) {
  return db
    .select({ orgUnitId: reviewAssignments.orgUnitId, indicatorCode: reviewAssignments.indicatorCode, status: reviewAssignments.status })
    .from(reviewAssignments)
    .where(eq(reviewAssignments.cycleId, cycleId));
}
