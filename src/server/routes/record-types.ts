import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  browseRecordTypes,
  createRecordType,
  deactivateRecordType,
  fieldDefinitionSchema,
  readRecordType,
  setRecordTypeActive,
  updateRecordType,
} from '../../domain/activities/index.js';
import type { AppContext } from '../context.js';

const bilingual = z.object({ ko: z.string(), en: z.string() });
const typeCode = z.string().min(2).max(41);
const cityAdmin = { roles: ['city_admin'] as const };

const recordTypeSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: bilingual,
  description: bilingual.optional(),
  fields: z.array(fieldDefinitionSchema),
  dateField: z.string().describe('occurred_on, or the key of the required date field that dates a record'),
  builtin: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  version: z.number().int(),
});

const definitionBody = z
  .record(z.string(), z.unknown())
  .describe('Record-type definition: code, name {ko, en}, description?, fields [{key, label {ko, en}, type, required, min, max, maxLength, options, unit, format, maxField}], dateField?');
const reason = z.string().max(2000).optional();
const stateChange = z.object({ version: z.number().int().min(1), reason });

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
          querystring: z.object({ includeInactive: z.enum(['true', 'false', '1', '0']).optional() }),
          response: { 200: z.object({ recordTypes: z.array(recordTypeSchema) }) },
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
        schema: { tags: ['records'], summary: 'One record type', params: z.object({ code: typeCode }), response: { 200: recordTypeSchema } },
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
          body: z.object({ definition: definitionBody, reason }),
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
          params: z.object({ code: typeCode }),
          body: z.object({ version: z.number().int().min(1), definition: definitionBody, reason }),
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
          params: z.object({ code: typeCode }),
          body: stateChange,
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
          params: z.object({ code: typeCode }),
          body: stateChange,
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
