import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { noContent, yearParams } from '../../contract/common.js';
import { createCycleBody, cycleDetailSchema, cycleListSchema, cycleSchema, deadlineBody, deadlineParams, transitionBody } from '../../contract/cycles.js';
import { browseCycles, createCycle, cycleDetail, setCycleDeadline, transitionCycle } from '../../domain/cycles.js';
import type { AppContext } from '../context.js';

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
        schema: { tags: ['cycles'], summary: '평가 주기 목록 / all cycles with their stage', response: { 200: cycleListSchema } },
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
          body: createCycleBody,
          response: { 201: cycleSchema },
        },
      },
      async (req, reply) => reply.code(201).send(toCycle(await createCycle(db, req.principal, req.body))),
    );

    app.get(
      '/api/v1/cycles/:year',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['cycles'],
          summary: 'Stage, counts, deadlines and what blocks the next stage',
          params: yearParams,
          response: { 200: cycleDetailSchema },
        },
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
          params: yearParams,
          body: transitionBody,
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
          params: deadlineParams,
          body: deadlineBody,
          response: { 204: noContent },
        },
      },
      async (req, reply) => {
        await setCycleDeadline(db, req.principal, req.params.year, req.params.stage, req.body.dueAt);
        return reply.code(204).send(null);
      },
    );
  };
