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
import { insertJob, selectJobById, type JobRow } from '../../db/repositories/jobs.js';
import type { DbOrTx } from '../../db/tx.js';
import { messageOfStored, type Message } from '../../message.js';

export { claimJob, completeJob, failExhaustedJobs, failJob, renewLease, saveProgress, type JobRow } from '../../db/repositories/jobs.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

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
  const id = await insertJob(db, kind, payload, opts.createdBy ?? null);
  jobEvents.emit('enqueued', kind);
  return id;
}

export async function getJob(db: DbOrTx, id: number): Promise<JobView | null> {
  const row = await selectJobById(db, id);
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
