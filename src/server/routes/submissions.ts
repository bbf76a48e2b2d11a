import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approveSubmission,
  attachSubmissionEvidence,
  detachSubmissionEvidence,
  getSubmission,
  listSubmissions,
  myWorkCounts,
  returnToOfficer,
  saveSubmission,
  submitAll,
  submitSubmission,
  submissionActions,
} from '../../domain/submissions/index.js';
import { roles } from '../../domain/authz.js';
import type { AppContext } from '../context.js';

export const year = z.coerce.number().int().min(2000).max(2100);
export const districtCode = z.string().regex(/^[0-9A-Za-z_-]{1,20}$/);
export const indicatorParam = z.string().regex(/^[A-Z][A-Z0-9_]{0,15}$/);
export const bilingual = z.object({ ko: z.string(), en: z.string() });
export const fieldProblem = z.object({ path: z.string(), message: bilingual });
const version = z.number().int().min(0).describe('The version the change is based on (0: not started)');
const reason = z.string().max(2000);

export const outlierFlagSchema = z.object({
  kind: z.enum(['history', 'peers']),
  z: z.number().nullable().describe('Robust z-score 0.6745·(x − median)/MAD; null when the reference values are all equal'),
  median: z.number(),
  n: z.number().int(),
});

export const evidenceSchema = z.object({
  id: z.number().int(),
  originalName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  addedAt: z.date(),
});

const computationSchema = z.object({
  value: z.number().nullable(),
  formula: z.string(),
  trace: z.array(z.unknown()).describe('Every evaluated call with its inputs, records and value'),
  records: z.array(z.object({ yearsBack: z.number().int(), recordType: z.string(), ids: z.array(z.union([z.number(), z.string()])) })),
  periods: z.array(z.object({ yearsBack: z.number().int(), start: z.string(), end: z.string(), population: z.number().nullable() })),
  computedAt: z.string().nullable(),
  error: bilingual.optional(),
});

export const itemStatus = z.enum(['not_started', 'draft', 'submitted', 'approved', 'verified', 'returned']);

export const submissionViewSchema = z.object({
  id: z.number().int().nullable(),
  indicator: z.object({
    code: z.string(),
    name: bilingual,
    field: z.string(),
    kind: z.enum(['quantitative', 'qualitative']),
    unit: z.string(),
    points: z.number(),
    formula: z.string().nullable(),
    evidenceRequired: z.boolean(),
    bounds: z.object({ min: z.number().optional(), max: z.number().optional() }),
  }),
  status: itemStatus,
  value: z.number().nullable(),
  valueSource: z.enum(['computed', 'entered']).nullable(),
  computedValue: z.number().nullable(),
  computation: computationSchema.nullable(),
  comment: z.string().nullable(),
  returnReason: z.string().nullable(),
  changedAfterSubmit: z
    .object({
      source: z.object({ kind: z.enum(['record', 'xlsx_import', 'csv_import', 'evidence']) }).passthrough(),
      previousStatus: z.enum(['submitted', 'approved']),
      submittedValue: z.number().nullable(),
      currentValue: z.number().nullable(),
      by: z.number().int().nullable(),
      at: z.string(),
    })
    .nullable()
    .describe('Set when the records or evidence behind the item changed after submission and it came back to the district (실적이 바뀌었습니다 — 다시 제출)'),
  evidence: z.array(evidenceSchema),
  flags: z.array(outlierFlagSchema),
  late: z.boolean(),
  problems: z.array(fieldProblem).describe('What blocks submitting the item now'),
  submittedAt: z.date().nullable(),
  approvedAt: z.date().nullable(),
  verifiedAt: z.date().nullable(),
  updatedAt: z.date().nullable(),
  version: z.number().int(),
  allowedActions: z.array(z.enum(submissionActions)).describe('What the caller may do with the item now (save, correct, submit, approve, return, verify, return_to_district); the server checks again'),
});

const warningSchema = z.object({ code: z.literal('late'), message: bilingual });

const districtRoles = ['city_admin', 'auditor', 'district_officer', 'district_approver'] as const;

