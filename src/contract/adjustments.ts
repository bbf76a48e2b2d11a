import { z } from 'zod';
import { bilingual, positiveId, unitCode, unitRef, year } from './common.js';
import { objectionEvidenceSchema } from './objections.js';
import { cycleStatuses } from './values.js';

/** 가점·감점: the city's bonus and penalty entries per district, with the framework's rules and caps. */

const reason = z.string().min(1).max(4000);
const points = z.number().finite().describe('Signed points: a bonus positive, a penalty negative');
const evidenceId = z.number().int().positive().nullable().optional().describe('An evidence file uploaded for the district (POST /districts/:code/evidence)');

export const adjustmentStatusSchema = z.enum(['pending', 'confirmed', 'withdrawn']);

export const adjustmentRuleSchema = z.object({
  code: z.string(),
  name: bilingual,
  kind: z.enum(['bonus', 'penalty']),
  cap: z.number().nullable().describe("The rule's cap as a magnitude (null: only the overall cap)"),
});

export const adjustmentSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  district: unitRef,
  rule: adjustmentRuleSchema,
  points: z.number(),
  reason: z.string(),
  evidence: objectionEvidenceSchema.nullable(),
  status: adjustmentStatusSchema.describe('pending: waits for a second city user; confirmed: counts in scoring; withdrawn: kept for the record'),
  automatic: z.boolean().describe('Made by the platform (a late submission)'),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  changedBy: z.string().nullable(),
  updatedAt: z.date(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.date().nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawnAt: z.date().nullable(),
  withdrawReason: z.string().nullable(),
  version: z.number().int(),
  actions: z.object({ edit: z.boolean(), withdraw: z.boolean(), confirm: z.boolean() }).describe('What the caller may do now'),
});

export const districtAdjustmentTotalsSchema = z.object({
  code: z.string(),
  name: z.string(),
  bonus: z.number(),
  penalty: z.number(),
  pendingBonus: z.number(),
  pendingPenalty: z.number(),
  appliedBonus: z.number().describe('Confirmed bonus after the rule and overall caps'),
  appliedPenalty: z.number(),
  net: z.number(),
});

export const adjustmentPageSchema = z.object({
  year: z.number().int(),
  cycleStatus: z.enum(cycleStatuses),
  locked: z.boolean().describe('The result is final: entries no longer change'),
  rules: z.array(adjustmentRuleSchema.extend({ automatic: z.boolean() })),
  bonusCap: z.number().nullable(),
  penaltyCap: z.number().nullable(),
  districts: z.array(districtAdjustmentTotalsSchema),
  adjustments: z.array(adjustmentSchema),
  canEnter: z.boolean(),
});

export const adjustmentHistorySchema = z.object({
  adjustment: adjustmentSchema,
  history: z.array(
    z.object({
      seq: z.number().int(),
      at: z.date(),
      actor: z.string(),
      action: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      reason: z.string().nullable(),
    }),
  ),
});

export const adjustmentYearParams = z.object({ year });
export const adjustmentIdParams = z.object({ id: positiveId });

export const enterAdjustmentBody = z.object({ district: unitCode, rule: z.string().min(1).max(40), points, reason, evidenceId });
export const changeAdjustmentBody = z.object({ version: z.number().int().min(1), rule: z.string().min(1).max(40), points, reason, evidenceId });
export const withdrawAdjustmentBody = z.object({ version: z.number().int().min(1), reason });
export const confirmAdjustmentBody = z.object({ version: z.number().int().min(1) });
export const adjustmentObjectionBody = z.object({
  reason,
  requestedPoints: z.number().finite().nullable().optional().describe('The points asked for instead (0: none)'),
  evidenceId,
});
export const latePenaltiesSchema = z.object({
  made: z.array(z.object({ year: z.number().int(), district: z.string(), stage: z.string(), adjustmentId: z.number().int(), reason: z.string() })),
});
