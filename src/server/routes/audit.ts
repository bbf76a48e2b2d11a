import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { auditCsvQuery, auditPageSchema, auditQuery, auditVerificationSchema } from '../../contract/audit.js';
import { auditIntegrity, browseAudit } from '../../domain/audit-view.js';
import { auditCsv } from '../../domain/audit-csv.js';
import { attachmentDisposition } from '../../domain/exports/download-name.js';
import type { AppContext } from '../context.js';

export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;
    const toQuery = (q: z.infer<typeof auditQuery>) => ({
      ...(q.cursor !== undefined ? { beforeSeq: q.cursor } : {}),
      limit: q.limit,
      ...(q.entityType ? { entityType: q.entityType } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.orgUnitCode ? { orgUnitCode: q.orgUnitCode } : {}),
      ...(q.actor ? { actorLabel: q.actor } : {}),
    });

    app.get(
      '/api/v1/audit',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['audit'],
          summary: '감사 로그 / audit log, newest first (city admin and auditor: all; districts: their own)',
          querystring: auditQuery,
          response: { 200: auditPageSchema },
        },
      },
      async (req) => browseAudit(db, req.principal, toQuery(req.query)),
    );

    app.get(
      '/api/v1/audit.csv',
      {
        config: { access: { roles: ['city_admin', 'auditor'] } },
        schema: {
          tags: ['audit'],
          summary: '감사 로그 CSV / audit log export (CSV, UTF-8 with BOM; Korean headers, ?lang=en for English; times in KST)',
          querystring: auditCsvQuery,
        },
      },
      async (req, reply) => {
        const { entries } = await browseAudit(db, req.principal, toQuery(req.query));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachmentDisposition('audit-log.csv'))
          .send(auditCsv(entries, req.query.lang ?? 'ko'));
      },
    );

    app.get(
      '/api/v1/audit/verify',
      {
        config: { access: { roles: ['city_admin', 'auditor'] } },
        schema: {
          tags: ['audit'],
          summary: 'Verify the hash chain (same check as `hopejobs verify-audit`)',
          response: { 200: auditVerificationSchema },
        },
      },
      async (req) => auditIntegrity(db, req.principal),
    );
  };
