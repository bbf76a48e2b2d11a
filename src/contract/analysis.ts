import { z } from 'zod';
import { bilingual } from './common.js';

const num = z.number().nullable();

/** The engine's `analyse` result (COINr-compatible statistical audit), as stored with a scoring run. */
export const analysisResultSchema = z.object({
  engineVersion: z.string(),
  inputHash: z.string(),
  stats: z.array(
    z.object({
      iCode: z.string(),
      n: z.number().int(),
      min: num,
      max: num,
      mean: num,
      median: num,
      sd: num,
      skew: num,
      kurtosis: num,
      flags: z.array(z.enum(['lowAvailability', 'manyZeros', 'fewUnique', 'outliers'])),
    }),
  ),
  correlations: z.array(z.object({ a: z.string(), b: z.string(), r: num, relation: z.enum(['parent', 'sibling']) })),
  cronbach: z.record(z.string(), num),
  pca: z.record(z.string(), z.object({ varianceExplained: z.array(z.number()), loadings: z.record(z.string(), z.number()) }).nullable()),
  removal: z.array(z.object({ level: z.number().int(), code: z.string(), meanAbsRankChange: num })),
});

/** A run's audit with the names of the framework's elements. */
export const analysisViewSchema = z.object({
  runId: z.number().int(),
  kind: z.string(),
  unitCount: z.number().int(),
  nodes: z.array(z.object({ code: z.string(), name: bilingual, level: z.number().int(), parent: z.string().nullable() })),
  analysis: analysisResultSchema.nullable().describe('null when the engine could not audit the run'),
});
