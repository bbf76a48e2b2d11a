import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { compareRuns, getRun, reproduceRun, runScoring, runsOfCycle, runView } from '../../domain/scoring/runs.js';
import { decideTie, decideTieInput } from '../../domain/scoring/ties.js';
import { messageSchema } from '../../message.js';
import type { AppContext } from '../context.js';

const year = z.coerce.number().int().min(2000).max(2100);
const runKind = z.enum(['trial', 'provisional', 'final']);
const cityOrAudit = { roles: ['city_admin', 'auditor'] as const };

const runListItem = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.string(),
  inputHash: z.string(),
  engineVersion: z.string(),
  progress: z.number(),
  note: z.string().nullable(),
  notices: z.unknown(),
  error: messageSchema.nullable().describe('why the run failed'),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

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
          params: z.object({ year }),
          body: z.object({
            kind: runKind,
            note: z.string().max(1000).nullish(),
            override: z.boolean().optional().describe('Run a provisional/final run although items are not verified (needs a reason)'),
            reason: z.string().max(2000).nullish(),
          }),
          response: {
            201: z.object({
              id: z.number().int(),
              kind: runKind,
              status: z.string(),
              inputHash: z.string(),
              engineVersion: z.string(),
              outcome: z.record(z.string(), z.unknown()),
              notices: z.record(z.string(), z.unknown()),
            }),
          },
        },
      },
      async (req, reply) => {
        const run = await runScoring(db, req.principal, req.params.year, req.body.kind, { note: req.body.note ?? null, override: req.body.override ?? false, reason: req.body.reason ?? null });
        return reply.code(201).send({ ...run, outcome: run.outcome as unknown as Record<string, unknown>, notices: run.notices as unknown as Record<string, unknown> });
      },
    );

    app.get(
      '/api/v1/cycles/:year/scoring-runs',
      {
        config: { access: cityOrAudit },
        schema: { tags: ['scoring'], summary: 'Scoring runs of a cycle, newest first', params: z.object({ year }), response: { 200: z.object({ runs: z.array(runListItem) }) } },
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
          params: z.object({ id: z.coerce.number().int() }),
          response: { 200: runListItem.extend({ input: z.unknown(), result: z.unknown(), ties: z.array(z.unknown()), tieBreakRules: z.array(z.unknown()) }) },
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
          params: z.object({ id: z.coerce.number().int() }),
          body: decideTieInput,
          response: { 200: z.object({ runId: z.number().int(), ties: z.array(z.unknown()) }) },
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
          params: z.object({ id: z.coerce.number().int() }),
          response: {
            200: z.object({
              runId: z.number().int(),
              identical: z.boolean(),
              storedHash: z.string(),
              recomputedHash: z.string(),
              engineVersion: z.object({ stored: z.string(), current: z.string() }),
              differences: z.array(z.object({ code: z.string(), field: z.string(), stored: z.unknown(), recomputed: z.unknown() })),
            }),
          },
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
          querystring: z.object({ from: z.coerce.number().int(), to: z.coerce.number().int() }),
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async (req) => (await compareRuns(db, req.principal, req.query.from, req.query.to)) as unknown as Record<string, unknown>,
    );
  };
