import { z } from 'zod';
import { bilingual, fieldProblem, indicatorParam, unitCode, year } from './common.js';
import { cycleStatuses, itemStatuses, roles, submissionActions } from './values.js';

export const versionField = z.number().int().min(0).describe('The version the change is based on (0: not started)');
export const reasonField = z.string().max(2000);

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

/** One evaluated call of a formula (stored with the item; rows written by imports keep only part of it). */
export const computationStepSchema = z.looseObject({
  fn: z.string().optional(),
  /** The piece of the formula this step evaluated, e.g. `count("company_visit")`. */
  text: z.string().optional(),
  yearsBack: z.number().int().optional(),
  period: z.object({ start: z.string(), end: z.string() }).optional(),
  recordType: z.string().optional(),
  field: z.string().optional(),
  recordCount: z.number().int().optional(),
  recordIds: z.array(z.union([z.number(), z.string()])).optional(),
  missingIds: z.array(z.union([z.number(), z.string()])).optional(),
  inputs: z.array(z.unknown()).optional(),
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]).optional(),
  note: bilingual.optional(),
});

export const computationSchema = z.object({
  value: z.number().nullable(),
  formula: z.string(),
  trace: z.array(computationStepSchema).describe('Every evaluated call with its inputs, records and value'),
  records: z.array(z.object({ yearsBack: z.number().int(), recordType: z.string(), ids: z.array(z.union([z.number(), z.string()])) })),
  periods: z.array(
    z.object({
      yearsBack: z.number().int(),
      start: z.string(),
      end: z.string(),
      population: z.number().nullable(),
      /** The year of that population (earlier than the period's when the framework takes the latest available). */
      populationYear: z.number().int().optional(),
    }),
  ),
  computedAt: z.string().nullable(),
  error: bilingual.optional(),
});

export const itemStatus = z.enum(itemStatuses);

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
  allowedActions: z
    .array(z.enum(submissionActions))
    .describe('What the caller may do with the item now (save, correct, submit, approve, return, verify, return_to_district); the server checks again'),
});

export const warningSchema = z.object({ code: z.literal('late'), message: bilingual });

export const itemParams = z.object({ year, code: unitCode, indicator: indicatorParam });
export const districtParams = z.object({ year, code: unitCode });

export const districtSubmissionsSchema = z.object({
  year: z.number().int(),
  cycleStatus: z.enum(cycleStatuses),
  district: z.object({ code: z.string(), name: z.string() }),
  deadline: z.object({ dueAt: z.date().nullable(), passed: z.boolean() }),
  items: z.array(submissionViewSchema),
  totals: z.record(itemStatus, z.number().int()),
});

export const saveSubmissionBody = z.object({
  version: versionField,
  value: z.number().finite().nullable().optional().describe('Formula indicators: a number overrides the computed value, null returns to it'),
  comment: z.string().max(4000).nullable().optional(),
  reason: reasonField.nullable().optional().describe('Required when the city corrects a district’s item'),
});
export const attachEvidenceBody = z.object({ evidenceId: z.number().int().positive(), version: versionField, reason: reasonField.nullable().optional() });
export const detachEvidenceParams = itemParams.extend({ evidenceId: z.coerce.number().int().positive() });
export const detachEvidenceQuery = z.object({ version: z.coerce.number().int().min(0), reason: reasonField.optional() });
export const itemVersionBody = z.object({ version: versionField });
export const returnToOfficerBody = z.object({ version: versionField, reason: reasonField.min(1) });

export const submitResultSchema = z.object({ submission: submissionViewSchema, warnings: z.array(warningSchema) });
export const submitAllSchema = z.object({
  submitted: z.array(z.string()),
  blocked: z.array(z.object({ indicator: z.string(), problems: z.array(fieldProblem) })),
  notStarted: z.array(z.string()),
  warnings: z.array(warningSchema),
});

const count = z.number().int().min(0);
/** What waits for each of the user's roles, per cycle at work. */
export const myWorkSchema = z.object({
  cycles: z.array(
    z.object({
      year: z.number().int(),
      cycleStatus: z.enum(cycleStatuses),
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
});
