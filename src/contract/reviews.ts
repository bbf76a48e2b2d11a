import { z } from 'zod';
import { districtCode, problemSchema, year } from './common.js';
import { definitionText as bilingual, indicatorCode, rubricSchema } from './framework-definition.js';
import { cycleStatuses } from './values.js';

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
  rereview: z
    .object({
      reason: z.string().nullable().describe("Why the item was reopened (e.g. the accepted objection's reason)"),
      reopenedAt: z.string().describe('When it was reopened (ISO 8601)'),
    })
    .nullable()
    .describe('Set while the district × item is reopened for re-review after the round closed: an unsubmitted sheet may be scored and submitted again'),
});
export type AssignmentView = z.infer<typeof assignmentViewSchema>;

export const myAssignmentsSchema = z.object({
  year: z.number().int(),
  stage: z.enum(cycleStatuses),
  editable: z
    .boolean()
    .describe(
      'Scores can be saved: the cycle is in the review stage and the round is open, or one of the sheets is reopened for re-review (then only the sheets with `rereview` set)',
    ),
  round: roundStateSchema,
  blind: z.boolean().describe('The panel sees pseudonyms instead of district names'),
  pledgeSigned: z.boolean().describe('Scoring and the dossier open once the reviewer signed the pledge'),
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

// Evaluation integrity: panel settings, the pledge and declared conflicts, the reviewer's dossier, feedback.

export const reviewSettingsSchema = z.object({
  year: z.number().int(),
  blind: z.boolean().describe('Reviewers see pseudonyms ("자치구 A") instead of district names, codes and file names'),
  editable: z.boolean().describe('The settings can still change (before the review stage)'),
  version: z.number().int().describe('0 until the city first sets them'),
});
export type ReviewSettings = z.infer<typeof reviewSettingsSchema>;

export const reviewSettingsInputSchema = z.object({ blind: z.boolean(), version: z.number().int().min(0) });
export type ReviewSettingsInput = z.infer<typeof reviewSettingsInputSchema>;

export const pledgeInputSchema = z.object({
  agree: z.literal(true).describe('The reviewer agrees to the statement'),
  signedName: z.string().trim().min(1).max(100).describe('The name the reviewer signs with'),
});
export type PledgeInput = z.infer<typeof pledgeInputSchema>;

export const conflictInputSchema = z.object({
  orgUnitCode: z.string().regex(/^\d{5}$/),
  reason: reason.describe('Why the reviewer cannot review the district (kept for the city admin)'),
});
export type ConflictInput = z.infer<typeof conflictInputSchema>;

const signedPledge = z.object({ signedName: z.string(), signedAt: z.date(), statementVersion: z.string() });
const declared = z.object({ orgUnitCode: z.string(), orgUnitName: z.string(), reason: z.string(), declaredAt: z.date() });

export const myPledgeSchema = z.object({
  year: z.number().int(),
  statement: z.object({ version: z.string(), ko: z.string(), en: z.string() }),
  signed: signedPledge.nullable(),
  conflicts: z.array(declared),
  districts: z.array(orgUnitRef),
  editable: z.boolean(),
});
export type MyPledge = z.infer<typeof myPledgeSchema>;

export const conflictResultSchema = z.object({
  year: z.number().int(),
  orgUnitCode: z.string(),
  withdrawn: z.number().int().describe('The declaring reviewer’s assignments to the district, removed'),
  reassigned: z.number().int().describe('New assignments made from the pool (to whom is not told)'),
  shortfall: z.number().int().describe('Items that found no eligible reviewer'),
});
export type ConflictResult = z.infer<typeof conflictResultSchema>;

export const declarationsSchema = z.object({
  year: z.number().int(),
  statementVersion: z.string(),
  reviewers: z.array(z.object({ ...personRef.shape, tiedTo: z.array(z.string()), pledge: signedPledge.nullable(), conflicts: z.array(declared) })),
});
export type Declarations = z.infer<typeof declarationsSchema>;

export const dossierSchema = z.object({
  assignmentId: z.number().int(),
  year: z.number().int(),
  blind: z.boolean(),
  district: z
    .object({ label: bilingual, code: z.string().nullable(), name: z.string().nullable(), nameEn: z.string().nullable() })
    .describe('code and names are null on a blind panel'),
  indicator: z.object({ code: z.string(), name: bilingual }),
  submission: z
    .object({
      status: z.string(),
      value: z.number().nullable(),
      comment: z.string().nullable().describe('The district’s description (우수사례 설명)'),
      updatedAt: z.date(),
    })
    .nullable(),
  records: z.array(
    z.object({
      id: z.number().int(),
      occurredOn: z.string(),
      recordType: z.object({ code: z.string(), name: bilingual }),
      title: z.string().nullable(),
      summary: z.string().nullable(),
    }),
  ),
  evidence: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      mediaType: z.string(),
      size: z.number(),
      inline: z.boolean().describe('Viewable in the browser: GET /api/v1/evidence/{id}?inline=1'),
    }),
  ),
  lastYear: z.object({ year: z.number().int(), value: z.number().nullable(), points: z.number().nullable() }).nullable(),
});
export type Dossier = z.infer<typeof dossierSchema>;

export const feedbackSchema = z.object({
  year: z.number().int(),
  orgUnitCode: z.string(),
  items: z.array(z.object({ indicatorCode: z.string(), name: bilingual, comments: z.array(z.string()) })),
});
export type Feedback = z.infer<typeof feedbackSchema>;

export const assignmentParams = z.object({ year, id: z.coerce.number().int().min(1) });
export const reviewDistrictParams = z.object({ year, code: districtCode });
export const addedAssignmentSchema = z.object({ id: z.number().int() });
/** A 409 stale_version of a score sheet carries `current`: the assignment as it is now. */
export const staleProblem = problemSchema.describe('409 stale_version carries `current`: the assignment as it is now');
