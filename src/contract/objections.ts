import { z } from 'zod';
import { bilingual, indicatorParam, positiveId, unitCode, unitRef, year } from './common.js';
import { cycleStatuses } from './values.js';

/** Reasons, replies and decisions: enough for a page of argument, bounded for storage and display. */
const text = z.string().min(1).max(4000);
const evidenceId = z.number().int().positive().nullable().optional();

export const objectionEvidenceSchema = z.object({
  id: z.number().int(),
  originalName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
});
export const objectionScheduleSchema = z.object({ filingDueAt: z.date().nullable(), replyDueAt: z.date().nullable(), decisionDueAt: z.date().nullable() });

export const objectionSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  district: unitRef.describe('The district whose figure is contested'),
  filer: unitRef.describe('The district that filed (the same as district when it contests its own figure)'),
  indicator: z.object({ code: z.string(), name: bilingual.nullable(), kind: z.string().nullable(), unit: z.string().nullable() }),
  adjustment: z
    .object({ id: z.number().int(), rule: z.string(), points: z.number(), reason: z.string(), status: z.enum(['pending', 'confirmed', 'withdrawn']) })
    .nullable()
    .describe('An objection to a bonus/penalty entry (indicator then names its rule): the entry as it stands now'),
  runId: z.number().int().nullable(),
  provisionalValue: z.number().nullable(),
  reason: z.string(),
  requestedValue: z.number().nullable(),
  evidence: objectionEvidenceSchema.nullable(),
  reply: z.object({ text: z.string(), evidence: objectionEvidenceSchema.nullable(), by: z.string().nullable(), at: z.date() }).nullable(),
  status: z.enum(['filed', 'accepted', 'rejected', 'withdrawn']),
  stage: z.enum(['awaiting_reply', 'awaiting_decision', 'decided', 'withdrawn']),
  decisionReason: z.string().nullable(),
  correctedValue: z.number().nullable(),
  reopenedReviews: z.number().int().nullable().describe('Accepted on a qualitative item: score sheets reopened for the panel'),
  filedBy: z.string().nullable(),
  filedAt: z.date(),
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  version: z.number().int(),
  actions: z.object({ reply: z.boolean(), decide: z.boolean(), withdraw: z.boolean() }).describe('What the caller may do now'),
});

export const objectionSettingsSchema = z.object({
  year: z.number().int(),
  schedule: objectionScheduleSchema,
  committee: z.array(z.object({ username: z.string(), displayName: z.string() })),
});

export const provisionalScorecardSchema = z.object({
  code: z.string(),
  name: z.string(),
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  fields: z.array(z.object({ code: z.string(), name: bilingual, score: z.number().nullable() })),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: bilingual,
      field: z.string(),
      kind: z.string(),
      unit: z.string(),
      points: z.number(),
      value: z.number().nullable(),
      normalised: z.number().nullable(),
      earned: z.number().nullable(),
    }),
  ),
  explanation: bilingual,
});

export const objectionIdParams = z.object({ id: positiveId });
export const provisionalScorecardParams = z.object({ year, code: unitCode });

export const provisionalResultsSchema = z.object({
  year: z.number().int(),
  cycleStatus: z.enum(cycleStatuses),
  runId: z.number().int(),
  runCreatedAt: z.date(),
  objectionsDueAt: z.date().nullable(),
  schedule: objectionScheduleSchema,
  tiers: z.array(z.object({ code: z.string(), name: bilingual })),
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      score: z.number().nullable(),
      baseScore: z.number().nullable(),
      bonus: z.number(),
      penalty: z.number(),
      rank: z.number().int().nullable(),
      previousRank: z.number().int().nullable(),
      awardTier: z.string().nullable(),
    }),
  ),
  scorecards: z.array(provisionalScorecardSchema),
});

export const runScorecardSchema = provisionalScorecardSchema.extend({ runId: z.number().int() });

export const fileObjectionBody = z.object({
  district: unitCode.describe('The district whose figure you contest'),
  indicator: indicatorParam,
  reason: text,
  requestedValue: z.number().finite().nullable().optional().describe("Checked against the indicator's bounds and unit"),
  evidenceId,
  filer: unitCode.nullable().optional().describe('The district you file for, when you speak for several'),
});

export const objectionListQuery = z.object({ district: unitCode.optional() });
export const objectionListSchema = z.object({ objections: z.array(objectionSchema) });

export const decideObjectionBody = z.object({
  decision: z.enum(['accept', 'reject']),
  version: z.number().int().min(1),
  correctedValue: z.number().finite().nullable().optional(),
  reason: z.string().max(4000).nullable().optional(),
});
export const replyObjectionBody = z.object({ version: z.number().int().min(1), text, evidenceId });
export const objectionSettingsBody = z.object({
  filingDueAt: z.coerce.date(),
  replyDueAt: z.coerce.date(),
  decisionDueAt: z.coerce.date(),
  committee: z.array(z.string().min(1).max(64)).max(50).default([]),
});
export const withdrawObjectionBody = z.object({ version: z.number().int().min(1) });
