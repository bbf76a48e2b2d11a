import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { cycles, frameworkVersions, orgUnits, submissions, type CycleStatus } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export { cycleStatuses, type CycleStatus } from '../schema.js';

export type CycleRow = typeof cycles.$inferSelect;

export async function listCycles(db: DbOrTx): Promise<CycleRow[]> {
  return db.select().from(cycles).orderBy(asc(cycles.year));
}

export async function findCycleByYear(db: DbOrTx, year: number): Promise<CycleRow | null> {
  const [row] = await db.select().from(cycles).where(eq(cycles.year, year)).limit(1);
  return row ?? null;
}

/**
 * A cycle with an org unit (by code) and the cycle's latest framework version, in one query: null without the cycle;
 * `unit` or `framework` null when there is none. With `indicatorCode`, also the unit's submission of that indicator in
 * the cycle (`item`, null when not started).
 */
export async function findCycleWithUnitAndFramework(
  db: DbOrTx,
  year: number,
  orgUnitCode: string,
  indicatorCode?: string,
): Promise<{
  cycle: CycleRow;
  unit: typeof orgUnits.$inferSelect | null;
  framework: typeof frameworkVersions.$inferSelect | null;
  item: typeof submissions.$inferSelect | null;
} | null> {
  const latest = db
    .select()
    .from(frameworkVersions)
    .where(eq(frameworkVersions.cycleId, cycles.id))
    .orderBy(desc(frameworkVersions.version))
    .limit(1)
    .as('latest_framework');
  const [row] = await db
    .select({
      cycle: cycles,
      unit: orgUnits,
      framework: {
        id: latest.id,
        cycleId: latest.cycleId,
        version: latest.version,
        definition: latest.definition,
        definitionHash: latest.definitionHash,
        frozenAt: latest.frozenAt,
        reason: latest.reason,
        createdBy: latest.createdBy,
        createdAt: latest.createdAt,
        rowVersion: latest.rowVersion,
      },
      item: submissions,
    })
    .from(cycles)
    .leftJoin(orgUnits, eq(orgUnits.code, orgUnitCode))
    .leftJoinLateral(latest, sql`true`)
    .leftJoin(
      submissions,
      indicatorCode === undefined
        ? sql`false`
        : and(eq(submissions.cycleId, cycles.id), eq(submissions.orgUnitId, orgUnits.id), eq(submissions.indicatorCode, indicatorCode)),
    )
    .where(eq(cycles.year, year))
    .limit(1);
  return row ?? null;
}

export interface CycleInput {
  year: number;
  title: string;
  dataPeriodStart: string;
  dataPeriodEnd: string;
  status: CycleStatus;
  isDemo: boolean;
  publishedAt?: Date | null;
}

export async function upsertCycle(db: DbOrTx, input: CycleInput): Promise<CycleRow> {
  const [row] = await db
    .insert(cycles)
    .values(input)
    .onConflictDoUpdate({ target: cycles.year, set: { ...input, updatedAt: new Date() } })
    .returning();
  if (!row) throw new Error(`upsert of cycle ${input.year} returned nothing`);
  return row;
}
