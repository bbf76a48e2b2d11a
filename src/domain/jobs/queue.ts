/*
 * Background jobs on the `jobs` table.
 *
 * Why not pg-boss, as DESIGN.md suggests: its current major version requires Node 22 and we run on Node 20, and the
 * older majors are out of maintenance. What we need is small — enqueue, claim with `FOR UPDATE SKIP LOCKED`, a lease
 * renewed by heartbeats, progress, done/failed, re-claim after a crashed worker's lease runs out — and it must work
 * unchanged on PGlite (one in-process connection) and on a server shared by several app machines. The queue state is
 * a plain table that the migrations already create, every transition is a single conditional UPDATE, and all times
 * come from the database's clock, so workers on machines with skewed clocks still agree on when a lease expired.
 * Revisit pg-boss when the project moves to Node 22 and needs schedules, throttling or fan-out.
 */
import { EventEmitter } from 'node:events';
import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { jobs } from '../../db/schema.js';
import type { DbOrTx } from '../../db/tx.js';
import { messageOfStored, storedMessage, type Message } from '../../message.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export type JobRow = typeof jobs.$inferSelect;

/** What a caller polling for progress sees. */
export interface JobView {
  id: number;
  kind: string;
  status: JobStatus;
  /** 0..1 */
  progress: number;
  message: string | null;
  result: unknown;
  /** Why it failed, in Korean and English (stored as JSON in the `error` column). */
  error: Message | null;
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** In-process signal so a local worker picks a new job up at once instead of at its next poll. */
export const jobEvents = new EventEmitter();

export interface EnqueueOptions {
  createdBy?: number | null;
}

/**
 * Queues a job. Pass a transaction to make the job exist exactly when the rest of that change commits (e.g. an
 * imports row and the job that processes it).
 */
export async function enqueueJob(db: DbOrTx, kind: string, payload: unknown, opts: EnqueueOptions = {}): Promise<number> {
  const [row] = await db
    .insert(jobs)
    .values({ kind, payload: payload ?? null, createdBy: opts.createdBy ?? null })
    .returning({ id: jobs.id });
  if (!row) throw new Error('enqueueJob: insert returned no row');
  jobEvents.emit('enqueued', kind);
  return row.id;
}

export async function getJob(db: DbOrTx, id: number): Promise<JobView | null> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id)).limit(1);
  return row ? toView(row) : null;
}

export function toView(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as JobStatus,
    progress: row.progress,
    message: row.message,
    result: row.result,
    error: messageOfStored(row.error),
    attempts: row.attempts,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

const leaseEnd = (lockMs: number) => sql`now() + ${Math.max(1, Math.round(lockMs))}::int * interval '1 millisecond'`;

/**
 * Fails running jobs whose lease expired after `maxAttempts` claims: a job that keeps killing its worker must not
 * be retried forever.
 */
export async function failExhaustedJobs(db: Db, kinds: string[], maxAttempts: number): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({
      status: 'failed',
      error: storedMessage({ ko: `작업자가 ${maxAttempts}번 응답을 멈췄습니다`, en: `the worker stopped responding ${maxAttempts} times` }),
      finishedAt: sql`now()`,
      lockedBy: null,
      lockedUntil: null,
    })
    .where(
      and(
        inArray(jobs.kind, kinds),
        eq(jobs.status, 'running'),
        lt(jobs.lockedUntil, sql`now()`),
        sql`${jobs.attempts} >= ${maxAttempts}`,
      ),
    )
    .returning({ id: jobs.id });
  return rows.length;
}

/**
 * Claims the oldest job of the given kinds that is queued, or running under an expired lease (its worker crashed).
 * SKIP LOCKED makes concurrent claimers pass over a row another claimer is taking, so no job is claimed twice and
 * nobody waits.
 */
export async function claimJob(db: Db, kinds: string[], workerId: string, lockMs: number): Promise<JobRow | null> {
  if (kinds.length === 0) return null;
  const next = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        inArray(jobs.kind, kinds),
        or(eq(jobs.status, 'queued'), and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, sql`now()`))),
      ),
    )
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
export async function renewLease(db: Db, id: number, workerId: string, lockMs: number): Promise<boolean> {
  const rows = await db.update(jobs).set({ lockedUntil: leaseEnd(lockMs) }).where(mine(id, workerId)).returning({ id: jobs.id });
  return rows.length > 0;
}

export async function saveProgress(db: Db, id: number, workerId: string, progress: number, message: string | null): Promise<void> {
  await db.update(jobs).set({ progress, message }).where(mine(id, workerId));
}

export async function completeJob(db: Db, id: number, workerId: string, result: unknown): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: 'done', progress: 1, result: result ?? null, finishedAt: sql`now()`, lockedBy: null, lockedUntil: null })
    .where(mine(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function failJob(db: Db, id: number, workerId: string, error: Message): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: 'failed', error: storedMessage(error), finishedAt: sql`now()`, lockedBy: null, lockedUntil: null })
    .where(mine(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}
