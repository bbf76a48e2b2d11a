import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { yearParams } from '../../contract/common.js';
import { submissionViewSchema } from '../../contract/submissions.js';
import {
  bulkVerifiedSchema,
  bulkVerifyBody,
  compareParams,
  itemComparisonSchema,
  itemRef,
  returnItemBody,
  verificationMatrixSchema,
} from '../../contract/verification.js';
import { bulkVerify, compareItem, returnSubmission, verificationMatrix, verifySubmission } from '../../domain/verification/index.js';
import type { AppContext } from '../context.js';

const cityOrAudit = { roles: ['city_admin', 'auditor'] as const };
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
          params: yearParams,
          response: { 200: verificationMatrixSchema },
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
          params: yearParams,
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
          params: yearParams,
          body: returnItemBody,
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
          params: yearParams,
          body: bulkVerifyBody,
          response: { 200: bulkVerifiedSchema },
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
          params: compareParams,
          response: { 200: itemComparisonSchema },
        },
      },
      async (req) => compareItem(db, req.principal, req.params.year, req.params.code, req.params.indicator),
    );
  };
