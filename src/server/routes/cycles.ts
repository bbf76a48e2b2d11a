import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listCycles } from '../../db/repositories/cycles.js';
import { cycleStatuses } from '../../db/schema.js';
import type { AppContext } from '../context.js';

export const cycleSchema = z.object({
  year: z.number().int(),
  title: z.string(),
  dataPeriodStart: z.string(),
  dataPeriodEnd: z.string(),
  status: z.enum(cycleStatuses),
  isDemo: z.boolean(),
  publishedAt: z.date().nullable(),
  version: z.number().int(),
});

export const cycleRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/cycles',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['cycles'], summary: '평가 주기 목록 / all cycles with their stage', response: { 200: z.object({ cycles: z.array(cycleSchema) }) } },
      },
      async () => ({
        cycles: (await listCycles(ctx.database.db)).map((c) => ({
          year: c.year,
          title: c.title,
          dataPeriodStart: c.dataPeriodStart,
          dataPeriodEnd: c.dataPeriodEnd,
          status: c.status,
          isDemo: c.isDemo,
          publishedAt: c.publishedAt,
          version: c.version,
        })),
      }),
    );
  };
