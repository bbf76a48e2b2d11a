import type { FastifyInstance } from 'fastify';
import { systemPrincipal } from '../domain/authz.js';
import { csvImportJobHandler, IMPORT_JOB_KIND } from '../domain/imports/index.js';
import { JobWorker, type JobHandlers } from '../domain/jobs/index.js';
import { EMAIL_JOB_KIND, emailDispatchJobHandler, requestEmailDispatch } from '../domain/notifications/email/index.js';
import type { AppContext } from './context.js';

/** How often each app server asks for an e-mail run while e-mail is configured (a run already waiting is not doubled). */
const EMAIL_DISPATCH_EVERY_MS = 30_000;

/**
 * The background job worker of this app server: it claims queued jobs (FOR UPDATE SKIP LOCKED, so every server of
 * a scaled-out installation may run one) from when the app is ready until it closes. One place lists the job kinds
 * the server runs; the routes only enqueue. With an SMTP server configured it also sends e-mail: it enqueues an
 * e-mail run every half minute (queue what is due, send what waits, retry what was refused).
 */
export function registerJobWorker(app: FastifyInstance, ctx: AppContext): JobWorker {
  const handlers: JobHandlers = { [IMPORT_JOB_KIND]: csvImportJobHandler(ctx.database, ctx.evidenceStore) as never };
  const mail = ctx.mail;
  if (mail) handlers[EMAIL_JOB_KIND] = emailDispatchJobHandler(ctx.database.db, systemPrincipal, mail) as never;
  const worker = new JobWorker(ctx.database.db, handlers, { onError: (err) => ctx.logger?.error({ err }, 'background job worker') });
  let trigger: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    worker.start();
    if (mail) {
      const request = () => void requestEmailDispatch(ctx.database.db).catch((err: unknown) => ctx.logger?.warn({ err }, 'e-mail run not queued'));
      trigger = setInterval(request, EMAIL_DISPATCH_EVERY_MS);
      trigger.unref();
      request();
    }
  });
  app.addHook('onClose', async () => {
    if (trigger) clearInterval(trigger);
    await worker.stop();
    mail?.mailer.close();
  });
  return worker;
}
