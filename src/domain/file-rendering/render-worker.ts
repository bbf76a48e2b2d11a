/**
 * Worker thread of the render pool (render-pool.ts): builds one file per message and posts its bytes back,
 * transferred rather than copied. A failure is posted as a message; the worker stays up for the next job.
 */
import { parentPort } from 'node:worker_threads';
import { renderFile, type RenderJob } from './render-job.js';

export type RenderWorkerMessage = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

const port = parentPort;
if (port !== null) {
  port.on('message', (job: RenderJob) => {
    renderFile(job).then(
      (buf) => {
        // A Buffer may view a shared pool slab: copy it into an ArrayBuffer of its own, which can be transferred.
        const bytes = new Uint8Array(buf);
        port.postMessage({ ok: true, bytes } satisfies RenderWorkerMessage, [bytes.buffer]);
      },
      (e: unknown) => port.postMessage({ ok: false, message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies RenderWorkerMessage),
    );
  });
}
