/**
 * Builds scorecard PDFs and results workbooks off the main thread, so that no anonymous request blocks the event
 * loop (DESIGN.md, runtime rules): a fixed number of worker threads, started when first needed and kept for the
 * next job, and a first-in-first-out queue of jobs. The queue needs no bound of its own: the callers build each
 * published file at most once per publication state (src/server/public-files.ts), so it never holds more jobs than
 * there are published files.
 *
 * An idle worker does not keep the process alive (it is unref'd); a worker that dies fails its job and is replaced
 * by the next job.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../engine/node.js';
import { renderFile, type RenderJob } from './render-job.js';
import type { RenderWorkerMessage } from './render-worker.js';

/** What builds the files: a pool of worker threads in the server, this thread in the CLI. */
export interface FileRenderer {
  render(job: RenderJob): Promise<Buffer>;
  close(): Promise<void>;
}

/** Builds in the calling thread (CLI, one-off scripts), where blocking the event loop harms no one. */
export const inThreadRenderer: FileRenderer = { render: renderFile, close: async () => undefined };

/**
 * Worker threads by default: one core is left to the event loop (which answers every other request), so on a
 * two-core machine one worker; at most four, since the files are built once per publication and rarely in bulk.
 */
export function defaultRenderThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

interface Task {
  job: RenderJob;
  resolve(bytes: Buffer): void;
  reject(error: Error): void;
}

export class RenderPool implements FileRenderer {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly queue: Task[] = [];
  private closed = false;

  constructor(private readonly threads: number = defaultRenderThreads()) {}

  render(job: RenderJob): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('render pool closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts the workers now rather than on the first job, so that the first visitor after a start does not wait for
   * a thread to load the PDF and workbook libraries (the server calls this once it listens).
   */
  warm(): void {
    while (!this.closed && this.size < this.threads) {
      const worker = this.start();
      worker.unref();
      this.idle.push(worker);
    }
  }

  /** Workers started so far and not stopped (for tests and metrics). */
  get size(): number {
    return this.idle.length + this.busy.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error('render pool closed'));
    const workers = [...this.idle, ...this.busy.keys()];
    for (const [, t] of this.busy) t.reject(new Error('render pool closed'));
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.size < this.threads ? this.start() : undefined);
      if (!worker) return;
      const task = this.queue.shift()!;
      this.busy.set(worker, task);
      worker.ref();
      worker.postMessage(task.job);
    }
  }

  private start(): Worker {
    const worker = startModuleWorker('render-worker', import.meta.url);
    worker.on('message', (m: RenderWorkerMessage) => {
      const task = this.busy.get(worker);
      if (!task) return;
      this.busy.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if (m.ok) task.resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
      else task.reject(new Error(`render worker failed: ${m.message}`));
      this.pump();
    });
    const lost = (error: Error) => {
      const task = this.busy.get(worker);
      this.busy.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
      task?.reject(error);
      if (!this.closed) this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`render worker stopped (exit code ${code})`)));
    return worker;
  }
}
