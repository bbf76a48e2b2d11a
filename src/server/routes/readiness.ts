import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readySchema } from '../../contract/system.js';
import { migrationStatus, readMigrations } from '../../domain/installation.js';
import type { AppContext } from '../context.js';

const READY_TIMEOUT_MS = 2000;

/**
 * For load balancers: 200 when this server can serve (database answers within 2 s, every migration applied), 503
 * otherwise, so traffic moves to another server. `GET /api/v1/health` keeps its own stable contract.
 */
export const readinessRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const migrations = readMigrations();
    app.get(
      '/api/v1/health/ready',
      {
        config: { access: 'public' },
        schema: {
          tags: ['system'],
          summary: 'Readiness for a load balancer: database reachable and migrations applied (200), else 503',
          response: { 200: readySchema, 503: readySchema },
        },
      },
      async (_req, reply) => {
        reply.header('cache-control', 'no-store');
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), READY_TIMEOUT_MS);
        });
        const status = await Promise.race([migrationStatus(ctx.database, migrations).catch(() => null), timeout]).finally(() => clearTimeout(timer));
        if (!status) {
          return reply.code(503).send({ status: 'not_ready' as const, checks: { database: 'unreachable' as const, migrations: 'unknown' as const } });
        }
        const migrated = status.pending.length === 0;
        return reply.code(migrated ? 200 : 503).send({
          status: migrated ? ('ready' as const) : ('not_ready' as const),
          checks: { database: 'ok' as const, migrations: migrated ? ('ok' as const) : ('pending' as const) },
        });
      },
    );
  };
