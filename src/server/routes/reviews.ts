import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { noContent, problemSchema, yearParams } from '../../contract/common.js';
import {
  addedAssignmentSchema,
  assignOptionsSchema,
  assignResultSchema,
  assignmentParams,
  assignmentViewSchema,
  closeResultSchema,
  closeRoundSchema,
  conflictInputSchema,
  conflictResultSchema,
  declarationsSchema,
  dossierSchema,
  draftScoresSchema,
  feedbackSchema,
  manualAssignmentSchema,
  myAssignmentsSchema,
  myPledgeSchema,
  pledgeInputSchema,
  progressSchema,
  removeAssignmentSchema,
  resultsSchema,
  reviewDistrictParams,
  reviewSettingsInputSchema,
  reviewSettingsSchema,
  staleProblem,
  submitScoresSchema,
} from '../../contract/reviews.js';
import {
  addAssignment,
  assignReviewers,
  closeReviewRound,
  declareConflict,
  districtFeedback,
  getDossier,
  getMyPledge,
  getReviewSettings,
  listDeclarations,
  setReviewSettings,
  signPledge,
  getAssignment,
  listMyAssignments,
  removeAssignment,
  reviewProgress,
  reviewResults,
  saveDraftScores,
  submitScores,
} from '../../domain/reviews/index.js';
import type { AppContext } from '../context.js';

const tags = ['reviews'];
const ADMIN = { roles: ['city_admin'] } as const;
const ADMIN_AUDITOR = { roles: ['city_admin', 'auditor'] } as const;
const REVIEWER = { roles: ['reviewer'] } as const;
const SHEET_READERS = { roles: ['reviewer', 'city_admin', 'auditor'] } as const;
const DISTRICT_READERS = { roles: ['city_admin', 'auditor', 'district_officer', 'district_approver'] } as const;

