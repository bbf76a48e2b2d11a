import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { browseCycles, createCycle, cycleDetail, cycleStatuses, setCycleDeadline, transitionCycle } from '../../domain/cycles.js';
import type { AppContext } from '../context.js';

const year = z.coerce.number().int().min(2000).max(2100);
const bilingual = z.object({ ko: z.string(), en: z.string() });

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

export const blockingListSchema = z.object({
  total: z.number().int(),
  truncated: z.boolean(),
  items: z.array(z.object({ district: z.object({ code: z.string(), name: z.string() }), indicator: z.object({ code: z.string(), name: bilingual }), status: z.string() })),
});

const detailSchema = z.object({
  year: z.number().int(),
  title: z.string(),
  status: z.enum(cycleStatuses),
  stageName: bilingual,
  next: z.enum(cycleStatuses).nullable(),
  version: z.number().int(),
  isDemo: z.boolean(),
  dataPeriodStart: z.string(),
  dataPeriodEnd: z.string(),
  publishedAt: z.date().nullable(),
  counts: z.object({
    submissions: z.record(z.string(), z.number()),
    reviews: z.record(z.string(), z.number()),
    objections: z.record(z.string(), z.number()),
  }),
  deadlines: z.array(z.object({ stage: z.string(), dueAt: z.date() })),
  blockers: z.array(z.object({ code: z.string(), overridable: z.boolean(), message: bilingual, blocking: blockingListSchema.nullable() })),
  /** Every item counted by status (never-started ones included); city admin and auditor only. */
  gate: z
    .object({
      submissions: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()) }),
      reviews: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()) }),
    })
    .nullable(),
});

const toCycle = (c: z.infer<typeof cycleSchema>) => ({
  year: c.year,
  title: c.title,
  dataPeriodStart: c.dataPeriodStart,
  dataPeriodEnd: c.dataPeriodEnd,
  status: c.status,
  isDemo: c.isDemo,
  publishedAt: c.publishedAt,
  version: c.version,
});

export const cycleRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;

    app.get(
      '/api/v1/cycles',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['cycles'], summary: '평가 주기 목록 / all cycles with their stage', response: { 200: z.object({ cycles: z.array(cycleSchema) }) } },
      },
      async (req) => ({ cycles: (await browseCycles(db, req.principal)).map(toCycle) }),
    );

    app.post(
      '/api/v1/cycles',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['cycles'],
          summary: 'Create a cycle (draft), with a framework copied from another year or the shipped one',
          body: z.object({
            year,
            title: z.string().min(1).max(200).optional(),
            dataPeriodStart: z.iso.date().optional(),
            dataPeriodEnd: z.iso.date().optional(),
            copyFromYear: year.nullish(),
          }),
          response: { 201: cycleSchema },
        },
      },
      async (req, reply) => reply.code(201).send(toCycle(await createCycle(db, req.principal, req.body))),
    );

    app.get(
      '/api/v1/cycles/:year',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['cycles'], summary: 'Stage, counts, deadlines and what blocks the next stage', params: z.object({ year }), response: { 200: detailSchema } },
      },
      async (req) => cycleDetail(db, req.principal, req.params.year),
    );

    app.post(
      '/api/v1/cycles/:year/transition',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['cycles'],
          summary: 'Move the cycle to its next stage (guards; overrides need a reason)',
          params: z.object({ year }),
          body: z.object({
            to: z.enum(cycleStatuses),
            version: z.number().int(),
            override: z.boolean().optional(),
            reason: z.string().max(2000).nullish(),
          }),
          response: { 200: cycleSchema },
        },
      },
      async (req) => toCycle(await transitionCycle(db, req.principal, req.params.year, req.body)),
    );

    app.put(
      '/api/v1/cycles/:year/deadlines/:stage',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['cycles'],
          summary: 'Set the deadline of a stage',
          params: z.object({ year, stage: z.enum(cycleStatuses) }),
          body: z.object({ dueAt: z.coerce.date() }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await setCycleDeadline(db, req.principal, req.params.year, req.params.stage, req.body.dueAt);
        return reply.code(204).send(null);
      },
    );
  };
