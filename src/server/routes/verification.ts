import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bulkVerify, compareItem, returnSubmission, verificationMatrix, verifySubmission } from '../../domain/verification/index.js';
import type { AppContext } from '../context.js';
import { bilingual, districtCode, indicatorParam, itemStatus, outlierFlagSchema, submissionViewSchema, year } from './submissions.js';

const cityOrAudit = { roles: ['city_admin', 'auditor'] as const };
const itemRef = z.object({ id: z.number().int().positive(), version: z.number().int().min(1) });

const cellSchema = z.object({
  id: z.number().int(),
  status: itemStatus.exclude(['not_started']),
  value: z.number().nullable(),
  late: z.boolean(),
  flags: z.array(outlierFlagSchema),
  changed: z.boolean().describe('returned to the district because the records or evidence behind it changed after submission'),
  version: z.number().int(),
});

export const verificationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;

    app.get(
      '/api/v1/cycles/:year/verification',
      {
        config: { access: cityOrAudit },
        schema: {
          tags: ['verification'],
          summary: '검증 현황표 / progress matrix: districts × indicators with status, value, flags and late marks, totals per status',
          params: z.object({ year }),
          response: {
            200: z.object({
              year: z.number().int(),
              cycleStatus: z.string(),
              indicators: z.array(z.object({ code: z.string(), name: bilingual, kind: z.string() })),
              districts: z.array(z.object({ code: z.string(), name: z.string(), cells: z.array(cellSchema.nullable()) })),
              totals: z.record(itemStatus, z.number().int()),
              flagged: z.number().int(),
              late: z.number().int(),
            }),
          },
        },
      },
      async (req) => verificationMatrix(db, req.principal, req.params.year),
    );

    app.post(
      '/api/v1/cycles/:year/verification/verify',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['verification'],
          summary: 'Verify one item approved by its district (approved → verified)',
          params: z.object({ year }),
          body: itemRef,
          response: { 200: submissionViewSchema },
        },
      },
      async (req) => verifySubmission(db, req.principal, req.params.year, req.body),
    );

    app.post(
      '/api/v1/cycles/:year/verification/return',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['verification'],
          summary: 'Return one item to its district with a reason (its officers are notified)',
          params: z.object({ year }),
          body: itemRef.extend({ reason: z.string().min(1).max(2000) }),
          response: { 200: submissionViewSchema },
        },
      },
      async (req) => returnSubmission(db, req.principal, req.params.year, req.body),
    );

    app.post(
      '/api/v1/cycles/:year/verification/bulk-verify',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['verification'],
          summary: 'Verify many approved items at once, all or nothing (409 lists stale and unapproved items)',
          params: z.object({ year }),
          body: z.object({ items: z.array(itemRef).min(1).max(5000) }),
          response: { 200: z.object({ verified: z.array(z.number().int()) }) },
        },
      },
      async (req) => bulkVerify(db, req.principal, req.params.year, req.body),
    );

    app.get(
      '/api/v1/cycles/:year/verification/:code/:indicator/compare',
      {
        config: { access: cityOrAudit },
        schema: {
          tags: ['verification'],
          summary: 'An item next to the district’s value last year and its peers this cycle (median, min, max), with its evidence',
          params: z.object({ year, code: districtCode, indicator: indicatorParam }),
          response: {
            200: z.object({
              year: z.number().int(),
              district: z.object({ code: z.string(), name: z.string() }),
              item: submissionViewSchema,
              lastYear: z.object({ year: z.number().int(), value: z.number().nullable() }),
              history: z.array(z.object({ year: z.number().int(), value: z.number() })),
              peers: z.object({ n: z.number().int(), median: z.number().nullable(), min: z.number().nullable(), max: z.number().nullable() }),
            }),
          },
        },
      },
      async (req) => compareItem(db, req.principal, req.params.year, req.params.code, req.params.indicator),
    );
  };