export const submissionRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;
    const base = '/api/v1/cycles/:year/districts/:code/submissions';
    const itemParams = z.object({ year, code: districtCode, indicator: indicatorParam });

    app.get(
      base,
      {
        config: { access: { roles: districtRoles } },
        schema: {
          tags: ['submissions'],
          summary: '자치구 제출 현황 / every indicator of the cycle for one district: value, live computed preview, evidence, status, flags, blockers',
          params: z.object({ year, code: districtCode }),
          response: {
            200: z.object({
              year: z.number().int(),
              cycleStatus: z.string(),
              district: z.object({ code: z.string(), name: z.string() }),
              deadline: z.object({ dueAt: z.date().nullable(), passed: z.boolean() }),
              items: z.array(submissionViewSchema),
              totals: z.record(itemStatus, z.number().int()),
            }),
          },
        },
      },
      async (req) => listSubmissions(db, req.principal, req.params.year, req.params.code),
    );

    app.get(
      `${base}/:indicator`,
      {
        config: { access: { roles: districtRoles } },
        schema: { tags: ['submissions'], summary: 'One indicator of a district: value, computation with the records behind it, evidence, status', params: itemParams, response: { 200: submissionViewSchema } },
      },
      async (req) => getSubmission(db, req.principal, req.params.year, req.params.code, req.params.indicator),
    );

    app.put(
      `${base}/:indicator`,
      {
        config: { access: { roles: ['district_officer', 'city_admin'] } },
        schema: {
          tags: ['submissions'],
          summary: 'Save a draft (officer), or correct an item with a reason (city admin); formula values are recomputed, an override needs a comment',
          params: itemParams,
          body: z.object({
            version,
            value: z.number().finite().nullable().optional().describe('Formula indicators: a number overrides the computed value, null returns to it'),
            comment: z.string().max(4000).nullable().optional(),
            reason: reason.nullable().optional().describe('Required when the city corrects a district’s item'),
          }),
          response: { 200: submissionViewSchema },
        },
      },
      async (req) => saveSubmission(db, req.principal, req.params.year, req.params.code, req.params.indicator, req.body),
    );

    app.post(
      `${base}/:indicator/evidence`,
      {
        config: { access: { roles: ['district_officer', 'city_admin'] } },
        schema: {
          tags: ['submissions'],
          summary: 'Attach an uploaded evidence file (of the same district) to the item',
          params: itemParams,
          body: z.object({ evidenceId: z.number().int().positive(), version, reason: reason.nullable().optional() }),
          response: { 200: submissionViewSchema },
        },
      },
      async (req) => attachSubmissionEvidence(db, req.principal, req.params.year, req.params.code, req.params.indicator, req.body),
    );

    app.delete(
      `${base}/:indicator/evidence/:evidenceId`,
      {
        config: { access: { roles: ['district_officer', 'city_admin'] } },
        schema: {
          tags: ['submissions'],
          summary: 'Detach an evidence file from the item (the file itself stays in the evidence store)',
          params: itemParams.extend({ evidenceId: z.coerce.number().int().positive() }),
          querystring: z.object({ version: z.coerce.number().int().min(0), reason: reason.optional() }),
          response: { 200: submissionViewSchema },
        },
      },
      async (req) =>
        detachSubmissionEvidence(db, req.principal, req.params.year, req.params.code, req.params.indicator, {
          evidenceId: req.params.evidenceId,
          version: req.query.version,
          reason: req.query.reason,
        }),
    );

    app.post(
      `${base}/:indicator/submit`,
      {
        config: { access: { roles: ['district_officer'] } },
        schema: {
          tags: ['submissions'],
          summary: 'Submit a draft or returned item; bounds and required evidence block it, a passed deadline marks it late (warning)',
          params: itemParams,
          body: z.object({ version }),
          response: { 200: z.object({ submission: submissionViewSchema, warnings: z.array(warningSchema) }) },
        },
      },
      async (req) => submitSubmission(db, req.principal, req.params.year, req.params.code, req.params.indicator, req.body),
    );

    app.post(
      `${base}/:indicator/approve`,
      {
        config: { access: { roles: ['district_approver'] } },
        schema: {
          tags: ['submissions'],
          summary: 'The district approver approves a submitted item for the city (submitted → approved)',
          params: itemParams,
          body: z.object({ version }),
          response: { 200: submissionViewSchema },
        },
      },
      async (req) => approveSubmission(db, req.principal, req.params.year, req.params.code, req.params.indicator, req.body),
    );

    app.post(
      `${base}/:indicator/return-to-officer`,
      {
        config: { access: { roles: ['district_approver'] } },
        schema: {
          tags: ['submissions'],
          summary: 'The district approver returns an item to the officer with a reason',
          params: itemParams,
          body: z.object({ version, reason: reason.min(1) }),
          response: { 200: submissionViewSchema },
        },
      },
      async (req) => returnToOfficer(db, req.principal, req.params.year, req.params.code, req.params.indicator, req.body),
    );

    app.post(
      '/api/v1/cycles/:year/districts/:code/submit-all',
      {
        config: { access: { roles: ['district_officer'] } },
        schema: {
          tags: ['submissions'],
          summary: 'Submit every ready draft of the district; report the blockers of the others',
          params: z.object({ year, code: districtCode }),
          response: {
            200: z.object({
              submitted: z.array(z.string()),
              blocked: z.array(z.object({ indicator: z.string(), problems: z.array(fieldProblem) })),
              notStarted: z.array(z.string()),
              warnings: z.array(warningSchema),
            }),
          },
        },
      },
      async (req) => submitAll(db, req.principal, req.params.year, req.params.code),
    );

    const count = z.number().int().min(0);
    app.get(
      '/api/v1/me/work',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['me'],
          summary: '내 업무 건수 / what waits for each of my roles in the cycles at work: to submit, returned, changed after submission, to approve, to verify, to score',
          response: {
            200: z.object({
              cycles: z.array(
                z.object({
                  year: z.number().int(),
                  cycleStatus: z.string(),
                  districts: z.array(
                    z.object({
                      code: z.string(),
                      name: z.string(),
                      roles: z.array(z.enum(roles)),
                      toSubmit: count,
                      returned: count,
                      changed: count,
                      toApprove: count,
                    }),
                  ),
                  city: z.object({ toVerify: count, changed: count, returned: count }).nullable(),
                  reviews: z.object({ toScore: count }).nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (req) => myWorkCounts(db, req.principal),
    );
  };
