import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  decideObjection,
  fileObjection,
  getObjection,
  listObjections,
  provisionalResults,
  provisionalScorecard,
  withdrawObjection,
} from '../../domain/objections/index.js';
import type { AppContext } from '../context.js';
import { bilingual, districtCode, indicatorParam, year } from './submissions.js';

const readers = { roles: ['city_admin', 'auditor', 'district_officer', 'district_approver'] as const };
const districtMembers = { roles: ['district_officer', 'district_approver'] as const };
const id = z.coerce.number().int().positive();

const objectionSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  district: z.object({ code: z.string(), name: z.string() }),
  indicator: z.object({ code: z.string(), name: bilingual.nullable() }),
  runId: z.number().int().nullable(),
  provisionalValue: z.number().nullable(),
  reason: z.string(),
  requestedValue: z.number().nullable(),
  evidence: z.object({ id: z.number().int(), originalName: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string() }).nullable(),
  status: z.enum(['filed', 'accepted', 'rejected', 'withdrawn']),
  decisionReason: z.string().nullable(),
  correctedValue: z.number().nullable(),
  filedBy: z.string().nullable(),
  filedAt: z.date(),
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  version: z.number().int(),
});

const scorecardSchema = z.object({
  code: z.string(),
  name: z.string(),
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  fields: z.array(z.object({ code: z.string(), name: bilingual, score: z.number().nullable() })),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: bilingual,
      field: z.string(),
      kind: z.string(),
      unit: z.string(),
      points: z.number(),
      value: z.number().nullable(),
      normalised: z.number().nullable(),
      earned: z.number().nullable(),
    }),
  ),
  explanation: bilingual,
});

export const objectionRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;

    app.get(
      '/api/v1/cycles/:year/provisional-results',
      {
        config: { access: readers },
        schema: {
          tags: ['objections'],
          summary: '가결과 / the latest provisional run: every district’s score and rank, full scorecards of your own district only',
          params: z.object({ year }),
          response: {
            200: z.object({
              year: z.number().int(),
              cycleStatus: z.string(),
              runId: z.number().int(),
              runCreatedAt: z.date(),
              objectionsDueAt: z.date().nullable(),
              tiers: z.array(z.object({ code: z.string(), name: bilingual })),
              units: z.array(
                z.object({
                  code: z.string(),
                  name: z.string(),
                  score: z.number().nullable(),
                  baseScore: z.number().nullable(),
                  bonus: z.number(),
                  penalty: z.number(),
                  rank: z.number().int().nullable(),
                  previousRank: z.number().int().nullable(),
                  awardTier: z.string().nullable(),
                }),
              ),
              scorecards: z.array(scorecardSchema),
            }),
          },
        },
      },
      async (req) => provisionalResults(db, req.principal, req.params.year),
    );

    app.get(
      '/api/v1/cycles/:year/provisional-results/districts/:code',
      {
        config: { access: readers },
        schema: {
          tags: ['objections'],
          summary: 'One district’s full provisional scorecard (your own district; the city and the auditor: any)',
          params: z.object({ year, code: districtCode }),
          response: { 200: scorecardSchema.extend({ runId: z.number().int() }) },
        },
      },
      async (req) => provisionalScorecard(db, req.principal, req.params.year, req.params.code),
    );

    app.post(
      '/api/v1/cycles/:year/objections',
      {
        config: { access: districtMembers },
        schema: {
          tags: ['objections'],
          summary: '이의신청 / file an objection to one indicator of your district’s provisional result, before the objection deadline',
          params: z.object({ year }),
          body: z.object({
            district: districtCode,
            indicator: indicatorParam,
            reason: z.string().min(1).max(4000),
            requestedValue: z.number().finite().nullable().optional(),
            evidenceId: z.number().int().positive().nullable().optional(),
          }),
          response: { 201: objectionSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await fileObjection(db, req.principal, req.params.year, req.body)),
    );

    app.get(
      '/api/v1/cycles/:year/objections',
      {
        config: { access: readers },
        schema: {
          tags: ['objections'],
          summary: 'Objections of a cycle with status, decision, reasons and timestamps (districts: their own)',
          params: z.object({ year }),
          querystring: z.object({ district: districtCode.optional() }),
          response: { 200: z.object({ objections: z.array(objectionSchema) }) },
        },
      },
      async (req) => ({ objections: await listObjections(db, req.principal, req.params.year, { district: req.query.district }) }),
    );

    app.get(
      '/api/v1/objections/:id',
      {
        config: { access: readers },
        schema: { tags: ['objections'], summary: 'One objection', params: z.object({ id }), response: { 200: objectionSchema } },
      },
      async (req) => getObjection(db, req.principal, req.params.id),
    );

    app.post(
      '/api/v1/objections/:id/decide',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['objections'],
          summary: 'Decide an objection: accept with a corrected value (used by the final run) or reject with a reason',
          params: z.object({ id }),
          body: z.object({
            decision: z.enum(['accept', 'reject']),
            version: z.number().int().min(1),
            correctedValue: z.number().finite().nullable().optional(),
            reason: z.string().max(4000).nullable().optional(),
          }),
          response: { 200: objectionSchema },
        },
      },
      async (req) => decideObjection(db, req.principal, req.params.id, req.body),
    );

    app.post(
      '/api/v1/objections/:id/withdraw',
      {
        config: { access: districtMembers },
        schema: {
          tags: ['objections'],
          summary: 'Withdraw your district’s open objection',
          params: z.object({ id }),
          body: z.object({ version: z.number().int().min(1) }),
          response: { 200: objectionSchema },
        },
      },
      async (req) => withdrawObjection(db, req.principal, req.params.id, req.body),
    );
  };
