import { z } from 'zod';
import { zodMessage } from '../message.js';

/**
 * The parts of the yearly evaluation framework (평가 체계) that the API shows as they are: fields, indicators with
 * their method and rubric. The whole definition (with the engine's adjustment, award and prize schemas and the rules
 * across members) is `frameworkDefinitionSchema` in src/domain/frameworks/definition.ts, built from these.
 */

/** A text of the framework in Korean and English, neither empty. */
export const definitionText = z.strictObject({ ko: z.string().min(1), en: z.string().min(1) });

export const indicatorCode = z
  .string()
  .regex(
    /^[A-Z][A-Z0-9_]{0,15}$/,
    zodMessage({ ko: '지표 코드는 대문자로 시작하는 영문·숫자입니다', en: 'indicator codes are upper-case letters and digits, e.g. S1' }),
  );
export type IndicatorCode = z.infer<typeof indicatorCode>;

export const methodSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('minmax') }),
  /** z-score mapped onto a 0–100 scale (mean → `mean`, one SD → `sd` points), clipped to 0–100 in a points framework. */
  z.strictObject({ type: z.literal('zscore'), mean: z.number().default(50), sd: z.number().positive().default(15) }),
  z.strictObject({ type: z.literal('rank') }),
  z.strictObject({ type: z.literal('percentile') }),
  z.strictObject({ type: z.literal('target'), target: z.number().positive(), cap: z.number().positive().default(100) }),
  z.strictObject({ type: z.literal('goalposts'), lo: z.number(), hi: z.number() }).refine((m) => m.lo !== m.hi, {
    message: zodMessage({ ko: '하한과 상한이 같을 수 없습니다', en: 'lo and hi must differ' }),
  }),
  z
    .strictObject({ type: z.literal('bands'), thresholds: z.array(z.number()).min(1), scores: z.array(z.number().min(0).max(100)) })
    .refine((m) => m.scores.length === m.thresholds.length + 1, {
      message: zodMessage({ ko: '구간 점수는 경계값보다 하나 많아야 합니다', en: 'scores must have one more entry than thresholds' }),
    })
    .refine((m) => m.thresholds.every((t, i) => i === 0 || t > m.thresholds[i - 1]!), {
      message: zodMessage({ ko: '경계값은 오름차순이어야 합니다', en: 'thresholds must increase' }),
    }),
  z.strictObject({ type: z.literal('yoy') }),
  /** Already a 0–100 score (e.g. the panel's trimmed mean of rubric totals). */
  z.strictObject({ type: z.literal('passthrough'), max: z.number().positive().default(100) }),
]);
export type Method = z.infer<typeof methodSchema>;

export const rubricSchema = z.strictObject({
  /** `levels`: each criterion scored 1–5 on anchored levels; `points`: each criterion scored 0..maxPoints. */
  scale: z.enum(['levels', 'points']),
  criteria: z
    .array(
      z.strictObject({
        code: z.string().min(1),
        name: definitionText,
        weight: z.number().positive(),
        maxPoints: z.number().positive().optional(),
        levels: z.array(z.strictObject({ level: z.number().int().min(1).max(5), description: definitionText })).optional(),
      }),
    )
    .min(1),
});
export type Rubric = z.infer<typeof rubricSchema>;

/**
 * A text of the 평가 편람 (evaluation handbook): Korean required, English may still be empty (Korean first), both
 * bounded so a handbook stays a handbook.
 */
export const guidanceText = (max: number) => z.strictObject({ ko: z.string().min(1).max(max), en: z.string().max(max) });

export const GUIDANCE_LIMITS = { text: 1000, item: 300, notes: 2000, items: 20 } as const;

/**
 * 평가 편람 of one indicator: what it means, its formula in words, the evidence a district files, the items that
 * count (for "개 항목" indicators) or the points an officer checks, and notes. Every part optional; no part has a
 * default, so a framework without guidance parses (and hashes) exactly as before.
 */
export const indicatorGuidanceSchema = z.strictObject({
  definition: guidanceText(GUIDANCE_LIMITS.text).optional(),
  formula: guidanceText(GUIDANCE_LIMITS.text).optional(),
  evidence: z.array(guidanceText(GUIDANCE_LIMITS.item)).max(GUIDANCE_LIMITS.items).optional(),
  checklist: z.array(guidanceText(GUIDANCE_LIMITS.item)).max(GUIDANCE_LIMITS.items).optional(),
  notes: guidanceText(GUIDANCE_LIMITS.notes).optional(),
});
export type IndicatorGuidance = z.infer<typeof indicatorGuidanceSchema>;

export const indicatorSchema = z.strictObject({
  code: indicatorCode,
  field: z.string().min(1),
  name: definitionText,
  description: definitionText.optional(),
  points: z.number().positive(),
  direction: z.union([z.literal(1), z.literal(-1)]).default(1),
  unit: z.string().max(20).default(''),
  kind: z.enum(['quantitative', 'qualitative']),
  method: methodSchema,
  /** Formula over activity records (null = the district enters the value directly). */
  formula: z.string().min(1).max(2000).nullable().default(null),
  evidenceRequired: z.boolean().default(true),
  bounds: z.strictObject({ min: z.number().optional(), max: z.number().optional() }).default({}),
  rubric: rubricSchema.optional(),
  /** 신설 지표 (new this year). */
  isNew: z.boolean().default(false),
  /** 평가 편람 (evaluation handbook) of the indicator; part of the framework version like any other member. */
  guidance: indicatorGuidanceSchema.optional(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const fieldSchema = z.strictObject({ code: z.string().min(1).max(16), name: definitionText });

/**
 * A framework definition as the API sends it: the members the screens edit, typed; every other member (adjustments,
 * awards, prizes, streak tiers…) kept as it is stored (the domain's `frameworkDefinitionSchema` defines them).
 */
export const frameworkDocumentSchema = z
  .looseObject({
    title: definitionText,
    illustrative: z.boolean(),
    notice: definitionText.optional(),
    fields: z.array(fieldSchema),
    indicators: z.array(indicatorSchema),
    totalPoints: z.number(),
  })
  .describe('FrameworkDefinition (fields, indicators, adjustments, awards, prizes)');
