import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { jobs } from '../schema.js';
import type { DbOrTx } from '../tx.js';
import { storedMessage, type Message } from '../../message.js';

/**
 * The SQL of the background-job queue (src/domain/jobs): every transition is a single conditional UPDATE and all times
 * come from the database's clock.
 */
export type JobRow = typeof jobs.$inferSelect;

export async function insertJob(db: DbOrTx, kind: string, payload: unknown, createdBy: number | null): Promise<number> {
  const [row] = await db
    .insert(jobs)
    .values({ kind, payload: payload ?? null, createdBy })
    .returning({ id: jobs.id });
  if (!row) throw new Error('enqueueJob: insert returned no row');
  return row.id;
}

export async function selectJobById(db: DbOrTx, id: number): Promise<JobRow | null> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id)).limit(1);
  return row ?? null;
}

const leaseEnd = (lockMs: number) => sql`now() + ${Math.max(1, Math.round(lockMs))}::int * interval '1 millisecond'`;

/**
 * Fails running jobs whose lease expired after `maxAttempts` claims: a job that keeps killing its worker must not
 * be retried forever.
 */
export async function failExhaustedJobs(db: DbOrTx, kinds: string[], maxAttempts: number): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({
      status: 'failed',
      error: storedMessage({ ko: `작업자가 ${maxAttempts}번 응답을 멈췄습니다`, en: `the worker stopped responding ${maxAttempts} times` }),
      finishedAt: sql`now()`,
      lockedBy: null,
      lockedUntil: null,
    })
    .where(and(inArray(jobs.kind, kinds), eq(jobs.status, 'running'), lt(jobs.lockedUntil, sql`now()`), sql`${jobs.attempts} >= ${maxAttempts}`))
    .returning({ id: jobs.id });
  return rows.length;
}

/**
 * Claims the oldest job of the given kinds that is queued, or running under an expired lease (its worker crashed).
 * SKIP LOCKED makes concurrent claimers pass over a row another claimer is taking, so no job is claimed twice and
 * nobody waits.
 */
export async function claimJob(db: DbOrTx, kinds: string[], workerId: string, lockMs: number): Promise<JobRow | null> {
  if (kinds.length === 0) return null;
  const next = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(inArray(jobs.kind, kinds), or(eq(jobs.status, 'queued'), and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, sql`now()`)))))
    .orderBy(asc(jobs.id))
    .limit(1)
    .for('update', { skipLocked: true });
  const [row] = await db
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      lockedBy: workerId,
      lockedUntil: leaseEnd(lockMs),
      startedAt: sql`coalesce(${jobs.startedAt}, now())`,
      error: null,
    })
    .where(eq(jobs.id, sql`(${next})`))
    .returning();
  return row ?? null;
}

const mine = (id: number, workerId: string) => and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running'));

/** Renews the lease; false when the job is no longer ours (the lease expired and another worker took it). */
export async function renewLease(db: DbOrTx, id: number, workerId: string, lockMs: number): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ lockedUntil: leaseEnd(lockMs) })
    .where(mine(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function saveProgress(db: DbOrTx, id: number, workerId: string, progress: number, message: string | null): Promise<void> {
  await db.update(jobs).set({ progress, message }).where(mine(id, workerId));
}

export async function completeJob(db: DbOrTx, id: number, workerId: string, result: unknown): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: 'done', progress: 1, result: result ?? null, finishedAt: sql`now()`, lockedBy: null, lockedUntil: null })
    .where(mine(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function failJob(db: DbOrTx, id: number, workerId: string, error: Message): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: 'failed', error: storedMessage(error), finishedAt: sql`now()`, lockedBy: null, lockedUntil: null })
    .where(mine(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}
