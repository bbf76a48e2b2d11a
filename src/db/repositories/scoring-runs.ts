import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import { cycles, publications, scoringRuns } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export type ScoringRunRow = typeof scoringRuns.$inferSelect;

export async function insertRun(db: DbOrTx, row: typeof scoringRuns.$inferInsert): Promise<ScoringRunRow> {
  const [out] = await db.insert(scoringRuns).values(row).returning();
  if (!out) throw new Error('scoring run insert returned nothing');
  return out;
}

/** Stores the decisions on a run's award ties and the result they give (re-evaluated from the run's snapshot). */
export async function setRunTieDecisions(db: DbOrTx, id: number, decisions: unknown, result: unknown): Promise<void> {
  await db.update(scoringRuns).set({ tieDecisions: decisions, result }).where(eq(scoringRuns.id, id));
}

export async function findRun(db: DbOrTx, id: number): Promise<ScoringRunRow | null> {
  const [row] = await db.select().from(scoringRuns).where(eq(scoringRuns.id, id)).limit(1);
  return row ?? null;
}

export async function listRuns(db: DbOrTx, cycleId: number) {
  return db
    .select({
      id: scoringRuns.id,
      kind: scoringRuns.kind,
      status: scoringRuns.status,
      inputHash: scoringRuns.inputHash,
      engineVersion: scoringRuns.engineVersion,
      progress: scoringRuns.progress,
      note: scoringRuns.note,
      notices: scoringRuns.notices,
      error: scoringRuns.error,
      createdAt: scoringRuns.createdAt,
      finishedAt: scoringRuns.finishedAt,
    })
    .from(scoringRuns)
    .where(eq(scoringRuns.cycleId, cycleId))
    .orderBy(desc(scoringRuns.id));
}

export async function latestRunOfKind(db: DbOrTx, cycleId: number, kind: 'trial' | 'provisional' | 'final') {
  const [row] = await db
    .select()
    .from(scoringRuns)
    .where(and(eq(scoringRuns.cycleId, cycleId), eq(scoringRuns.kind, kind), eq(scoringRuns.status, 'done')))
    .orderBy(desc(scoringRuns.id))
    .limit(1);
  return row ?? null;
}

/** Serialises scoring of one cycle: two runs started at once take turns, never interleave. */
export async function lockCycleScoring(tx: DbOrTx, cycleId: number): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7301, ${cycleId})`);
}

export async function upsertPublication(
  db: DbOrTx,
  row: { cycleId: number; runId: number; pressRelease: string | null; publishedBy: number | null },
): Promise<void> {
  await db
    .insert(publications)
    .values(row)
    .onConflictDoUpdate({
      target: publications.cycleId,
      set: {
        runId: row.runId,
        pressRelease: row.pressRelease,
        publishedBy: row.publishedBy,
        publishedAt: new Date(),
        version: sql`${publications.version} + 1`,
      },
    });
}

export async function findPublication(db: DbOrTx, cycleId: number) {
  const [row] = await db.select().from(publications).where(eq(publications.cycleId, cycleId)).limit(1);
  return row ?? null;
}

/** Published cycles with the result of their published run (public pages read only these). */
export async function publishedResults(db: DbOrTx) {
  return db
    .select({
      year: cycles.year,
      title: cycles.title,
      isDemo: cycles.isDemo,
      publishedAt: publications.publishedAt,
      runId: publications.runId,
      result: scoringRuns.result,
      input: scoringRuns.input,
      sensitivity: scoringRuns.sensitivity,
      pressRelease: publications.pressRelease,
    })
    .from(publications)
    .innerJoin(cycles, eq(cycles.id, publications.cycleId))
    .innerJoin(scoringRuns, eq(scoringRuns.id, publications.runId))
    .where(eq(cycles.status, 'published'))
    .orderBy(desc(cycles.year));
}

export async function updatePressRelease(db: DbOrTx, cycleId: number, text: string, version: number): Promise<boolean> {
  const out = await db
    .update(publications)
    .set({ pressRelease: text, version: version + 1 })
    .where(and(eq(publications.cycleId, cycleId), eq(publications.version, version)))
    .returning({ v: publications.version });
  return out.length > 0;
}

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

/** How many cycles are published. */
export async function publicationCount(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(publications);
  return row?.n ?? 0;
}

/** Stores a run's statistical audit (computed once, for runs made before it was stored with every run). */
export async function setRunAnalysis(db: DbOrTx, id: number, analysis: unknown): Promise<void> {
  await db.update(scoringRuns).set({ analysis }).where(eq(scoringRuns.id, id));
}
