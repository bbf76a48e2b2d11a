import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  attachEvidenceBody,
  detachEvidenceParams,
  detachEvidenceQuery,
  districtParams,
  districtSubmissionsSchema,
  itemParams,
  itemVersionBody,
  myWorkSchema,
  returnToOfficerBody,
  saveSubmissionBody,
  submissionViewSchema,
  submitAllSchema,
  submitResultSchema,
} from '../../contract/submissions.js';
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
} from '../../domain/submissions/index.js';
import type { AppContext } from '../context.js';

const districtRoles = ['city_admin', 'auditor', 'district_officer', 'district_approver'] as const;

export const submissionRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;
    const base = '/api/v1/cycles/:year/districts/:code/submissions';

    app.get(
      base,
      {
        config: { access: { roles: districtRoles } },
        schema: {
          tags: ['submissions'],
          summary: '자치구 제출 현황 / every indicator of the cycle for one district: value, live computed preview, evidence, status, flags, blockers',
          params: districtParams,
          response: { 200: districtSubmissionsSchema },
        },
      },
      async (req) => listSubmissions(db, req.principal, req.params.year, req.params.code),
    );

    app.get(
      `${base}/:indicator`,
      {
        config: { access: { roles: districtRoles } },
        schema: {
          tags: ['submissions'],
          summary: 'One indicator of a district: value, computation with the records behind it, evidence, status',
          params: itemParams,
          response: { 200: submissionViewSchema },
        },
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
          body: saveSubmissionBody,
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
          body: attachEvidenceBody,
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
          params: detachEvidenceParams,
          querystring: detachEvidenceQuery,
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
          body: itemVersionBody,
          response: { 200: submitResultSchema },
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
          body: itemVersionBody,
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
          body: returnToOfficerBody,
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
          params: districtParams,
          response: { 200: submitAllSchema },
        },
      },
      async (req) => submitAll(db, req.principal, req.params.year, req.params.code),
    );

    app.get(
      '/api/v1/me/work',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['me'],
          summary:
            '내 업무 건수 / what waits for each of my roles in the cycles at work: to submit, returned, changed after submission, to approve, to verify, to score',
          response: { 200: myWorkSchema },
        },
      },
      async (req) => myWorkCounts(db, req.principal),
    );
  };
