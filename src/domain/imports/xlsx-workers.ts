import { Worker } from 'node:worker_threads';
import type { RecordType } from '../activities/record-types.js';
import { DomainError, type ErrorKind, type FieldProblem, type Message } from '../errors.js';
import type { DistrictCycle } from './import-context.js';
import type { CheckedWorkbook } from './xlsx-pipeline.js';
import type { ExistingRecord } from './validate-workbook.js';
import type { XlsxLimits } from './xlsx-safety.js';

/**
 * A small pool of worker threads for the CPU-bound part of workbook imports (xlsx-pipeline.ts). The server's event
 * loop only moves bytes and talks to the database; however hostile a workbook is, health checks and every other
 * request keep being answered. A worker holds one import at a time (its two steps run on the same thread); more
 * imports than workers wait their turn. A worker that runs out of its memory cap or time is stopped and replaced,
 * and the upload is refused.
 */
export interface XlsxWorkerOptions {
  /** Imports read at the same time (each on its own thread). */
  maxWorkers: number;
  /** Heap cap of one worker (V8 old generation), in MB. */
  maxMemoryMb: number;
  /** Longest one step may run before the worker is stopped and the upload refused. */
  timeoutMs: number;
  /** An idle worker is stopped after this long. */
  idleMs: number;
}

export const defaultXlsxWorkerOptions: XlsxWorkerOptions = { maxWorkers: 2, maxMemoryMb: 1024, timeoutMs: 120_000, idleMs: 60_000 };

export type XlsxWorkerRequest =
  | { op: 'read'; bytes: Uint8Array; recordTypes: RecordType[]; limits: XlsxLimits }
  | { op: 'validate'; ctx: DistrictCycle; existing: Map<number, ExistingRecord>; maxProblems: number };

type SerialisedError =
  { domain: true; kind: ErrorKind; code: string; msg: Message; problems: FieldProblem[]; extra: Record<string, unknown> } | { domain: false; message: string };

export type XlsxWorkerReply = { ok: true; value: unknown } | { ok: false; error: SerialisedError };

/** One import's use of a worker: step 1 (`read`), then step 2 (`validate`). */
export interface XlsxWorkerSession {
  read(bytes: Buffer, recordTypes: RecordType[], limits: XlsxLimits): Promise<{ ids: number[]; rows: number }>;
  validate(ctx: DistrictCycle, existing: Map<number, ExistingRecord>, maxProblems: number): Promise<CheckedWorkbook>;
}

let options = defaultXlsxWorkerOptions;

/** Sets the pool's options (the server does, from its configuration); workers already started keep theirs. */
export function configureXlsxWorkers(o: Partial<XlsxWorkerOptions>): void {
  options = { ...options, ...o };
}

interface Slot {
  worker: Worker;
  busy: boolean;
  idle: NodeJS.Timeout | null;
}

const slots: Slot[] = [];
const waiting: Array<(slot: Slot) => void> = [];

/** Starts a worker; TypeScript sources (dev, tests, `npm start`) are loaded through tsx's ESM hooks inside it. */
function startWorker(): Worker {
  const typescript = import.meta.url.endsWith('.ts');
  const workerUrl = new URL(`./xlsx-worker.${typescript ? 'ts' : 'js'}`, import.meta.url);
  const resourceLimits = { maxOldGenerationSizeMb: options.maxMemoryMb };
  if (!typescript) return new Worker(workerUrl, { resourceLimits });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}

function discard(slot: Slot): void {
  const i = slots.indexOf(slot);
  if (i >= 0) slots.splice(i, 1);
  if (slot.idle) clearTimeout(slot.idle);
  void slot.worker.terminate();
}

function acquire(): Promise<Slot> {
  const free = slots.find((s) => !s.busy);
  if (free) {
    if (free.idle) clearTimeout(free.idle);
    free.idle = null;
    free.busy = true;
    free.worker.ref();
    return Promise.resolve(free);
  }
  if (slots.length < Math.max(1, options.maxWorkers)) {
    const slot: Slot = { worker: startWorker(), busy: true, idle: null };
    // A worker that dies between imports (it should not) is simply dropped.
    slot.worker.on('error', () => discard(slot));
    slot.worker.on('exit', () => discard(slot));
    slots.push(slot);
    return Promise.resolve(slot);
  }
  return new Promise((resolve) => waiting.push(resolve));
}

