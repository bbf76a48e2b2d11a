import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../../db/client.js';
import { DomainError } from '../errors.js';
import { untranslated, type Message } from '../../message.js';
import { claimJob, completeJob, failExhaustedJobs, failJob, jobEvents, renewLease, saveProgress, type JobRow } from './queue.js';

export interface JobContext {
  /**
   * Reports progress (0..1) and an optional message. Never blocks: the latest value is written in the background at
   * most every `progressIntervalMs`. (On PGlite, a handler inside a long transaction holds the only connection; a
   * progress write that the handler awaited would wait for that transaction to end — a deadlock.)
   */
  progress(fraction: number, message?: string): void;
  /** Aborted when the lease was lost (another worker re-claimed the job) or the worker is stopping hard. */
  signal: AbortSignal;
  workerId: string;
  attempt: number;
}

export interface ClaimedJob<P = unknown> {
  id: number;
  kind: string;
  payload: P;
  attempts: number;
}

/** Returns the job's result (stored as JSON). Throwing marks the job failed with the error's message. */
export type JobHandler<P = unknown> = (job: ClaimedJob<P>, ctx: JobContext) => Promise<unknown>;

export type JobHandlers = Record<string, JobHandler<never>>;

export interface JobWorkerOptions {
  /** Defaults to host, pid and a random suffix, so several workers in one process stay distinct. */
  workerId?: string;
  /** Idle poll period. */
  pollMs?: number;
  /** Lease length; renewed every third of it while the handler runs. */
  lockMs?: number;
  /** A job whose worker died this many times is failed instead of retried. */
  maxAttempts?: number;
  progressIntervalMs?: number;
  /** Where infrastructure errors (database down, …) go; the loop keeps running. */
  onError?: (err: unknown) => void;
}

export interface RunningJob {
  jobId: number;
  kind: string;
  progress: number;
  message: string | null;
}

/**
 * Runs jobs of the registered kinds, one at a time, until stopped. Start one per app process; any number of
 * processes on any number of machines can share one PostgreSQL server.
 */
export class JobWorker {
  readonly workerId: string;
  private readonly pollMs: number;
  private readonly lockMs: number;
  private readonly maxAttempts: number;
  private readonly progressIntervalMs: number;
  private readonly onError: (err: unknown) => void;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private running: RunningJob | null = null;
  private readonly onEnqueued = (kind: string) => {
    if (kind in this.handlers) this.wakeUp?.();
  };

  constructor(
    private readonly db: Db,
    private readonly handlers: JobHandlers,
    opts: JobWorkerOptions = {},
  ) {
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.pollMs = opts.pollMs ?? 1000;
    this.lockMs = opts.lockMs ?? 60_000;
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.progressIntervalMs = opts.progressIntervalMs ?? 500;
    this.onError = opts.onError ?? (() => undefined);
  }

  /** The job this worker is running right now, with its latest progress (no database round trip). */
  get current(): RunningJob | null {
    return this.running ? { ...this.running } : null;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    jobEvents.on('enqueued', this.onEnqueued);
    this.loop = this.run();
  }

  /** Stops claiming new jobs and waits for the running one to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    jobEvents.off('enqueued', this.onEnqueued);
    this.wakeUp?.();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let ran = false;
      try {
        ran = await this.runOnce();
      } catch (err) {
        this.onError(err);
      }
      if (!ran && !this.stopping) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }

  /** Claims and runs one job if there is one; true when a job ran. Public so tests and CLIs can drive it. */
  async runOnce(): Promise<boolean> {
    const kinds = Object.keys(this.handlers);
    await failExhaustedJobs(this.db, kinds, this.maxAttempts);
    const job = await claimJob(this.db, kinds, this.workerId, this.lockMs);
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  private async execute(job: JobRow): Promise<void> {
    const handler = this.handlers[job.kind] as JobHandler | undefined;
    const abort = new AbortController();
    const state: RunningJob = { jobId: job.id, kind: job.kind, progress: job.progress, message: job.message };
    this.running = state;
    let dirty = false;
    let writing: Promise<void> = Promise.resolve();

    const flushProgress = () => {
      if (!dirty) return;
      dirty = false;
      const { progress, message } = state;
      writing = writing.then(() => saveProgress(this.db, job.id, this.workerId, progress, message)).catch(this.onError);
    };
    let renewing = false;
    const heartbeat = setInterval(
      () => {
        if (renewing) return;
        renewing = true;
        renewLease(this.db, job.id, this.workerId, this.lockMs)
          .then((ours) => {
            if (!ours) abort.abort(new Error('lease lost'));
          })
          .catch(this.onError)
          .finally(() => (renewing = false));
      },
      Math.max(10, Math.floor(this.lockMs / 3)),
    );
    const progressTimer = setInterval(flushProgress, this.progressIntervalMs);

    const ctx: JobContext = {
      progress: (fraction, message) => {
        state.progress = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
        if (message !== undefined) state.message = message;
        dirty = true;
      },
      signal: abort.signal,
      workerId: this.workerId,
      attempt: job.attempts,
    };

    let outcome: { ok: true; result: unknown } | { ok: false; error: Message };
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      outcome = { ok: true, result: await handler({ id: job.id, kind: job.kind, payload: job.payload, attempts: job.attempts }, ctx) };
    } catch (err) {
      outcome = { ok: false, error: describeError(err) };
    } finally {
      clearInterval(heartbeat);
      clearInterval(progressTimer);
    }
    flushProgress();
    await writing;
    try {
      if (outcome.ok) await completeJob(this.db, job.id, this.workerId, outcome.result);
      else await failJob(this.db, job.id, this.workerId, outcome.error);
    } finally {
      this.running = null;
    }
  }
}

function describeError(err: unknown): Message {
  if (err instanceof DomainError) return err.msg;
  return untranslated(err instanceof Error ? err.message : String(err));
}
