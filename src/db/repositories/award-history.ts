import { asc, eq, lt, sql } from 'drizzle-orm';
import { awardHistory, cycles, orgUnits, publications } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export type AwardHistoryInsert = Omit<typeof awardHistory.$inferInsert, 'id' | 'importedAt'>;

export interface AwardHistoryRow {
  id: number;
  year: number;
  orgUnitCode: string;
  orgUnitName: string;
  tier: string | null;
  tierName: string | null;
  rank: number | null;
  score: number | null;
  prize: number | null;
  source: string;
  note: string | null;
  importedByLabel: string;
  importedAt: Date;
}

const columns = {
  id: awardHistory.id,
  year: awardHistory.year,
  orgUnitCode: orgUnits.code,
  orgUnitName: orgUnits.name,
  tier: awardHistory.tier,
  tierName: awardHistory.tierName,
  rank: awardHistory.rank,
  score: awardHistory.score,
  prize: awardHistory.prize,
  source: awardHistory.source,
  note: awardHistory.note,
  importedByLabel: awardHistory.importedByLabel,
  importedAt: awardHistory.importedAt,
};

/** Every imported result, by year then the units' administrative order. */
export async function listAwardHistory(db: DbOrTx): Promise<AwardHistoryRow[]> {
  return db
    .select(columns)
    .from(awardHistory)
    .innerJoin(orgUnits, eq(orgUnits.id, awardHistory.orgUnitId))
    .orderBy(asc(awardHistory.year), asc(orgUnits.sortOrder), asc(orgUnits.code));
}

/** Imported results of the years before `year` (for streaks and last year's rank). */
export async function awardHistoryBefore(
  db: DbOrTx,
  year: number,
): Promise<Array<{ year: number; orgUnitCode: string; tier: string | null; rank: number | null }>> {
  return db
    .select({ year: awardHistory.year, orgUnitCode: orgUnits.code, tier: awardHistory.tier, rank: awardHistory.rank })
    .from(awardHistory)
    .innerJoin(orgUnits, eq(orgUnits.id, awardHistory.orgUnitId))
    .where(lt(awardHistory.year, year))
    .orderBy(asc(awardHistory.year), asc(orgUnits.code));
}

/** Writes the rows, replacing any of the same unit and year. */
export async function upsertAwardHistory(db: DbOrTx, rows: readonly AwardHistoryInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(awardHistory)
      .values(rows.slice(i, i + 500).map((r) => ({ ...r })))
      .onConflictDoUpdate({
        target: [awardHistory.orgUnitId, awardHistory.year],
        set: {
          tier: sql`excluded.tier`,
          tierName: sql`excluded.tier_name`,
          rank: sql`excluded.rank`,
          score: sql`excluded.score`,
          prize: sql`excluded.prize`,
          source: sql`excluded.source`,
          note: sql`excluded.note`,
          importedBy: sql`excluded.imported_by`,
          importedByLabel: sql`excluded.imported_by_label`,
          importedAt: sql`now()`,
        },
      });
  }
}

/** Years whose cycle has a published result in the product (their results come from the runs, not from files). */
export async function publishedCycleYears(db: DbOrTx): Promise<number[]> {
  const rows = await db.select({ year: cycles.year }).from(publications).innerJoin(cycles, eq(cycles.id, publications.cycleId)).orderBy(asc(cycles.year));
  return rows.map((r) => r.year);
}

/** The award tiers (code and name) of every stored framework version, for reading tier names in a file. */
export async function storedFrameworkTiers(db: DbOrTx): Promise<Array<{ code: string; name: { ko: string; en: string } }>> {
  const rows = await db.execute(sql`
    SELECT DISTINCT t->>'code' AS code, t->'name'->>'ko' AS ko, t->'name'->>'en' AS en
      FROM framework_versions v, jsonb_array_elements(v.definition->'awards'->'tiers') t`);
  return (rows as unknown as { rows: Array<{ code: string; ko: string; en: string }> }).rows.map((r) => ({ code: r.code, name: { ko: r.ko, en: r.en } }));
}
