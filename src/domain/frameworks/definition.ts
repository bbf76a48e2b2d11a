import { z } from 'zod';
import { definitionText as bilingual, fieldSchema, indicatorSchema } from '../../contract/framework-definition.js';
import { zodMessage } from '../../message.js';
import { AdjustmentConfigSchema, AwardConfigSchema, PrizeTableSchema } from '../../engine/index.js';

/**
 * The yearly evaluation framework (평가 체계) as data: fields → indicators with points (배점), method, formula,
 * evidence requirements and bounds; qualitative indicators carry a rubric; bonus/penalty rules, award tiers and
 * prizes come from the engine's schemas. Stored as JSON in framework_versions; this schema is its single source
 * of truth.
 */
export {
  definitionText as bilingual,
  fieldSchema,
  indicatorCode,
  indicatorGuidanceSchema,
  indicatorSchema,
  methodSchema,
  rubricSchema,
  type Indicator,
  type IndicatorCode,
  type IndicatorGuidance,
  type Method,
  type Rubric,
} from '../../contract/framework-definition.js';

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
    /** Award tiers that count towards "N년 연속 우수구" streaks (this year's, and earlier schemes' that still count). */
    streakTiers: z.array(z.string()).default(['best', 'excellent']),
    /** Days districts have to file objections once provisional results are out. */
    objectionWindowDays: z.number().int().min(1).max(60).default(4),
    /**
     * The year of the population per-capita indicators divide by: 'cycle' (absent) the cycle's year, refused when
     * not loaded; 'latest_available' the latest loaded year up to it, named in the computation.
     */
    populationYear: z.enum(['cycle', 'latest_available']).optional(),
    /** Indicator values must add up to this many points (100 in a points framework). */
    totalPoints: z.number().positive().default(100),
  })
  .superRefine((d, ctx) => {
    const fieldCodes = new Set<string>();
    d.fields.forEach((f, i) => {
      if (fieldCodes.has(f.code))
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'code'], message: zodMessage({ ko: `분야 코드 중복`, en: `duplicate field code ${f.code}` }) });
      fieldCodes.add(f.code);
    });
    const codes = new Set<string>();
    d.indicators.forEach((ind, i) => {
      if (codes.has(ind.code))
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'code'],
          message: zodMessage({ ko: `지표 코드 중복`, en: `duplicate indicator code ${ind.code}` }),
        });
      codes.add(ind.code);
      if (fieldCodes.has(ind.code))
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'code'],
          message: zodMessage({ ko: `분야와 같은 코드`, en: `code ${ind.code} is also a field code` }),
        });
      if (!fieldCodes.has(ind.field))
        ctx.addIssue({ code: 'custom', path: ['indicators', i, 'field'], message: zodMessage({ ko: `없는 분야`, en: `unknown field ${ind.field}` }) });
      if (ind.kind === 'qualitative' && !ind.rubric)
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'rubric'],
          message: zodMessage({ ko: '정성 지표에는 평가 기준표가 필요합니다', en: 'a qualitative indicator needs a rubric' }),
        });
      if (ind.kind === 'qualitative' && ind.method.type !== 'passthrough')
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'method'],
          message: zodMessage({ ko: '정성 지표는 passthrough 방식입니다', en: 'qualitative indicators use the passthrough method' }),
        });
      if (ind.bounds.min !== undefined && ind.bounds.max !== undefined && ind.bounds.min > ind.bounds.max)
        ctx.addIssue({ code: 'custom', path: ['indicators', i, 'bounds'], message: zodMessage({ ko: '하한이 상한보다 큽니다', en: 'min exceeds max' }) });
    });
    const total = d.indicators.reduce((s, x) => s + x.points, 0);
    if (Math.abs(total - d.totalPoints) > 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['indicators'],
        message: zodMessage({ ko: `배점 합계 ${total}점, ${d.totalPoints}점이어야 합니다`, en: `points add up to ${total}, must be ${d.totalPoints}` }),
      });
    }
    fieldCodes.forEach((f) => {
      if (!d.indicators.some((x) => x.field === f))
        ctx.addIssue({ code: 'custom', path: ['fields'], message: zodMessage({ ko: `지표가 없는 분야`, en: `field ${f} has no indicator` }) });
    });
    const tierCodes = new Set(d.awards.tiers.map((t) => t.code));
    // A streak tier may be one of earlier years' schemes (최우수구 still counts after the tier was dropped), but
    // at least one must be this year's, or no district could extend a streak.
    if (d.streakTiers.length > 0 && !d.streakTiers.some((t) => tierCodes.has(t)))
      ctx.addIssue({
        code: 'custom',
        path: ['streakTiers'],
        message: zodMessage({
          ko: `연속 기록에 세는 등급 중 올해 시상 등급이 없습니다`,
          en: `no streak tier is an award tier of this framework (${d.streakTiers.join(', ')})`,
        }),
      });
    d.prizes.prizes.forEach((p, i) => {
      if (!tierCodes.has(p.tier))
        ctx.addIssue({
          code: 'custom',
          path: ['prizes', 'prizes', i, 'tier'],
          message: zodMessage({ ko: `없는 시상 등급`, en: `unknown award tier ${p.tier}` }),
        });
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
