import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { noContent, yearParams } from '../../contract/common.js';
import { pressReleaseBody, pressReleaseSchema } from '../../contract/publication.js';
import { pressRelease, savePressRelease } from '../../domain/publication/index.js';
import type { AppContext } from '../context.js';

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
          params: yearParams,
          response: { 200: pressReleaseSchema },
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
          params: yearParams,
          body: pressReleaseBody,
          response: { 204: noContent },
        },
      },
      async (req, reply) => {
        await savePressRelease(db, req.principal, req.params.year, req.body.text, req.body.version);
        return reply.code(204).send(null);
      },
    );
  };
