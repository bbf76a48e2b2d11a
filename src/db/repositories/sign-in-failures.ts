import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { signInFailures } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export interface SignInKey {
  name: string;
  address: string;
}

/**
 * A counter as seen from the database's clock (never an app server's): seconds since its last counted attempt, and
 * seconds until the next attempt is allowed (≤ 0: allowed now).
 *
 * Read and written with clock_timestamp(), not now(): now() is when the transaction began, and an attempt that began
 * before a parallel one but waited for its lock would see the other's "no wait" as lying in its future (a 429 where
 * the attempt was free).
 */
export interface FailureCount {
  failures: number;
  ageSeconds: number;
  waitSeconds: number;
}

const counterColumns = {
  failures: signInFailures.failures,
  ageSeconds: sql<number>`extract(epoch from clock_timestamp() - ${signInFailures.lastFailureAt})::float8`,
  waitSeconds: sql<number>`extract(epoch from ${signInFailures.nextAttemptAt} - clock_timestamp())::float8`,
};

/** Failures counted for a name from every address within the last `seconds`. */
export async function recentFailuresOfName(db: DbOrTx, name: string, seconds: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${signInFailures.failures}), 0)::int` })
    .from(signInFailures)
    .where(and(eq(signInFailures.name, name), gt(signInFailures.lastFailureAt, sql`now() - make_interval(secs => ${seconds})`)));
  return row?.n ?? 0;
}

/**
 * The counter of a name and address, created at zero when missing and locked for the rest of the transaction, so
 * two parallel attempts cannot both pass one free slot. One statement (an upsert that touches the row it finds):
 * an insert-then-select could find nothing when a parallel successful sign-in deletes the counter in between.
 */
export async function lockFailureCount(db: DbOrTx, key: SignInKey): Promise<FailureCount> {
  const [row] = await db
    .insert(signInFailures)
    .values({ ...key, failures: 0 })
    .onConflictDoUpdate({ target: [signInFailures.name, signInFailures.address], set: { failures: sql`${signInFailures.failures}` } })
    .returning(counterColumns);
  if (!row) throw new Error(`sign-in counter of ${key.name} not returned`);
  return row;
}

/** Counts an attempt: `failures` in all, and no further attempt for `delaySeconds`. */
export async function setFailureCount(db: DbOrTx, key: SignInKey, failures: number, delaySeconds: number): Promise<void> {
  await db
    .update(signInFailures)
    .set({ failures, lastFailureAt: sql`clock_timestamp()`, nextAttemptAt: sql`clock_timestamp() + make_interval(secs => ${delaySeconds})` })
    .where(and(eq(signInFailures.name, key.name), eq(signInFailures.address, key.address)));
}

export async function deleteFailureCount(db: DbOrTx, key: SignInKey): Promise<void> {
  await db.delete(signInFailures).where(and(eq(signInFailures.name, key.name), eq(signInFailures.address, key.address)));
}

/** Forgets a name's counters from every address; the number of counters removed. */
export async function deleteFailureCountsOfName(db: DbOrTx, name: string): Promise<number> {
  const rows = await db.delete(signInFailures).where(eq(signInFailures.name, name)).returning({ address: signInFailures.address });
  return rows.length;
}

/** Per name, the latest time until which an attempt from some address must wait (names with no wait running are absent). */
export async function waitsOfNames(db: DbOrTx, names: string[]): Promise<Map<string, Date>> {
  if (names.length === 0) return new Map();
  const rows = await db
    .select({ name: signInFailures.name, until: sql<number>`extract(epoch from max(${signInFailures.nextAttemptAt}))::float8` })
    .from(signInFailures)
    .where(and(inArray(signInFailures.name, names), gt(signInFailures.nextAttemptAt, sql`now()`)))
    .groupBy(signInFailures.name);
  return new Map(rows.map((r) => [r.name, new Date(Number(r.until) * 1000)]));
}

/**
 * Removes up to `limit` counters idle for longer than `seconds`. Rows another transaction holds are skipped, so
 * this statement never waits (and never deadlocks with an attempt in progress).
 */
export async function pruneIdleFailureCounts(db: DbOrTx, seconds: number, limit: number): Promise<void> {
  await db.execute(sql`DELETE FROM ${signInFailures} WHERE (${signInFailures.name}, ${signInFailures.address}) IN (
    SELECT ${signInFailures.name}, ${signInFailures.address} FROM ${signInFailures}
    WHERE ${signInFailures.lastFailureAt} < now() - make_interval(secs => ${seconds})
    LIMIT ${limit} FOR UPDATE SKIP LOCKED)`);
}
