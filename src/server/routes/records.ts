import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createRecord, deleteRecord, getRecord, listRecords, updateRecord } from '../../domain/activities/index.js';
import { cycleOrThrow } from '../../domain/cycle-lookup.js';
import type { AppContext } from '../context.js';

const code = z.string().regex(/^\d{5}$/, 'a 5-digit administrative code');
const isoDate = z.iso.date();
const readers = { roles: ['city_admin', 'auditor', 'district_officer', 'district_approver'] as const };
const writers = { roles: ['city_admin', 'district_officer'] as const };

export const recordSchema = z.object({
  id: z.number().int(),
  orgUnitCode: z.string(),
  recordType: z.string(),
  occurredOn: z.string(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  version: z.number().int(),
  importId: z.number().int().nullable(),
  createdBy: z.number().int().nullable(),
  updatedBy: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  returnedItems: z
    .array(
      z.object({
        id: z.number().int(),
        year: z.number().int(),
        orgUnitCode: z.string(),
        indicator: z.string(),
        status: z.string(),
        submittedValue: z.number().nullable(),
        currentValue: z.number().nullable(),
      }),
    )
    .optional()
    .describe('After a change, when there are any: submitted or approved items whose value it changed, now returned to the district to submit again'),
});

const recordInput = {
  occurredOn: isoDate.nullish().describe('The record’s date (YYYY-MM-DD); for a type dated by one of its fields, leave it out'),
  data: z.record(z.string(), z.unknown()).describe('Field key → value, as the record type defines'),
  reason: z.string().max(2000).optional(),
};

/** The cycle's data period intersected with the asked range (a cycle year stands for its data period). */
async function periodFilter(db: AppContext['database']['db'], q: { cycle?: number | undefined; from?: string | undefined; to?: string | undefined }) {
  if (q.cycle === undefined) return { from: q.from, to: q.to };
  const cycle = await cycleOrThrow(db, q.cycle);
  const from = q.from && q.from > cycle.dataPeriodStart ? q.from : cycle.dataPeriodStart;
  const to = q.to && q.to < cycle.dataPeriodEnd ? q.to : cycle.dataPeriodEnd;
  return { from, to };
}

export const recordRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;

    app.get(
      '/api/v1/districts/:code/records',
      {
        config: { access: readers },
        schema: {
          tags: ['records'],
          summary: '자치구 실적 목록 / a district’s activity records, newest first (cursor pagination)',
          params: z.object({ code }),
          querystring: z.object({
            type: z.string().max(41).optional().describe('record type code'),
            from: isoDate.optional(),
            to: isoDate.optional(),
            cycle: z.coerce.number().int().min(2000).max(2100).optional().describe('a cycle year: only its data period'),
            cursor: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: { 200: z.object({ items: z.array(recordSchema), nextCursor: z.string().nullable() }) },
        },
      },
      async (req) => {
        const q = req.query;
        const period = await periodFilter(db, q);
        return listRecords(db, req.principal, {
          orgUnitCode: req.params.code,
          ...(q.type ? { recordType: q.type } : {}),
          ...(period.from ? { from: period.from } : {}),
          ...(period.to ? { to: period.to } : {}),
          cursor: q.cursor ?? null,
          limit: q.limit,
        });
      },
    );

    app.post(
      '/api/v1/districts/:code/records',
      {
        config: { access: writers },
        schema: {
          tags: ['records'],
          summary: '실적 입력 / enter an activity record for a district (validated, audited)',
          params: z.object({ code }),
          body: z.object({ recordType: z.string().min(1).max(41), ...recordInput }),
          response: { 201: recordSchema },
        },
      },
      async (req, reply) => {
        const { recordType, occurredOn, data, reason } = req.body;
        const created = await createRecord(
          db,
          req.principal,
          { orgUnitCode: req.params.code, recordType, occurredOn: occurredOn ?? null, data },
          reason ? { reason } : {},
        );
        return reply.code(201).send(created);
      },
    );

    const id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

    app.get(
      '/api/v1/records/:id',
      {
        config: { access: readers },
        schema: { tags: ['records'], summary: 'One activity record', params: z.object({ id }), response: { 200: recordSchema } },
      },
      async (req) => getRecord(db, req.principal, req.params.id),
    );

    app.patch(
      '/api/v1/records/:id',
      {
        config: { access: writers },
        schema: {
          tags: ['records'],
          summary: 'Change a record; `version` must be the current one (otherwise 409 with the current record)',
          params: z.object({ id }),
          body: z.object({ version: z.number().int().min(1), ...recordInput }),
          response: { 200: recordSchema },
        },
      },
      async (req) => {
        const { version, occurredOn, data, reason } = req.body;
        return updateRecord(db, req.principal, req.params.id, { version, occurredOn: occurredOn ?? null, data, ...(reason ? { reason } : {}) });
      },
    );

    app.delete(
      '/api/v1/records/:id',
      {
        config: { access: writers },
        schema: {
          tags: ['records'],
          summary: 'Delete a record (kept in the audit trail); `?version=` must be the current one',
          params: z.object({ id }),
          querystring: z.object({ version: z.coerce.number().int().min(1), reason: z.string().max(2000).optional() }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await deleteRecord(db, req.principal, req.params.id, { version: req.query.version, ...(req.query.reason ? { reason: req.query.reason } : {}) });
        return reply.code(204).send(null);
      },
    );
  };
