import { and, desc, eq, sql } from 'drizzle-orm';
import { pressReleaseVersions, users } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export type PressReleaseVersionRow = typeof pressReleaseVersions.$inferSelect & { authorName: string | null };

const columns = {
  id: pressReleaseVersions.id,
  cycleId: pressReleaseVersions.cycleId,
  year: pressReleaseVersions.year,
  version: pressReleaseVersions.version,
  body: pressReleaseVersions.body,
  structure: pressReleaseVersions.structure,
  restoredFrom: pressReleaseVersions.restoredFrom,
  authorId: pressReleaseVersions.authorId,
  createdAt: pressReleaseVersions.createdAt,
  authorName: users.displayName,
};

/** Serialises the saves of one cycle's press release: two editors saving at once take turns, and the second sees the first's version. */
export async function lockPressRelease(tx: DbOrTx, cycleId: number): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7312, ${cycleId})`);
}

/** The newest saved version's number of a cycle's press release, 0 when none is saved. */
export async function latestPressReleaseVersion(db: DbOrTx, cycleId: number): Promise<number> {
  const [row] = await db
    .select({ v: sql<number>`coalesce(max(${pressReleaseVersions.version}), 0)::int` })
    .from(pressReleaseVersions)
    .where(eq(pressReleaseVersions.cycleId, cycleId));
  return Number(row?.v ?? 0);
}

/** Every saved version of a cycle's press release, newest first, with its author's name. */
export async function listPressReleaseVersions(db: DbOrTx, cycleId: number): Promise<PressReleaseVersionRow[]> {
  return db
    .select(columns)
    .from(pressReleaseVersions)
    .leftJoin(users, eq(users.id, pressReleaseVersions.authorId))
    .where(eq(pressReleaseVersions.cycleId, cycleId))
    .orderBy(desc(pressReleaseVersions.version));
}

/** One saved version (the newest when `version` is null), or null. */
export async function findPressReleaseVersion(db: DbOrTx, cycleId: number, version: number | null): Promise<PressReleaseVersionRow | null> {
  const [row] = await db
    .select(columns)
    .from(pressReleaseVersions)
    .leftJoin(users, eq(users.id, pressReleaseVersions.authorId))
    .where(and(eq(pressReleaseVersions.cycleId, cycleId), version === null ? undefined : eq(pressReleaseVersions.version, version)))
    .orderBy(desc(pressReleaseVersions.version))
    .limit(1);
  return row ?? null;
}

export async function insertPressReleaseVersion(db: DbOrTx, row: typeof pressReleaseVersions.$inferInsert): Promise<void> {
  await db.insert(pressReleaseVersions).values(row);
}
