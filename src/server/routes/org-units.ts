import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listOrgUnits } from '../../domain/org-units.js';
import type { AppContext } from '../context.js';

export const orgUnitSchema = z.object({
  code: z.string().describe('Administrative code, e.g. 11215'),
  name: z.string(),
  nameEn: z.string(),
  kind: z.enum(['city', 'district']),
  parentCode: z.string().nullable(),
  population: z.number().int().nullable(),
  populationYear: z.number().int().nullable(),
});

export const orgUnitRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/org-units',
      {
        config: { access: 'public' },
        schema: {
          tags: ['org-units'],
          summary: 'The city and its districts (자치구), with the latest population',
          response: { 200: z.object({ orgUnits: z.array(orgUnitSchema) }) },
        },
      },
      async () => {
        const rows = await listOrgUnits(ctx.database.db);
        return { orgUnits: rows.map(({ id: _id, ...r }) => r) };
      },
    );
  };
