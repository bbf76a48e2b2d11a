import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthSchema } from '../../contract/system.js';
import { migrationStatus } from '../../domain/installation.js';
import type { AppContext } from '../context.js';

export const healthRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/health',
      {
        config: { access: 'public' },
        schema: {
          tags: ['system'],
          summary: 'Liveness, database kind and migration state',
          response: { 200: healthSchema, 503: healthSchema },
        },
      },
      async (_req, reply) => {
        try {
          const m = await migrationStatus(ctx.database);
          const body = {
            status: m.pending.length === 0 ? ('ok' as const) : ('degraded' as const),
            db: ctx.database.kind,
            version: ctx.version,
            migrations: { applied: m.applied.length, pending: m.pending.length, latest: m.applied.at(-1) ?? null },
          };
          return reply.code(body.status === 'ok' ? 200 : 503).send(body);
        } catch {
          return reply.code(503).send({
            status: 'degraded' as const,
            db: ctx.database.kind,
            version: ctx.version,
            migrations: { applied: 0, pending: 0, latest: null },
          });
        }
      },
    );
  };
