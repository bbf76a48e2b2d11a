import { z } from 'zod';
import { cycleStatuses } from '../../db/schema.js';
import { bilingual, indicatorCode, rubricSchema } from '../frameworks/definition.js';

/**
 * Shapes of the panel review, shared by the services (types) and the HTTP routes (validation, OpenAPI): the one
 * source of truth for both.
 */

const reason = z.string().trim().min(1).max(2000);

export const assignOptionsSchema = z.object({
  reviewersPerItem: z.number().int().min(1).max(50).optional().describe('Reviewers per item; default 5, or all reviewers when fewer'),
  indicatorCodes: z.array(indicatorCode).min(1).optional().describe('Only these qualitative indicators (default: all)'),
});
export type AssignOptions = z.infer<typeof assignOptionsSchema>;

export const manualAssignmentSchema = z.object({
  reviewer: z.string().min(1).describe('Username of a reviewer'),
  orgUnitCode: z.string().min(1),
  indicatorCode,
  reason: reason.nullish(),
});
export type ManualAssignment = z.infer<typeof manualAssignmentSchema>;

export const removeAssignmentSchema = z.object({
  reason: reason.nullish().describe('Required when the reviewer has already entered scores'),
});

const criterionScores = z.record(z.string().min(1), z.number()).describe('Rubric criterion code → level (1–5) or points (0..maxPoints)');

export const draftScoresSchema = z.object({
  version: z.number().int().min(1),
  scores: criterionScores,
  comment: z.string().max(4000).nullish(),
});
export type DraftScoresInput = z.infer<typeof draftScoresSchema>;

export const submitScoresSchema = z.object({
  version: z.number().int().min(1),
  scores: criterionScores.optional().describe('Final scores (default: the saved draft)'),
  comment: z.string().max(4000).nullish(),
});
export type SubmitScoresInput = z.infer<typeof submitScoresSchema>;

export const closeRoundSchema = z.object({
  overrideReason: reason.nullish().describe('Needed when some assignments are not submitted: they are dropped'),
});
export type CloseRoundInput = z.infer<typeof closeRoundSchema>;

export const reviewStatusSchema = z.enum(['assigned', 'draft', 'submitted']);

const orgUnitRef = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });
const personRef = z.object({ username: z.string(), displayName: z.string() });

export const roundStateSchema = z.object({
  closed: z.boolean(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  overrideReason: z.string().nullable(),
});
export type RoundState = z.infer<typeof roundStateSchema>;

export const assignmentViewSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  orgUnit: orgUnitRef,
  indicator: z.object({ code: z.string(), field: z.string().nullable(), name: bilingual, points: z.number().nullable() }),
  rubric: rubricSchema.nullable().describe('null when the indicator is no longer qualitative in the framework'),
  reviewer: personRef,
  scores: z.record(z.string(), z.number()).nullable(),
  total: z.number().nullable().describe('0–100, once every criterion is scored'),
  comment: z.string().nullable(),
  status: reviewStatusSchema,
  submittedAt: z.date().nullable(),
  version: z.number().int(),
});
export type AssignmentView = z.infer<typeof assignmentViewSchema>;

export const myAssignmentsSchema = z.object({
  year: z.number().int(),
  stage: z.enum(cycleStatuses),
  editable: z.boolean().describe('Scores can be saved: the cycle is in the review stage and the round is open'),
  round: roundStateSchema,
  assignments: z.array(assignmentViewSchema),
});
export type MyAssignments = z.infer<typeof myAssignmentsSchema>;

const itemRef = { orgUnitCode: z.string(), orgUnitName: z.string(), indicatorCode: z.string() };

export const assignResultSchema = z.object({
  year: z.number().int(),
  reviewersPerItem: z.number().int(),
  items: z.number().int(),
  created: z.number().int(),
  kept: z.number().int(),
  shortfalls: z.array(z.object({ ...itemRef, wanted: z.number().int(), assigned: z.number().int() })),
  conflicting: z.array(z.object({ ...itemRef, id: z.number().int(), reviewer: z.string() })).describe('Existing assignments that break a conflict of interest'),
  loads: z.array(z.object({ ...personRef.shape, assigned: z.number().int() })),
});
export type AssignResult = z.infer<typeof assignResultSchema>;

export const progressSchema = z.object({
  year: z.number().int(),
  stage: z.enum(cycleStatuses),
  round: roundStateSchema,
  totals: z.object({ assigned: z.number().int(), draft: z.number().int(), submitted: z.number().int(), all: z.number().int() }),
  items: z.array(
    z.object({
      ...itemRef,
      assigned: z.number().int(),
      submitted: z.number().int(),
      reviewers: z.array(z.object({ ...personRef.shape, status: reviewStatusSchema, submittedAt: z.date().nullable() })),
    }),
  ),
  reviewers: z.array(z.object({ ...personRef.shape, tiedTo: z.array(z.string()), assigned: z.number().int(), submitted: z.number().int() })),
});
export type Progress = z.infer<typeof progressSchema>;

export const closeResultSchema = z.object({
  year: z.number().int(),
  round: roundStateSchema,
  submitted: z.number().int(),
  dropped: z.array(z.object({ ...itemRef, reviewer: z.string(), status: reviewStatusSchema })),
  itemsWithoutScores: z.array(z.object(itemRef)),
});
export type CloseResult = z.infer<typeof closeResultSchema>;

export const reviewerFlagSchema = z.object({
  ...personRef.shape,
  items: z.number().int(),
  meanDeviation: z.number().nullable(),
  z: z.number().nullable(),
  flagged: z.boolean(),
  direction: z.enum(['harsh', 'lenient']).nullable(),
  reasons: z.array(z.enum(['deviation', 'zscore'])),
});

export const resultsSchema = z.object({
  year: z.number().int(),
  round: roundStateSchema,
  trimFrom: z.number().int(),
  flagRule: z.object({ threshold: z.number(), zThreshold: z.number(), minItems: z.number().int() }),
  items: z.array(
    z.object({
      ...itemRef,
      n: z.number().int(),
      trimmed: z.boolean(),
      score: z.number().nullable().describe('0–100 panel score (trimmed mean); null without submitted scores'),
      scores: z.array(z.object({ ...personRef.shape, total: z.number(), dropped: z.boolean() })),
    }),
  ),
  reviewers: z.array(reviewerFlagSchema),
});
export type Results = z.infer<typeof resultsSchema>;