function release(slot: Slot, healthy: boolean): void {
  if (!healthy) {
    discard(slot);
    // The place it held goes to the next import in line.
    const next = waiting.shift();
    if (next) void acquire().then(next);
    return;
  }
  const next = waiting.shift();
  if (next) {
    next(slot);
    return;
  }
  slot.busy = false;
  slot.worker.unref();
  slot.idle = setTimeout(() => discard(slot), options.idleMs);
  slot.idle.unref();
}

const tooBig = () =>
  new DomainError('invalid', 'xlsx_limit_exceeded', {
    ko: `엑셀 파일을 읽는 데 가져오기 한 건의 메모리 한도(${options.maxMemoryMb}MB)를 넘어 받지 않습니다. 자료가 많으면 실적 유형별 CSV로 나누어 올리세요.`,
    en: `Reading the workbook needs more than the memory one import may use (${options.maxMemoryMb} MB), so it is refused. Upload large data as one CSV per record type.`,
  });

const tooSlow = () =>
  new DomainError('invalid', 'xlsx_limit_exceeded', {
    ko: `엑셀 파일을 읽는 데 ${Math.round(options.timeoutMs / 1000)}초를 넘겨 받지 않습니다. 자료가 많으면 실적 유형별 CSV로 나누어 올리세요.`,
    en: `Reading the workbook took more than ${Math.round(options.timeoutMs / 1000)} s, so it is refused. Upload large data as one CSV per record type.`,
  });

class WorkerLost extends Error {}

/** Sends one request to a worker and waits for its reply, its death or the time limit. */
function call<T>(slot: Slot, req: XlsxWorkerRequest, transfer: ArrayBuffer[] = []): Promise<T> {
  const { worker } = slot;
  return new Promise<T>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: XlsxWorkerReply) => {
      done();
      if (reply.ok) resolve(reply.value as T);
      else if (reply.error.domain) {
        const e = reply.error;
        reject(new DomainError(e.kind, e.code, e.msg, e.problems, e.extra));
      } else reject(new Error(`workbook import worker: ${reply.error.message}`));
    };
    const onError = (err: Error & { code?: string }) => {
      done();
      reject(Object.assign(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooBig() : new WorkerLost(err.message), { lost: true }));
    };
    const onExit = (code: number) => {
      done();
      reject(Object.assign(new WorkerLost(`workbook import worker stopped (exit code ${code})`), { lost: true }));
    };
    const timer = setTimeout(() => {
      done();
      reject(Object.assign(tooSlow(), { lost: true }));
    }, options.timeoutMs);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(req, transfer);
  });
}

/**
 * Runs one workbook import's CPU-bound steps on a pooled worker thread: `fn` gets a session whose `read` and
 * `validate` run on that thread. A worker that failed (out of memory, too slow, crashed) is replaced.
 */
export async function withXlsxWorker<T>(fn: (session: XlsxWorkerSession) => Promise<T>): Promise<T> {
  const slot = await acquire();
  let healthy = true;
  const guarded = async <R>(p: Promise<R>): Promise<R> => {
    try {
      return await p;
    } catch (err) {
      if ((err as { lost?: boolean }).lost) healthy = false;
      throw err;
    }
  };
  try {
    return await fn({
      read(bytes, recordTypes, limits) {
        // A copy of its own goes to the worker (the caller's buffer may be a view of a larger one it still uses).
        const copy = new Uint8Array(bytes);
        return guarded(call(slot, { op: 'read', bytes: copy, recordTypes, limits }, [copy.buffer]));
      },
      validate(ctx, existing, maxProblems) {
        return guarded(call(slot, { op: 'validate', ctx, existing, maxProblems }));
      },
    });
  } finally {
    release(slot, healthy);
  }
}
