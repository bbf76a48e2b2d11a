import type { FastifyInstance } from 'fastify';
import { csvImportJobHandler, IMPORT_JOB_KIND } from '../domain/imports/index.js';
import { JobWorker } from '../domain/jobs/index.js';
import type { AppContext } from './context.js';

/**
 * The background job worker of this app server: it claims queued jobs (FOR UPDATE SKIP LOCKED, so every server of
 * a scaled-out installation may run one) from when the app is ready until it closes. One place lists the job kinds
 * the server runs; the routes only enqueue.
 */
export function registerJobWorker(app: FastifyInstance, ctx: AppContext): JobWorker {
  const worker = new JobWorker(
    ctx.database.db,
    { [IMPORT_JOB_KIND]: csvImportJobHandler(ctx.database, ctx.evidenceStore) as never },
    { onError: (err) => ctx.logger?.error({ err }, 'background job worker') },
  );
  app.addHook('onReady', async () => worker.start());
  app.addHook('onClose', async () => worker.stop());
  return worker;
}
