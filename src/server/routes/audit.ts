import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditIntegrity, browseAudit } from '../../domain/audit-view.js';
import { attachmentDisposition } from '../../domain/exports/download-name.js';
import { neutraliseFormula } from '../../domain/publication/text-cell.js';
import type { AppContext } from '../context.js';

const entry = z.object({
  seq: z.number().int(),
  at: z.date(),
  actorUserId: z.number().int().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  orgUnitCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

const query = z.object({
  cursor: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  entityType: z.string().max(50).optional(),
  action: z.string().max(80).optional(),
  orgUnitCode: z.string().regex(/^\d{5}$/).optional(),
  actor: z.string().max(100).optional(),
});

function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  s = neutraliseFormula(s);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;
    const toQuery = (q: z.infer<typeof query>) => ({
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
          querystring: query,
          response: { 200: z.object({ entries: z.array(entry), nextCursor: z.number().int().nullable() }) },
        },
      },
      async (req) => browseAudit(db, req.principal, toQuery(req.query)),
    );

    app.get(
      '/api/v1/audit.csv',
      {
        config: { access: { roles: ['city_admin', 'auditor'] } },
        schema: { tags: ['audit'], summary: 'Audit log export (CSV, UTF-8 with BOM)', querystring: query.extend({ limit: z.coerce.number().int().min(1).max(100_000).default(10_000) }) },
      },
      async (req, reply) => {
        const { entries } = await browseAudit(db, req.principal, toQuery(req.query));
        const header = ['seq', 'at', 'actor', 'action', 'entity_type', 'entity_id', 'org_unit', 'before', 'after', 'reason', 'hash'];
        const lines = entries.map((e) =>
          [e.seq, e.at.toISOString(), e.actorLabel, e.action, e.entityType, e.entityId, e.orgUnitCode, e.before, e.after, e.reason, e.hash].map(csvCell).join(','),
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
          response: {
            200: z.object({
              ok: z.boolean(),
              entries: z.number().int(),
              lastHash: z.string(),
              problems: z.array(z.object({ seq: z.number().int(), problem: z.string(), detail: z.string() })),
            }),
          },
        },
      },
      async (req) => auditIntegrity(db, req.principal),
    );
  };
