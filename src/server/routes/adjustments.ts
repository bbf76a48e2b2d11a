import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  adjustmentHistorySchema,
  adjustmentIdParams,
  adjustmentObjectionBody,
  adjustmentPageSchema,
  adjustmentSchema,
  adjustmentYearParams,
  changeAdjustmentBody,
  confirmAdjustmentBody,
  enterAdjustmentBody,
  latePenaltiesSchema,
  withdrawAdjustmentBody,
} from '../../contract/adjustments.js';
import { objectionSchema } from '../../contract/objections.js';
import {
  adjustmentHistory,
  applyLatePenalties,
  changeAdjustment,
  confirmAdjustment,
  enterAdjustment,
  readAdjustments,
  withdrawAdjustment,
} from '../../domain/adjustments/index.js';
import { fileAdjustmentObjection } from '../../domain/objections/index.js';
import type { AppContext } from '../context.js';

const readers = { roles: ['city_admin', 'auditor', 'district_officer', 'district_approver'] as const };
const city = { roles: ['city_admin'] as const };
const districtMembers = { roles: ['district_officer', 'district_approver'] as const };

export const adjustmentRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;

    app.get(
      '/api/v1/cycles/:year/adjustments',
      {
        config: { access: readers },
        schema: {
          tags: ['adjustments'],
          summary:
            '가점·감점 / a cycle’s bonus and penalty entries with the framework’s rules and caps and each district’s totals; district users see their own district only',
          params: adjustmentYearParams,
          response: { 200: adjustmentPageSchema },
        },
      },
      async (req) => readAdjustments(db, req.principal, req.params.year),
    );

    app.post(
      '/api/v1/cycles/:year/adjustments',
      {
        config: { access: city },
        schema: {
          tags: ['adjustments'],
          summary:
            'Enter a bonus or penalty for a district (a rule of the framework, signed points within the rule’s range and the caps, a reason, optional evidence); it counts once another city user confirms it',
          params: adjustmentYearParams,
          body: enterAdjustmentBody,
          response: { 201: adjustmentSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await enterAdjustment(db, req.principal, req.params.year, req.body)),
    );

    app.post(
      '/api/v1/cycles/:year/adjustments/late-penalties',
      {
        config: { access: city },
        schema: {
          tags: ['adjustments'],
          summary: 'Run the deadline check now: late or missing district data get the framework’s late penalty (idempotent; it also runs hourly)',
          params: adjustmentYearParams,
          response: { 200: latePenaltiesSchema },
        },
      },
      async (req) => ({ made: (await applyLatePenalties(db, req.principal)).filter((m) => m.year === req.params.year) }),
    );

    app.get(
      '/api/v1/adjustments/:id',
      {
        config: { access: readers },
        schema: {
          tags: ['adjustments'],
          summary: 'One entry and its history (every change with who, when, before and after); the city and the entry’s district',
          params: adjustmentIdParams,
          response: { 200: adjustmentHistorySchema },
        },
      },
      async (req) => adjustmentHistory(db, req.principal, req.params.id),
    );

    app.put(
      '/api/v1/adjustments/:id',
      {
        config: { access: city },
        schema: {
          tags: ['adjustments'],
          summary: 'Change an entry (optimistic on version); the changed entry waits for confirmation again',
          params: adjustmentIdParams,
          body: changeAdjustmentBody,
          response: { 200: adjustmentSchema },
        },
      },
      async (req) => changeAdjustment(db, req.principal, req.params.id, req.body),
    );

    app.post(
      '/api/v1/adjustments/:id/withdraw',
      {
        config: { access: city },
        schema: {
          tags: ['adjustments'],
          summary: 'Withdraw an entry with a reason (kept for the record, no longer counted)',
          params: adjustmentIdParams,
          body: withdrawAdjustmentBody,
          response: { 200: adjustmentSchema },
        },
      },
      async (req) => withdrawAdjustment(db, req.principal, req.params.id, req.body),
    );

    app.post(
      '/api/v1/adjustments/:id/confirm',
      {
        config: { access: city },
        schema: {
          tags: ['adjustments'],
          summary: 'Confirm a pending entry (four eyes: not by whoever entered or last changed it); from then on it counts in scoring',
          params: adjustmentIdParams,
          body: confirmAdjustmentBody,
          response: { 200: adjustmentSchema },
        },
      },
      async (req) => confirmAdjustment(db, req.principal, req.params.id, req.body),
    );

    app.post(
      '/api/v1/adjustments/:id/objections',
      {
        config: { access: districtMembers },
        schema: {
          tags: ['adjustments'],
          summary:
            '이의신청 / object to one of your district’s entries in the objection period; decided like any objection (accepting changes or withdraws the entry)',
          params: adjustmentIdParams,
          body: adjustmentObjectionBody,
          response: { 201: objectionSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await fileAdjustmentObjection(db, req.principal, req.params.id, req.body)),
    );
  };
