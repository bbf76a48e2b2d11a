/**
 * Worker thread of the workbook import (started by xlsx-workers.ts): runs the two steps of xlsx-pipeline.ts for one
 * import at a time, keeping the read workbook between them. Errors go back as data (a DomainError keeps its kind,
 * code, bilingual message and problems).
 */
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../errors.js';
import type { ReadWorkbook } from './read-workbook.js';
import { checkReadWorkbook, readUploadedWorkbook } from './xlsx-pipeline.js';
import type { XlsxWorkerReply, XlsxWorkerRequest } from './xlsx-workers.js';

let current: ReadWorkbook | null = null;

async function handle(req: XlsxWorkerRequest): Promise<unknown> {
  if (req.op === 'read') {
    current = null;
    const { read, ids, rows } = await readUploadedWorkbook(
      Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength),
      req.recordTypes,
      req.limits,
    );
    current = read;
    return { ids, rows };
  }
  if (!current) throw new Error('validate before read');
  const read = current;
  current = null;
  return checkReadWorkbook(read, req.ctx, req.existing, req.maxProblems);
}

const port = parentPort;
if (port !== null) {
  port.on('message', (req: XlsxWorkerRequest) => {
    handle(req).then(
      (value) => port.postMessage({ ok: true, value } satisfies XlsxWorkerReply),
      (err: unknown) => {
        current = null;
        const error =
          err instanceof DomainError
            ? { domain: true as const, kind: err.kind, code: err.code, msg: err.msg, problems: err.problems, extra: err.extra }
            : { domain: false as const, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
        port.postMessage({ ok: false, error } satisfies XlsxWorkerReply);
      },
    );
  });
}
