import { asc, eq } from 'drizzle-orm';
import { cycles, type CycleStatus } from '../schema.js';
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
