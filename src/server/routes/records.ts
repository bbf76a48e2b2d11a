import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { noContent } from '../../contract/common.js';
import {
  createRecordBody,
  deleteRecordQuery,
  districtRecordsParams,
  recordIdParams,
  recordListQuery,
  recordPageSchema,
  recordSchema,
  updateRecordBody,
} from '../../contract/records.js';
import { createRecord, deleteRecord, getRecord, listRecords, updateRecord } from '../../domain/activities/index.js';
import { cycleOrThrow } from '../../domain/cycle-lookup.js';
import type { AppContext } from '../context.js';

const readers = { roles: ['city_admin', 'auditor', 'district_officer', 'district_approver'] as const };
const writers = { roles: ['city_admin', 'district_officer'] as const };

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
          params: districtRecordsParams,
          querystring: recordListQuery,
          response: { 200: recordPageSchema },
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
          params: districtRecordsParams,
          body: createRecordBody,
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

    app.get(
      '/api/v1/records/:id',
      {
        config: { access: readers },
        schema: { tags: ['records'], summary: 'One activity record', params: recordIdParams, response: { 200: recordSchema } },
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
          params: recordIdParams,
          body: updateRecordBody,
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
          params: recordIdParams,
          querystring: deleteRecordQuery,
          response: { 204: noContent },
        },
      },
      async (req, reply) => {
        await deleteRecord(db, req.principal, req.params.id, { version: req.query.version, ...(req.query.reason ? { reason: req.query.reason } : {}) });
        return reply.code(204).send(null);
      },
    );
  };
