import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/db/client.js';
import { jobs } from '../../src/db/schema.js';
import { DomainError } from '../../src/domain/errors.js';
import { enqueueJob, getJob, JobWorker, type JobHandler } from '../../src/domain/jobs/index.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { waitFor } from '../helpers/wait.js';

/** Probes until `ok` holds of the value and returns it. */
const until = <T>(probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> =>
  waitFor(async () => {
    const v = await probe();
    return ok(v) ? { v } : null;
  }).then((r) => r.v);

/** A promise the test resolves when it wants a job's handler to finish. */
function gate<T>(value: T) {
  let open!: () => void;
  const opened = new Promise<T>((resolve) => (open = () => resolve(value)));
  return { opened, open };
}

describe.each(backends())('background jobs on $name', (backend) => {
  let db: TestDatabase;
  const workers: JobWorker[] = [];
  const extraDbs: Database[] = [];
  // One database for the file; each test uses job kinds of its own.
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => db?.destroy());
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await Promise.all(extraDbs.splice(0).map((d) => d.close()));
  });

  const worker = (handlers: Record<string, JobHandler<never>>, opts: ConstructorParameters<typeof JobWorker>[2] = {}, on = db.db) => {
    const w = new JobWorker(on, handlers, { pollMs: 20, ...opts });
    workers.push(w);
    return w;
  };

  it('never runs the same job on two workers', async () => {
    const ran: Array<{ job: number; worker: string }> = [];
    const handler: JobHandler = async (job, ctx) => {
      ran.push({ job: job.id, worker: ctx.workerId });
      await sleep(5);
      return { ok: true };
    };
    // On the server, the second worker has its own pool, as a second app machine would.
    let second = db.db;
    if (db.url) {
      const other = await openPostgres(db.url, { max: 3 });
      extraDbs.push(other);
      second = other.db;
    }
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push(await enqueueJob(db.db, 'test.echo', { i }));
    const a = worker({ 'test.echo': handler }, { workerId: 'a' });
    const b = worker({ 'test.echo': handler }, { workerId: 'b' }, second);
    a.start();
    b.start();
    await until(
      () =>
        db.db
          .select({ n: sql<number>`count(*)::int` })
          .from(jobs)
          .where(and(eq(jobs.kind, 'test.echo'), eq(jobs.status, 'done'))),
      (r) => r[0]?.n === ids.length,
    );
    expect(ran.map((r) => r.job).sort((x, y) => x - y)).toEqual(ids);
    const rows = await db.db.select().from(jobs).where(eq(jobs.kind, 'test.echo'));
    expect(rows.every((r) => r.attempts === 1 && r.lockedBy === null)).toBe(true);
    if (db.url) expect(new Set(ran.map((r) => r.worker))).toEqual(new Set(['a', 'b']));
  });

  it('retries a job whose worker died once its lease has expired', async () => {
    const id = await enqueueJob(db.db, 'test.retry', { n: 1 });
    // A worker claimed it and was killed: running, locked by a worker that no longer renews.
    await db.db
      .update(jobs)
      .set({ status: 'running', attempts: 1, lockedBy: 'dead-worker', lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, id));
    const live = await enqueueJob(db.db, 'test.retry', { n: 2 });
    await db.db
      .update(jobs)
      .set({ status: 'running', attempts: 1, lockedBy: 'slow-worker', lockedUntil: sql`now() + interval '1 hour'` })
      .where(eq(jobs.id, live));
    const seen: number[] = [];
    const w = worker({ 'test.retry': async (job) => seen.push(job.id) });
    while (await w.runOnce());
    expect(seen).toEqual([id]);
    expect(await getJob(db.db, id)).toMatchObject({ status: 'done', attempts: 2 });
    // A job held under a live lease is left alone.
    expect(await getJob(db.db, live)).toMatchObject({ status: 'running', attempts: 1 });
  });

  it('gives up on a job that killed its worker too often', async () => {
    const id = await enqueueJob(db.db, 'test.poison', {});
    await db.db
      .update(jobs)
      .set({ status: 'running', attempts: 3, lockedBy: 'dead-worker', lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, id));
    const w = worker({ 'test.poison': async () => 'never' }, { maxAttempts: 3 });
    expect(await w.runOnce()).toBe(false);
    const job = await getJob(db.db, id);
    expect(job).toMatchObject({ status: 'failed', attempts: 3 });
    expect(job?.error).toEqual({ ko: '작업자가 3번 응답을 멈췄습니다', en: 'the worker stopped responding 3 times' });
  });

  it('keeps its lease alive with heartbeats while a long job runs', async () => {
    // Long enough that a busy machine (the embedded database runs on this thread) still renews it in time.
    const lockMs = 1_000;
    const done = gate('ok');
    const id = await enqueueJob(db.db, 'test.long', {});
    const w = worker({ 'test.long': async () => done.opened }, { lockMs });
    const rival = worker({ 'test.long': async () => 'stolen' }, { lockMs, workerId: 'rival' });
    const leaseEnd = async () => (await db.db.select({ until: jobs.lockedUntil }).from(jobs).where(eq(jobs.id, id)))[0]?.until ?? null;
    const running = w.runOnce();
    const firstEnd = await waitFor(leaseEnd, { what: 'the job claimed' });
    // The rival keeps trying while the job runs, until the lease reaches three lease lengths past its first end: only
    // heartbeats move it, and the last renewal came at least two lease lengths after the first lease ran out.
    await waitFor(
      async () => {
        expect(await rival.runOnce()).toBe(false);
        const end = await leaseEnd();
        return end !== null && end.getTime() >= firstEnd.getTime() + 3 * lockMs;
      },
      { what: 'the lease renewed by heartbeats' },
    );
    expect(await rival.runOnce()).toBe(false);
    done.open();
    await running;
    expect(await getJob(db.db, id)).toMatchObject({ status: 'done', attempts: 1, result: 'ok' });
  }, 60_000);

  it('shows progress while the job runs, then its result', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const id = await enqueueJob(db.db, 'test.progress', { rows: 100 });
    const w = worker(
      {
        'test.progress': async (_job, ctx) => {
          ctx.progress(0.5, '50 / 100 행');
          await gate;
          return { rows: 100 };
        },
      },
      { progressIntervalMs: 20 },
    );
    w.start();
    const mid = await until(
      () => getJob(db.db, id),
      (j) => j?.progress === 0.5,
    );
    expect(mid).toMatchObject({ status: 'running', message: '50 / 100 행' });
    expect(w.current).toMatchObject({ jobId: id, progress: 0.5 });
    release();
    const done = await until(
      () => getJob(db.db, id),
      (j) => j?.status === 'done',
    );
    expect(done).toMatchObject({ progress: 1, result: { rows: 100 }, error: null });
    expect(done?.finishedAt).toBeInstanceOf(Date);
  });

  it('marks a job failed with the handler error and goes on with the next', async () => {
    const bad = await enqueueJob(db.db, 'test.fail', { bad: true });
    const good = await enqueueJob(db.db, 'test.fail', { bad: false });
    const w = worker({
      'test.fail': async (job: { payload: { bad: boolean } }) => {
        if (job.payload.bad) throw new Error('행 3: 날짜 형식 오류');
        return 'fine';
      },
    });
    while (await w.runOnce());
    expect(await getJob(db.db, bad)).toMatchObject({ status: 'failed', error: { ko: '행 3: 날짜 형식 오류', en: '행 3: 날짜 형식 오류' } });
    expect(await getJob(db.db, good)).toMatchObject({ status: 'done', result: 'fine' });
  });

  it('keeps a domain error of a failed job in both languages, and reads the "한국어 / English" text of older rows', async () => {
    const id = await enqueueJob(db.db, 'test.domain', {});
    const w = worker({
      'test.domain': async () => {
        throw new DomainError('invalid', 'bad_file', { ko: '파일을 읽을 수 없습니다.', en: 'The file cannot be read.' });
      },
    });
    while (await w.runOnce());
    expect((await getJob(db.db, id))?.error).toEqual({ ko: '파일을 읽을 수 없습니다.', en: 'The file cannot be read.' });
    await db.db.update(jobs).set({ error: '파일을 읽을 수 없습니다. / The file cannot be read.' }).where(eq(jobs.id, id));
    expect((await getJob(db.db, id))?.error).toEqual({ ko: '파일을 읽을 수 없습니다.', en: 'The file cannot be read.' });
  });

  it('leaves kinds it has no handler for to other workers', async () => {
    const id = await enqueueJob(db.db, 'test.other', {});
    const w = worker({ 'test.mine': async () => null });
    expect(await w.runOnce()).toBe(false);
    expect(await getJob(db.db, id)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('waits for the running job when stopped', async () => {
    const done = gate('finished');
    const id = await enqueueJob(db.db, 'test.stop', {});
    const w = worker({ 'test.stop': async () => done.opened });
    w.start();
    await until(
      () => getJob(db.db, id),
      (j) => j?.status === 'running',
    );
    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    // stop() cannot return before the handler does: it is still waiting for the gate.
    await waitFor(async () => (await getJob(db.db, id))?.status === 'running');
    expect(stopped).toBe(false);
    done.open();
    await stopping;
    expect(await getJob(db.db, id)).toMatchObject({ status: 'done', result: 'finished' });
  });
});
