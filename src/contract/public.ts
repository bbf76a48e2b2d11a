import { z } from 'zod';
import { bilingual, districtCode, lang, year } from './common.js';
import { unitWordsSchema } from './reference-data.js';

/** Published results, for everyone (no sign-in). */

export const publicCycleSchema = z.object({
  year: z.number().int(),
  title: z.string(),
  status: z.literal('published'),
  publishedAt: z.date().nullable(),
  demo: z.boolean(),
});
export const publicCycleListSchema = z.object({ cycles: z.array(publicCycleSchema) });

export const resultsSchema = z.object({
  year: z.number().int(),
  title: z.string(),
  demo: z.boolean(),
  illustrative: z.boolean(),
  publishedAt: z.date(),
  topCode: z.string(),
  /** What the units are called ('구'/'자치구'/'district'; '시·군'/'city or county'). */
  unitWords: unitWordsSchema,
  fields: z.array(z.object({ code: z.string(), name: bilingual, points: z.number() })),
  tiers: z.array(z.object({ code: z.string(), name: bilingual, winners: z.number().int(), prizeEach: z.number(), total: z.number() })),
  prizeTotal: z.number(),
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
      awardTier: z.string().nullable(),
      fieldScores: z.record(z.string(), z.number().nullable()),
      bonus: z.number(),
      penalty: z.number(),
      prize: z.number(),
      previousRank: z.number().int().nullable(),
      streak: z.number().int().nullable(),
      streakText: bilingual.nullable(),
    }),
  ),
});

export const scorecardSchema = z.object({
  year: z.number().int(),
  title: z.string(),
  demo: z.boolean(),
  unitWords: unitWordsSchema,
  district: z.object({ code: z.string(), name: z.string() }),
  score: z.number().nullable(),
  baseScore: z.number().nullable(),
  rank: z.number().int().nullable(),
  previousRank: z.number().int().nullable(),
  awardTier: z.string().nullable(),
  awardTierName: bilingual.nullable(),
  awardReason: bilingual.nullable(),
  prize: z.number(),
  streak: z.object({ ko: z.string(), en: z.string(), length: z.number().int() }).nullable(),
  bonus: z.number(),
  penalty: z.number(),
  fields: z.array(z.object({ code: z.string(), name: bilingual, score: z.number().nullable() })),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: bilingual,
      field: z.string(),
      kind: z.enum(['quantitative', 'qualitative']),
      points: z.number(),
      earned: z.number().nullable(),
      rawValue: z.number().nullable(),
      unit: z.string().nullable(),
      normalised: z.number().nullable(),
      median: z.number().nullable().describe('City median of the normalised value (0–100)'),
    }),
  ),
  explanation: z.object({ ko: z.array(z.string()), en: z.array(z.string()) }),
  trend: z.array(z.object({ year: z.number().int(), score: z.number().nullable(), rank: z.number().int().nullable(), awardTier: z.string().nullable() })),
  reproducibility: z.object({ runId: z.number().int(), snapshotHash: z.string(), engineVersion: z.string() }),
  robustness: z
    .object({
      runs: z.number().int(),
      noise: z.number(),
      medianRank: z.number().nullable(),
      rankP5: z.number().nullable(),
      rankP95: z.number().nullable(),
      tierProbability: z.record(z.string(), z.number()).nullable(),
    })
    .nullable()
    .describe('Monte Carlo sensitivity of the rank: weights ±noise, 5th–95th percentile rank and award tier probabilities'),
});

export const engineInputSchema = z.object({
  year: z.number().int(),
  snapshotHash: z.string(),
  engineVersion: z.string(),
  iMeta: z.array(z.record(z.string(), z.unknown())),
  iData: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  options: z.record(z.string(), z.unknown()),
});

export const publicScorecardParams = z.object({ year, code: districtCode });
export const downloadQuery = z.object({ lang: lang.optional() });
/**
 * Open-data downloads: headers in Korean unless `lang=en` (the address alone decides, so every cache keeps the
 * right copy); a CSV in UTF-8 with a byte-order mark unless `encoding=cp949` (older Excel).
 */
export const openDataQuery = z.object({ lang: lang.optional(), encoding: z.enum(['utf-8', 'cp949']).optional() });
