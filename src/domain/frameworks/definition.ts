import { z } from 'zod';
import { zodMessage } from '../../message.js';
import { AdjustmentConfigSchema, AwardConfigSchema, PrizeTableSchema } from '../../engine/index.js';

/**
 * The yearly evaluation framework (평가 체계) as data: fields → indicators with points (배점), method, formula,
 * evidence requirements and bounds; qualitative indicators carry a rubric; bonus/penalty rules, award tiers and
 * prizes come from the engine's schemas. Stored as JSON in framework_versions; this schema is its single source
 * of truth.
 */
export const bilingual = z.strictObject({ ko: z.string().min(1), en: z.string().min(1) });

export const indicatorCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,15}$/, zodMessage({ ko: '지표 코드는 대문자로 시작하는 영문·숫자입니다', en: 'indicator codes are upper-case letters and digits, e.g. S1' }));

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
        name: bilingual,
        weight: z.number().positive(),
        maxPoints: z.number().positive().optional(),
        levels: z.array(z.strictObject({ level: z.number().int().min(1).max(5), description: bilingual })).optional(),
      }),
    )
    .min(1),
});
export type Rubric = z.infer<typeof rubricSchema>;

export const indicatorSchema = z.strictObject({
  code: indicatorCode,
  field: z.string().min(1),
  name: bilingual,
  description: bilingual.optional(),
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
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const fieldSchema = z.strictObject({ code: z.string().min(1).max(16), name: bilingual });

export const frameworkDefinitionSchema = z
  .strictObject({
    schemaVersion: z.literal(1).default(1),
    title: bilingual,
    /** True for the shipped reconstructions: shown as "예시 재구성" wherever used. */
    illustrative: z.boolean().default(false),
    notice: bilingual.optional(),
    fields: z.array(fieldSchema).min(1),
    indicators: z.array(indicatorSchema).min(1),
    adjustments: AdjustmentConfigSchema,
    awards: AwardConfigSchema,
    prizes: PrizeTableSchema,
    /** Award tiers that count towards "N년 연속 우수구" streaks. */
    streakTiers: z.array(z.string()).default(['best', 'excellent']),
    /** Days districts have to file objections once provisional results are out. */
    objectionWindowDays: z.number().int().min(1).max(60).default(4),
    /** Indicator values must add up to this many points (100 in a points framework). */
    totalPoints: z.number().positive().default(100),
  })
  .superRefine((d, ctx) => {
    const fieldCodes = new Set<string>();
    d.fields.forEach((f, i) => {
      if (fieldCodes.has(f.code)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'code'], message: zodMessage({ ko: `분야 코드 중복`, en: `duplicate field code ${f.code}` }) });
      fieldCodes.add(f.code);
    });
    const codes = new Set<string>();
    d.indicators.forEach((ind, i) => {
      if (codes.has(ind.code)) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'code'], message: zodMessage({ ko: `지표 코드 중복`, en: `duplicate indicator code ${ind.code}` }) });
      codes.add(ind.code);
      if (fieldCodes.has(ind.code)) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'code'], message: zodMessage({ ko: `분야와 같은 코드`, en: `code ${ind.code} is also a field code` }) });
      if (!fieldCodes.has(ind.field)) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'field'], message: zodMessage({ ko: `없는 분야`, en: `unknown field ${ind.field}` }) });
      if (ind.kind === 'qualitative' && !ind.rubric) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'rubric'], message: zodMessage({ ko: '정성 지표에는 평가 기준표가 필요합니다', en: 'a qualitative indicator needs a rubric' }) });
      if (ind.kind === 'qualitative' && ind.method.type !== 'passthrough') ctx.addIssue({ code: 'custom', path: ['indicators', i, 'method'], message: zodMessage({ ko: '정성 지표는 passthrough 방식입니다', en: 'qualitative indicators use the passthrough method' }) });
      if (ind.bounds.min !== undefined && ind.bounds.max !== undefined && ind.bounds.min > ind.bounds.max) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'bounds'], message: zodMessage({ ko: '하한이 상한보다 큽니다', en: 'min exceeds max' }) });
    });
    const total = d.indicators.reduce((s, x) => s + x.points, 0);
    if (Math.abs(total - d.totalPoints) > 1e-9) {
      ctx.addIssue({ code: 'custom', path: ['indicators'], message: zodMessage({ ko: `배점 합계 ${total}점, ${d.totalPoints}점이어야 합니다`, en: `points add up to ${total}, must be ${d.totalPoints}` }) });
    }
    fieldCodes.forEach((f) => {
      if (!d.indicators.some((x) => x.field === f)) ctx.addIssue({ code: 'custom', path: ['fields'], message: zodMessage({ ko: `지표가 없는 분야`, en: `field ${f} has no indicator` }) });
    });
    const tierCodes = new Set(d.awards.tiers.map((t) => t.code));
    d.streakTiers.forEach((t, i) => {
      if (!tierCodes.has(t)) ctx.addIssue({ code: 'custom', path: ['streakTiers', i], message: zodMessage({ ko: `없는 시상 등급`, en: `unknown award tier ${t}` }) });
    });
    d.prizes.prizes.forEach((p, i) => {
      if (!tierCodes.has(p.tier)) ctx.addIssue({ code: 'custom', path: ['prizes', 'prizes', i, 'tier'], message: zodMessage({ ko: `없는 시상 등급`, en: `unknown award tier ${p.tier}` }) });
    });
  });

export type FrameworkDefinition = z.infer<typeof frameworkDefinitionSchema>;
export type FrameworkDefinitionInput = z.input<typeof frameworkDefinitionSchema>;

/** Points of each field (sum of its indicators). */
export function fieldPoints(def: FrameworkDefinition): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of def.fields) m.set(f.code, 0);
  for (const i of def.indicators) m.set(i.field, (m.get(i.field) ?? 0) + i.points);
  return m;
}
