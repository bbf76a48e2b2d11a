import { asc, eq } from 'drizzle-orm';
import { adjustments } from '../schema.js';
import type { DbOrTx } from '../tx.js';

/** The SQL of a cycle's adjustments (bonus and penalty points). */
export type NewAdjustmentRow = typeof adjustments.$inferInsert;

/** The adjustments (bonus/penalty points) of a cycle, in entry order. */
export async function adjustmentsOfCycle(db: DbOrTx, cycleId: number): Promise<Array<{ orgUnitId: number; rule: string; points: number; reason: string }>> {
  return db
    .select({ orgUnitId: adjustments.orgUnitId, rule: adjustments.ruleCode, points: adjustments.points, reason: adjustments.reason })
    .from(adjustments)
    .where(eq(adjustments.cycleId, cycleId))
    .orderBy(asc(adjustments.id));
}

export async function insertAdjustments(db: DbOrTx, rows: NewAdjustmentRow[]): Promise<void> {
  await db.insert(adjustments).values(rows);
}
