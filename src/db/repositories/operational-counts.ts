import { and, count, gt, sql } from 'drizzle-orm';
import { cycles, jobs, sessions } from '../schema.js';
import type { DbOrTx } from '../tx.js';

/** Cheap aggregate counts for monitoring (read on every metrics scrape). */
export async function cycleCountsByStatus(db: DbOrTx): Promise<Array<{ status: string; n: number }>> {
  return db.select({ status: cycles.status, n: count() }).from(cycles).groupBy(cycles.status);
}

export async function jobCountsByStatus(db: DbOrTx): Promise<Array<{ kind: string; status: string; n: number }>> {
  return db.select({ kind: jobs.kind, status: jobs.status, n: count() }).from(jobs).groupBy(jobs.kind, jobs.status);
}

export async function liveSessionCount(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(gt(sessions.expiresAt, sql`now()`)));
  return row?.n ?? 0;
}
