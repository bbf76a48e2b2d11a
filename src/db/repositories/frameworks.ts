import { and, desc, eq, inArray } from 'drizzle-orm';
import { frameworkVersions } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export type FrameworkVersionRow = typeof frameworkVersions.$inferSelect;

export async function latestFrameworkVersion(db: DbOrTx, cycleId: number): Promise<FrameworkVersionRow | null> {
  const [row] = await db.select().from(frameworkVersions).where(eq(frameworkVersions.cycleId, cycleId)).orderBy(desc(frameworkVersions.version)).limit(1);
  return row ?? null;
}

/** The latest framework version of each of some cycles (cycles without one are left out): one query. */
export async function latestFrameworkVersions(db: DbOrTx, cycleIds: number[]): Promise<FrameworkVersionRow[]> {
  if (cycleIds.length === 0) return [];
  return db
    .selectDistinctOn([frameworkVersions.cycleId])
    .from(frameworkVersions)
    .where(inArray(frameworkVersions.cycleId, cycleIds))
    .orderBy(frameworkVersions.cycleId, desc(frameworkVersions.version));
}

export async function frameworkVersionByNumber(db: DbOrTx, cycleId: number, version: number): Promise<FrameworkVersionRow | null> {
  const [row] = await db
    .select()
    .from(frameworkVersions)
    .where(and(eq(frameworkVersions.cycleId, cycleId), eq(frameworkVersions.version, version)))
    .limit(1);
  return row ?? null;
}

export async function listFrameworkVersions(db: DbOrTx, cycleId: number): Promise<FrameworkVersionRow[]> {
  return db.select().from(frameworkVersions).where(eq(frameworkVersions.cycleId, cycleId)).orderBy(desc(frameworkVersions.version));
}

export async function insertFrameworkVersion(db: DbOrTx, row: typeof frameworkVersions.$inferInsert): Promise<FrameworkVersionRow> {
  const [out] = await db.insert(frameworkVersions).values(row).returning();
  if (!out) throw new Error('framework version insert returned nothing');
  return out;
}

/** Replaces the definition of an unfrozen version if `rowVersion` still matches; returns null when stale. */
export async function updateDraftFramework(
  db: DbOrTx,
  id: number,
  rowVersion: number,
  definition: unknown,
  definitionHash: string,
): Promise<FrameworkVersionRow | null> {
  const [out] = await db
    .update(frameworkVersions)
    .set({ definition, definitionHash, rowVersion: rowVersion + 1 })
    .where(and(eq(frameworkVersions.id, id), eq(frameworkVersions.rowVersion, rowVersion)))
    .returning();
  return out ?? null;
}

export async function freezeFrameworkVersion(db: DbOrTx, id: number): Promise<void> {
  await db.update(frameworkVersions).set({ frozenAt: new Date() }).where(eq(frameworkVersions.id, id));
}
