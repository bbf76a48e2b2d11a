import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pressRelease, savePressRelease } from '../../domain/publication/index.js';
import type { AppContext } from '../context.js';

const year = z.coerce.number().int().min(2000).max(2100);

export const publicationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;

    app.get(
      '/api/v1/cycles/:year/press-release',
      {
        config: { access: { roles: ['city_admin', 'auditor'] } },
        schema: {
          tags: ['publication'],
          summary: '보도자료 초안 / the press-release draft (generated from results and the winners’ activity records, or as edited)',
          params: z.object({ year }),
          response: { 200: z.object({ text: z.string(), edited: z.boolean(), version: z.number().int() }) },
        },
      },
      async (req) => pressRelease(db, req.principal, req.params.year),
    );

    app.put(
      '/api/v1/cycles/:year/press-release',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['publication'],
          summary: 'Save the edited press release (optimistic concurrency on version)',
          params: z.object({ year }),
          body: z.object({ text: z.string().min(1).max(100_000), version: z.number().int() }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await savePressRelease(db, req.principal, req.params.year, req.body.text, req.body.version);
        return reply.code(204).send(null);
      },
    );
  };