export const reviewRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;
    const base = '/api/v1/cycles/:year/reviews';

    app.post(
      `${base}/assign`,
      {
        config: { access: ADMIN },
        schema: {
          tags,
          summary: '평가위원 배정 / assign reviewers to every district × qualitative indicator (balanced, no conflicts of interest; re-run tops up)',
          params: yearParams,
          body: assignOptionsSchema.nullish(),
          response: { 200: assignResultSchema, 400: problemSchema, 404: problemSchema, 409: problemSchema },
        },
      },
      async (req) => assignReviewers(db, req.principal, req.params.year, req.body ?? {}),
    );

    app.post(
      `${base}/assignments`,
      {
        config: { access: ADMIN },
        schema: {
          tags,
          summary: 'Add one assignment by hand (conflicts of interest refused)',
          params: yearParams,
          body: manualAssignmentSchema,
          response: { 201: addedAssignmentSchema, 400: problemSchema, 404: problemSchema, 409: problemSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await addAssignment(db, req.principal, req.params.year, req.body)),
    );

    app.delete(
      `${base}/assignments/:id`,
      {
        config: { access: ADMIN },
        schema: {
          tags,
          summary: 'Remove one assignment (a reason is required once scores were entered)',
          params: assignmentParams,
          body: removeAssignmentSchema.nullish(),
          response: { 204: noContent, 400: problemSchema, 404: problemSchema, 409: problemSchema },
        },
      },
      async (req, reply) => {
        await removeAssignment(db, req.principal, req.params.year, req.params.id, req.body ?? {});
        return reply.code(204).send(null);
      },
    );

    app.get(
      `${base}/progress`,
      {
        config: { access: ADMIN_AUDITOR },
        schema: {
          tags,
          summary: '진행 현황 / progress: assigned and submitted per district × indicator, reviewer loads (no scores)',
          params: yearParams,
          response: { 200: progressSchema, 404: problemSchema },
        },
      },
      async (req) => reviewProgress(db, req.principal, req.params.year),
    );

    app.post(
      `${base}/close`,
      {
        config: { access: ADMIN },
        schema: {
          tags,
          summary: '정성 평가 마감 / close the round (unsubmitted assignments need an override reason and are dropped)',
          params: yearParams,
          body: closeRoundSchema.nullish(),
          response: { 200: closeResultSchema, 400: problemSchema, 404: problemSchema, 409: problemSchema },
        },
      },
      async (req) => closeReviewRound(db, req.principal, req.params.year, req.body ?? {}),
    );

    app.get(
      `${base}/results`,
      {
        config: { access: ADMIN_AUDITOR },
        schema: {
          tags,
          summary: '정성 평가 결과 / trimmed-mean panel scores and reviewer deviation flags (closed round only)',
          params: yearParams,
          response: { 200: resultsSchema, 404: problemSchema, 409: problemSchema },
        },
      },
      async (req) => reviewResults(db, req.principal, req.params.year),
    );

    app.get(
      `${base}/mine`,
      {
        config: { access: REVIEWER },
        schema: {
          tags,
          summary: '내 평가 목록 / my assignments with rubric and my scores (never other reviewers’)',
          params: yearParams,
          response: { 200: myAssignmentsSchema, 404: problemSchema },
        },
      },
      async (req) => listMyAssignments(db, req.principal, req.params.year),
    );

    app.get(
      `${base}/assignments/:id`,
      {
        config: { access: { roles: ['reviewer', 'city_admin', 'auditor'] } },
        schema: {
          tags,
          summary: 'One assignment: its own reviewer, the city admin or the auditor',
          params: assignmentParams,
          response: { 200: assignmentViewSchema, 403: problemSchema, 404: problemSchema },
        },
      },
      async (req) => getAssignment(db, req.principal, req.params.year, req.params.id),
    );

    app.put(
      `${base}/assignments/:id/scores`,
      {
        config: { access: REVIEWER },
        schema: {
          tags,
          summary: '임시 저장 / save draft scores per criterion (optimistic concurrency on `version`)',
          params: assignmentParams,
          body: draftScoresSchema,
          response: { 200: assignmentViewSchema, 400: problemSchema, 403: problemSchema, 404: problemSchema, 409: staleProblem },
        },
      },
      async (req) => saveDraftScores(db, req.principal, req.params.year, req.params.id, req.body),
    );

    app.post(
      `${base}/assignments/:id/submit`,
      {
        config: { access: REVIEWER },
        schema: {
          tags,
          summary: '제출 / submit the score sheet (every criterion scored; final)',
          params: assignmentParams,
          body: submitScoresSchema,
          response: { 200: assignmentViewSchema, 400: problemSchema, 403: problemSchema, 404: problemSchema, 409: staleProblem },
        },
      },
      async (req) => submitScores(db, req.principal, req.params.year, req.params.id, req.body),
    );
    app.get(
      `${base}/settings`,
      {
        config: { access: ADMIN_AUDITOR },
        schema: {
          tags,
          summary: '평가위원 공개 범위 / the panel settings of the cycle (blind to district)',
          params: yearParams,
          response: { 200: reviewSettingsSchema, 404: problemSchema },
        },
      },
      async (req) => getReviewSettings(db, req.principal, req.params.year),
    );

    app.put(
      `${base}/settings`,
      {
        config: { access: ADMIN },
        schema: {
          tags,
          summary: 'Set the panel settings before the review stage (optimistic concurrency on `version`, 0 the first time; audited)',
          params: yearParams,
          body: reviewSettingsInputSchema,
          response: { 200: reviewSettingsSchema, 400: problemSchema, 404: problemSchema, 409: staleProblem },
        },
      },
      async (req) => setReviewSettings(db, req.principal, req.params.year, req.body),
    );

    app.get(
      `${base}/pledge`,
      {
        config: { access: REVIEWER },
        schema: {
          tags,
          summary: '서약·회피 신청 / my pledge and declared conflicts of interest for the cycle',
          params: yearParams,
          response: { 200: myPledgeSchema, 404: problemSchema },
        },
      },
      async (req) => getMyPledge(db, req.principal, req.params.year),
    );

    app.post(
      `${base}/pledge`,
      {
        config: { access: REVIEWER },
        schema: {
          tags,
          summary: 'Sign the pledge (needed before the dossier and scoring; audited)',
          params: yearParams,
          body: pledgeInputSchema,
          response: { 200: myPledgeSchema, 400: problemSchema, 404: problemSchema, 409: problemSchema },
        },
      },
      async (req) => signPledge(db, req.principal, req.params.year, req.body),
    );

    app.post(
      `${base}/conflicts`,
      {
        config: { access: REVIEWER },
        schema: {
          tags,
          summary: '회피 신청 / declare a conflict with a district: my assignments to it move to other reviewers (audited)',
          params: yearParams,
          body: conflictInputSchema,
          response: { 200: conflictResultSchema, 400: problemSchema, 404: problemSchema, 409: problemSchema },
        },
      },
      async (req) => declareConflict(db, req.principal, req.params.year, req.body),
    );

    app.get(
      `${base}/declarations`,
      {
        config: { access: ADMIN_AUDITOR },
        schema: {
          tags,
          summary: 'Every reviewer’s pledge and declared conflicts (city admin, auditor)',
          params: yearParams,
          response: { 200: declarationsSchema, 404: problemSchema },
        },
      },
      async (req) => listDeclarations(db, req.principal, req.params.year),
    );

    app.get(
      `${base}/assignments/:id/dossier`,
      {
        config: { access: SHEET_READERS },
        schema: {
          tags,
          summary: '평가 자료 / the district’s submission, 우수사례 records, evidence and last year’s result for one assignment (masked on a blind panel)',
          params: assignmentParams,
          response: { 200: dossierSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema },
        },
      },
      async (req) => getDossier(db, req.principal, req.params.year, req.params.id),
    );

    app.get(
      '/api/v1/cycles/:year/districts/:code/review-feedback',
      {
        config: { access: DISTRICT_READERS },
        schema: {
          tags,
          summary: '평가위원 의견 / the panel’s comments on the district’s qualitative items, without reviewer identity (after the final results)',
          params: reviewDistrictParams,
          response: { 200: feedbackSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema },
        },
      },
      async (req) => districtFeedback(db, req.principal, req.params.year, req.params.code),
    );
  };
