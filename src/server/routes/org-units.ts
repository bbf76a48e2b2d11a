import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { orgUnitListSchema } from '../../contract/org-units.js';
import { listOrgUnits } from '../../domain/org-units.js';
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
          summary: 'The city and its districts (자치구), with the latest population',
          response: { 200: orgUnitListSchema },
        },
      },
      async () => {
        const rows = await listOrgUnits(ctx.database.db);
        return { orgUnits: rows.map(({ id: _id, ...r }) => r) };
      },
    );
  };
