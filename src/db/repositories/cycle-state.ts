import { and, eq, sql } from 'drizzle-orm';
import { cycleDeadlines, cycles, objections, reviewAssignments, submissions, type CycleStatus } from '../schema.js';
import type { DbOrTx } from '../tx.js';

/** Moves a cycle to `to` only if it is still at `from` and at `version` (optimistic); null when stale. */
export async function setCycleStatus(db: DbOrTx, cycleId: number, from: CycleStatus, to: CycleStatus, version: number, publishedAt?: Date) {
  const [row] = await db
    .update(cycles)
    .set({ status: to, version: version + 1, updatedAt: new Date(), ...(publishedAt ? { publishedAt } : {}) })
    .where(and(eq(cycles.id, cycleId), eq(cycles.status, from), eq(cycles.version, version)))
    .returning();
  return row ?? null;
}

export async function submissionCounts(db: DbOrTx, cycleId: number): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: submissions.status, n: sql<number>`count(*)::int` })
    .from(submissions)
    .where(eq(submissions.cycleId, cycleId))
    .groupBy(submissions.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export async function reviewCounts(db: DbOrTx, cycleId: number): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: reviewAssignments.status, n: sql<number>`count(*)::int` })
    .from(reviewAssignments)
    .where(eq(reviewAssignments.cycleId, cycleId))
    .groupBy(reviewAssignments.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export async function objectionCounts(db: DbOrTx, cycleId: number): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: objections.status, n: sql<number>`count(*)::int` })
    .from(objections)
    .where(eq(objections.cycleId, cycleId))
    .groupBy(objections.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export async function setDeadline(db: DbOrTx, cycleId: number, stage: string, dueAt: Date): Promise<void> {
  await db
    .insert(cycleDeadlines)
    .values({ cycleId, stage, dueAt })
    .onConflictDoUpdate({ target: [cycleDeadlines.cycleId, cycleDeadlines.stage], set: { dueAt } });
}

export async function deadlinesOf(db: DbOrTx, cycleId: number) {
  return db.select({ stage: cycleDeadlines.stage, dueAt: cycleDeadlines.dueAt }).from(cycleDeadlines).where(eq(cycleDeadlines.cycleId, cycleId));
}
