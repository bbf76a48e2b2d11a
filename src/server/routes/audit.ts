import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { auditCsvQuery, auditPageSchema, auditQuery, auditVerificationSchema } from '../../contract/audit.js';
import { auditIntegrity, browseAudit } from '../../domain/audit-view.js';
import { attachmentDisposition } from '../../domain/exports/download-name.js';
import { neutraliseFormula } from '../../domain/publication/text-cell.js';
import type { AppContext } from '../context.js';

function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  s = neutraliseFormula(s);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

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
        schema: { tags: ['audit'], summary: 'Audit log export (CSV, UTF-8 with BOM)', querystring: auditCsvQuery },
      },
      async (req, reply) => {
        const { entries } = await browseAudit(db, req.principal, toQuery(req.query));
        const header = ['seq', 'at', 'actor', 'action', 'entity_type', 'entity_id', 'org_unit', 'before', 'after', 'reason', 'hash'];
        const lines = entries.map((e) =>
          [e.seq, e.at.toISOString(), e.actorLabel, e.action, e.entityType, e.entityId, e.orgUnitCode, e.before, e.after, e.reason, e.hash]
            .map(csvCell)
            .join(','),
        );
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachmentDisposition('audit-log.csv'))
          .send(`\uFEFF${header.join(',')}\r\n${lines.join('\r\n')}\r\n`);
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
