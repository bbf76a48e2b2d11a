import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { yearParams } from '../../contract/common.js';
import {
  compareRunsQuery,
  decideTieBody,
  reproductionSchema,
  runComparisonSchema,
  runIdParams,
  runListSchema,
  runTiesSchema,
  runViewSchema,
  startedRunSchema,
  startRunBody,
} from '../../contract/scoring-runs.js';
import { compareRuns, getRun, reproduceRun, runScoring, runsOfCycle, runView } from '../../domain/scoring/runs.js';
import { decideTie } from '../../domain/scoring/ties.js';
import type { AppContext } from '../context.js';

const cityOrAudit = { roles: ['city_admin', 'auditor'] as const };

export const scoringRunRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;

    app.post(
      '/api/v1/cycles/:year/scoring-runs',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['scoring'],
          summary: 'Run the engine over a frozen snapshot of every input and store the result',
          params: yearParams,
          body: startRunBody,
          response: { 201: startedRunSchema },
        },
      },
      async (req, reply) => {
        const run = await runScoring(db, req.principal, req.params.year, req.body.kind, {
          note: req.body.note ?? null,
          override: req.body.override ?? false,
          reason: req.body.reason ?? null,
        });
        return reply.code(201).send(run);
      },
    );

    app.get(
      '/api/v1/cycles/:year/scoring-runs',
      {
        config: { access: cityOrAudit },
        schema: { tags: ['scoring'], summary: 'Scoring runs of a cycle, newest first', params: yearParams, response: { 200: runListSchema } },
      },
      async (req) => ({ runs: await runsOfCycle(db, req.principal, req.params.year) }),
    );

    app.get(
      '/api/v1/scoring-runs/:id',
      {
        config: { access: cityOrAudit },
        schema: {
          tags: ['scoring'],
          summary: 'A stored run: its snapshot (input), hash, engine version, result, notices and award ties',
          params: runIdParams,
          response: { 200: runViewSchema },
        },
      },
      async (req) => runView(await getRun(db, req.principal, req.params.id)),
    );

    app.post(
      '/api/v1/scoring-runs/:id/ties',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['scoring'],
          summary: 'Decide a tie beyond a tier’s places: award all, leave the places empty, or break it by a framework rule',
          params: runIdParams,
          body: decideTieBody,
          response: { 200: runTiesSchema },
        },
      },
      async (req) => decideTie(db, req.principal, req.params.id, req.body),
    );

    app.post(
      '/api/v1/scoring-runs/:id/reproduce',
      {
        config: { access: cityOrAudit },
        schema: {
          tags: ['scoring'],
          summary: 'Re-run a stored run from its own snapshot and compare (identical = byte-equal)',
          params: runIdParams,
          response: { 200: reproductionSchema },
        },
      },
      async (req) => reproduceRun(db, req.principal, req.params.id),
    );

    app.get(
      '/api/v1/scoring-runs/compare',
      {
        config: { access: cityOrAudit },
        schema: {
          tags: ['scoring'],
          summary: 'What changed between two runs and which inputs caused it',
          querystring: compareRunsQuery,
          response: { 200: runComparisonSchema },
        },
      },
      async (req) => compareRuns(db, req.principal, req.query.from, req.query.to),
    );
  };
