import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { orgUnitListSchema } from '../../contract/org-units.js';
import { listOrgUnits, unitWords } from '../../domain/org-units.js';
import type { AppContext } from '../context.js';

export const orgUnitRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/org-units',
      {
        config: { access: 'public' },
        schema: {
          tags: ['org-units'],
          summary: 'The evaluating administration and its units (자치구, 시·군), with the latest population and the words the units are called by',
          response: { 200: orgUnitListSchema },
        },
      },
      async () => {
        const rows = await listOrgUnits(ctx.database.db);
        return { orgUnits: rows.map(({ id: _id, ...r }) => r), words: await unitWords(ctx.database.db) };
      },
    );
  };
