import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { compareFrameworks, copyFramework, listVersions, readFramework, saveFramework } from '../../domain/frameworks/service.js';
import type { AppContext } from '../context.js';

const year = z.coerce.number().int().min(2000).max(2100);

const frameworkView = z.object({
  cycleYear: z.number().int(),
  version: z.number().int(),
  rowVersion: z.number().int(),
  frozen: z.boolean(),
  frozenAt: z.date().nullable(),
  reason: z.string().nullable(),
  createdAt: z.date(),
  definitionHash: z.string(),
  definition: z.record(z.string(), z.unknown()).describe('FrameworkDefinition (fields, indicators, adjustments, awards, prizes)'),
});

export const frameworkRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;

    app.get(
      '/api/v1/cycles/:year/framework',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['frameworks'],
          summary: '평가 체계 (the current version, or ?version=N)',
          params: z.object({ year }),
          querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
          response: { 200: frameworkView },
        },
      },
      async (req) => readFramework(db, req.principal, req.params.year, req.query.version),
    );

    app.get(
      '/api/v1/cycles/:year/framework/versions',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['frameworks'],
          summary: 'All versions of a cycle’s framework, newest first',
          params: z.object({ year }),
          response: {
            200: z.object({
              versions: z.array(
                z.object({ version: z.number().int(), frozenAt: z.date().nullable(), reason: z.string().nullable(), createdAt: z.date(), definitionHash: z.string() }),
              ),
            }),
          },
        },
      },
      async (req) => ({ versions: await listVersions(db, req.principal, req.params.year) }),
    );

    app.put(
      '/api/v1/cycles/:year/framework',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['frameworks'],
          summary: 'Save the framework (in place while a draft; a new version with a reason once frozen)',
          params: z.object({ year }),
          body: z.object({ definition: z.unknown(), rowVersion: z.number().int().min(0), reason: z.string().max(2000).nullish() }),
          response: { 200: frameworkView },
        },
      },
      async (req) => saveFramework(db, req.principal, req.params.year, req.body),
    );

    app.post(
      '/api/v1/cycles/:year/framework/copy',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['frameworks'],
          summary: 'Copy another year’s framework into this cycle (e.g. 2018 → 2019)',
          params: z.object({ year }),
          body: z.object({ fromYear: year, reason: z.string().max(2000).nullish() }),
          response: { 200: frameworkView },
        },
      },
      async (req) => copyFramework(db, req.principal, req.body.fromYear, req.params.year, req.body.reason),
    );

    app.get(
      '/api/v1/frameworks/diff',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['frameworks'],
          summary: 'Readable diff of two frameworks: added, removed, changed indicators and points',
          querystring: z.object({
            from: year,
            to: year,
            fromVersion: z.coerce.number().int().min(1).optional(),
            toVersion: z.coerce.number().int().min(1).optional(),
          }),
          response: {
            200: z.object({
              added: z.array(z.record(z.string(), z.unknown())),
              removed: z.array(z.record(z.string(), z.unknown())),
              changed: z.array(
                z.object({
                  code: z.string(),
                  field: z.string(),
                  name: z.object({ ko: z.string(), en: z.string() }),
                  changes: z.array(z.object({ property: z.string(), before: z.unknown(), after: z.unknown() })),
                }),
              ),
              fields: z.object({
                added: z.array(z.string()),
                removed: z.array(z.string()),
                pointsBefore: z.record(z.string(), z.number()),
                pointsAfter: z.record(z.string(), z.number()),
              }),
              awardsChanged: z.boolean(),
              prizesChanged: z.boolean(),
              adjustmentsChanged: z.boolean(),
              summary: z.object({ ko: z.array(z.string()), en: z.array(z.string()) }),
            }),
          },
        },
      },
      async (req) =>
        compareFrameworks(db, req.principal, { year: req.query.from, version: req.query.fromVersion }, { year: req.query.to, version: req.query.toVersion }),
    );
  };
