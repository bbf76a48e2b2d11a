import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { yearParams } from '../../contract/common.js';
import {
  decideObjectionBody,
  fileObjectionBody,
  objectionIdParams,
  objectionListQuery,
  objectionListSchema,
  objectionSchema,
  objectionSettingsBody,
  objectionSettingsSchema,
  provisionalResultsSchema,
  provisionalScorecardParams,
  replyObjectionBody,
  runScorecardSchema,
  withdrawObjectionBody,
} from '../../contract/objections.js';
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

// Committee members may hold any role (or a reviewer's), so reading and deciding are checked in the domain services.
const participants = 'authenticated' as const;
const districtMembers = { roles: ['district_officer', 'district_approver'] as const };
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
          params: yearParams,
          response: { 200: provisionalResultsSchema },
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
          params: provisionalScorecardParams,
          response: { 200: runScorecardSchema },
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
          params: yearParams,
          body: fileObjectionBody,
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
          params: yearParams,
          querystring: objectionListQuery,
          response: { 200: objectionListSchema },
        },
      },
      async (req) => ({ objections: await listObjections(db, req.principal, req.params.year, { district: req.query.district }) }),
    );

    app.get(
      '/api/v1/objections/:id',
      {
        config: { access: participants },
        schema: { tags: ['objections'], summary: 'One objection', params: objectionIdParams, response: { 200: objectionSchema } },
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
          params: objectionIdParams,
          body: decideObjectionBody,
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
          params: objectionIdParams,
          body: replyObjectionBody,
          response: { 200: objectionSchema },
        },
      },
      async (req) => replyToObjection(db, req.principal, req.params.id, req.body),
    );

    app.get(
      '/api/v1/cycles/:year/objection-settings',
      {
        config: { access: participants },
        schema: {
          tags: ['objections'],
          summary: 'The objection deadlines (filing, reply, decision) and the deciding committee',
          params: yearParams,
          response: { 200: objectionSettingsSchema },
        },
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
          params: yearParams,
          body: objectionSettingsBody,
          response: { 200: objectionSettingsSchema },
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
          params: objectionIdParams,
          body: withdrawObjectionBody,
          response: { 200: objectionSchema },
        },
      },
      async (req) => withdrawObjection(db, req.principal, req.params.id, req.body),
    );
  };
