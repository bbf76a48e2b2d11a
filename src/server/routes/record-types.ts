import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createRecordTypeBody,
  recordTypeListQuery,
  recordTypeListSchema,
  recordTypeParams,
  recordTypeSchema,
  recordTypeStateBody,
  updateRecordTypeBody,
} from '../../contract/record-types.js';
import {
  browseRecordTypes,
  createRecordType,
  deactivateRecordType,
  readRecordType,
  setRecordTypeActive,
  updateRecordType,
} from '../../domain/activities/index.js';
import type { AppContext } from '../context.js';

const cityAdmin = { roles: ['city_admin'] as const };

export const recordTypeRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;

    app.get(
      '/api/v1/record-types',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['records'],
          summary: '실적 유형 / record types with their field definitions and Korean/English labels',
          querystring: recordTypeListQuery,
          response: { 200: recordTypeListSchema },
        },
      },
      async (req) => {
        const includeInactive = req.query.includeInactive === 'true' || req.query.includeInactive === '1';
        return { recordTypes: await browseRecordTypes(db, req.principal, { includeInactive }) };
      },
    );

    app.get(
      '/api/v1/record-types/:code',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['records'], summary: 'One record type', params: recordTypeParams, response: { 200: recordTypeSchema } },
      },
      async (req) => readRecordType(db, req.principal, req.params.code),
    );

    app.post(
      '/api/v1/record-types',
      {
        config: { access: cityAdmin },
        schema: {
          tags: ['records'],
          summary: 'Define a record type (city admin); every problem of the definition is listed',
          body: createRecordTypeBody,
          response: { 201: recordTypeSchema },
        },
      },
      async (req, reply) => {
        const created = await createRecordType(db, req.principal, req.body.definition, req.body.reason ? { reason: req.body.reason } : {});
        return reply.code(201).send(created);
      },
    );

    app.patch(
      '/api/v1/record-types/:code',
      {
        config: { access: cityAdmin },
        schema: {
          tags: ['records'],
          summary: 'Change an admin-defined record type (stale version → 409; changes that strand stored data → 409)',
          params: recordTypeParams,
          body: updateRecordTypeBody,
          response: { 200: recordTypeSchema },
        },
      },
      async (req) =>
        updateRecordType(db, req.principal, req.params.code, {
          version: req.body.version,
          definition: req.body.definition,
          ...(req.body.reason ? { reason: req.body.reason } : {}),
        }),
    );

    app.post(
      '/api/v1/record-types/:code/deactivate',
      {
        config: { access: cityAdmin },
        schema: {
          tags: ['records'],
          summary: 'Stop new records of an admin-defined type (existing records stay and still count)',
          params: recordTypeParams,
          body: recordTypeStateBody,
          response: { 200: recordTypeSchema },
        },
      },
      async (req) =>
        deactivateRecordType(db, req.principal, req.params.code, { version: req.body.version, ...(req.body.reason ? { reason: req.body.reason } : {}) }),
    );

    app.post(
      '/api/v1/record-types/:code/activate',
      {
        config: { access: cityAdmin },
        schema: {
          tags: ['records'],
          summary: 'Take a deactivated record type back into use',
          params: recordTypeParams,
          body: recordTypeStateBody,
          response: { 200: recordTypeSchema },
        },
      },
      async (req) =>
        setRecordTypeActive(db, req.principal, req.params.code, {
          version: req.body.version,
          active: true,
          ...(req.body.reason ? { reason: req.body.reason } : {}),
        }),
    );
  };
