import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  decideObjection,
  fileObjection,
  getObjection,
  listObjections,
  objectionSettings,
  provisionalResults,
  provisionalScorecard,
  replyToObjection,
  setObjectionSettings,
  withdrawObjection,
} from '../../domain/objections/index.js';
import type { AppContext } from '../context.js';
import { bilingual, districtCode, indicatorParam, year } from './submissions.js';

// Committee members may hold any role (or a reviewer's), so reading and deciding are checked in the domain services.
const participants = 'authenticated' as const;
const districtMembers = { roles: ['district_officer', 'district_approver'] as const };
const id = z.coerce.number().int().positive();
/** Reasons, replies and decisions: enough for a page of argument, bounded for storage and display. */
const text = z.string().min(1).max(4000);
const evidenceId = z.number().int().positive().nullable().optional();

const evidenceSchema = z.object({ id: z.number().int(), originalName: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string() });
const unitRef = z.object({ code: z.string(), name: z.string() });
const scheduleSchema = z.object({ filingDueAt: z.date().nullable(), replyDueAt: z.date().nullable(), decisionDueAt: z.date().nullable() });

const objectionSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  district: unitRef.describe('The district whose figure is contested'),
  filer: unitRef.describe('The district that filed (the same as district when it contests its own figure)'),
  indicator: z.object({ code: z.string(), name: bilingual.nullable(), kind: z.string().nullable(), unit: z.string().nullable() }),
  runId: z.number().int().nullable(),
  provisionalValue: z.number().nullable(),
  reason: z.string(),
  requestedValue: z.number().nullable(),
  evidence: evidenceSchema.nullable(),
  reply: z.object({ text: z.string(), evidence: evidenceSchema.nullable(), by: z.string().nullable(), at: z.date() }).nullable(),
  status: z.enum(['filed', 'accepted', 'rejected', 'withdrawn']),
  stage: z.enum(['awaiting_reply', 'awaiting_decision', 'decided', 'withdrawn']),
  decisionReason: z.string().nullable(),
  correctedValue: z.number().nullable(),
  reopenedReviews: z.number().int().nullable().describe('Accepted on a qualitative item: score sheets reopened for the panel'),
  filedBy: z.string().nullable(),
  filedAt: z.date(),
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  version: z.number().int(),
  actions: z.object({ reply: z.boolean(), decide: z.boolean(), withdraw: z.boolean() }).describe('What the caller may do now'),
});

const settingsSchema = z.object({
  year: z.number().int(),
  schedule: scheduleSchema,
  committee: z.array(z.object({ username: z.string(), displayName: z.string() })),
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
        config: { access: participants },
        schema: {
          tags: ['objections'],
          summary: '가결과 / the latest provisional run: every district’s score, rank and full scorecard, and the objection deadlines',
          params: z.object({ year }),
          response: {
            200: z.object({
              year: z.number().int(),
              cycleStatus: z.string(),
              runId: z.number().int(),
              runCreatedAt: z.date(),
              objectionsDueAt: z.date().nullable(),
              schedule: scheduleSchema,
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
        config: { access: participants },
        schema: {
          tags: ['objections'],
          summary: 'One district’s full provisional scorecard',
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
          summary: '이의신청 / file an objection to one indicator of any district’s provisional result (yours or another’s), before the filing deadline',
          params: z.object({ year }),
          body: z.object({
            district: districtCode.describe('The district whose figure you contest'),
            indicator: indicatorParam,
            reason: text,
            requestedValue: z.number().finite().nullable().optional().describe("Checked against the indicator's bounds and unit"),
            evidenceId,
            filer: districtCode.nullable().optional().describe('The district you file for, when you speak for several'),
          }),
          response: { 201: objectionSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await fileObjection(db, req.principal, req.params.year, req.body)),
    );

    app.get(
      '/api/v1/cycles/:year/objections',
      {
        config: { access: participants },
        schema: {
          tags: ['objections'],
          summary: 'Objections of a cycle with stage, reply, decision, reasons and timestamps (districts: those filed by or against them)',
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
        config: { access: participants },
        schema: { tags: ['objections'], summary: 'One objection', params: z.object({ id }), response: { 200: objectionSchema } },
      },
      async (req) => getObjection(db, req.principal, req.params.id),
    );

    app.post(
      '/api/v1/objections/:id/decide',
      {
        config: { access: participants },
        schema: {
          tags: ['objections'],
          summary:
            'Decide an objection with a reason (the city, or the cycle’s committee; never about your own district or filing): accept with a corrected value, or on a panel-scored item reopen it for re-review; or reject',
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
      '/api/v1/objections/:id/reply',
      {
        config: { access: districtMembers },
        schema: {
          tags: ['objections'],
          summary: '답변 / the contested district replies to an objection another district filed, within the reply window',
          params: z.object({ id }),
          body: z.object({ version: z.number().int().min(1), text, evidenceId }),
          response: { 200: objectionSchema },
        },
      },
      async (req) => replyToObjection(db, req.principal, req.params.id, req.body),
    );

    app.get(
      '/api/v1/cycles/:year/objection-settings',
      {
        config: { access: participants },
        schema: { tags: ['objections'], summary: 'The objection deadlines (filing, reply, decision) and the deciding committee', params: z.object({ year }), response: { 200: settingsSchema } },
      },
      async (req) => objectionSettings(db, req.principal, req.params.year),
    );

    app.put(
      '/api/v1/cycles/:year/objection-settings',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['objections'],
          summary: 'Set the objection deadlines and, optionally, a committee of named users who decide instead of the city admins',
          params: z.object({ year }),
          body: z.object({
            filingDueAt: z.coerce.date(),
            replyDueAt: z.coerce.date(),
            decisionDueAt: z.coerce.date(),
            committee: z.array(z.string().min(1).max(64)).max(50).default([]),
          }),
          response: { 200: settingsSchema },
        },
      },
      async (req) => setObjectionSettings(db, req.principal, req.params.year, req.body),
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
