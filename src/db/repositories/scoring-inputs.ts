import { and, asc, eq, lt } from 'drizzle-orm';
import { adjustments, cycles, objections, orgUnits, publications, scoringRuns, submissions } from '../schema.js';
import type { DbOrTx } from '../tx.js';

/** The SQL that freezes a scoring run's inputs (src/domain/scoring/runs.ts `buildSnapshot`). */

/** Earlier cycles' published results, oldest first: each year with the result of its published run. */
export async function publishedResultsBefore(db: DbOrTx, year: number): Promise<Array<{ year: number; result: unknown }>> {
  return db
    .select({ year: cycles.year, result: scoringRuns.result })
    .from(publications)
    .innerJoin(cycles, eq(cycles.id, publications.cycleId))
    .innerJoin(scoringRuns, eq(scoringRuns.id, publications.runId))
    .where(lt(cycles.year, year))
    .orderBy(asc(cycles.year));
}

/** The districts in their administrative order. */
export async function districtsInOrder(db: DbOrTx): Promise<Array<{ id: number; code: string; name: string }>> {
  return db
    .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name })
    .from(orgUnits)
    .where(eq(orgUnits.kind, 'district'))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
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

/** The accepted objections of a cycle with their corrected values, in filing order. */
export async function acceptedObjectionValues(
  db: DbOrTx,
  cycleId: number,
): Promise<Array<{ orgUnitId: number; indicatorCode: string; correctedValue: number | null }>> {
  return db
    .select({ orgUnitId: objections.orgUnitId, indicatorCode: objections.indicatorCode, correctedValue: objections.correctedValue })
    .from(objections)
    .where(and(eq(objections.cycleId, cycleId), eq(objections.status, 'accepted')))
    .orderBy(asc(objections.id));
}

/** The adjustments (bonus/penalty points) of a cycle, in entry order. */
export async function adjustmentsOfCycle(
  db: DbOrTx,
  cycleId: number,
): Promise<Array<{ orgUnitId: number; rule: string; points: number; reason: string }>> {
  return db
    .select({ orgUnitId: adjustments.orgUnitId, rule: adjustments.ruleCode, points: adjustments.points, reason: adjustments.reason })
    .from(adjustments)
    .where(eq(adjustments.cycleId, cycleId))
    .orderBy(asc(adjustments.id));
}
