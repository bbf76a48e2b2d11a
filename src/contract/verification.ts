import { z } from 'zod';
import { bilingual, indicatorParam, unitCode, year } from './common.js';
import { itemStatus, outlierFlagSchema, submissionViewSchema } from './submissions.js';
import { cycleStatuses } from './values.js';

/** An item and the version the decision is based on. */
export const itemRef = z.object({ id: z.number().int().positive(), version: z.number().int().min(1) });

export const cellSchema = z.object({
  id: z.number().int(),
  status: itemStatus.exclude(['not_started']),
  value: z.number().nullable(),
  late: z.boolean(),
  flags: z.array(outlierFlagSchema),
  changed: z.boolean().describe('returned to the district because the records or evidence behind it changed after submission'),
  version: z.number().int(),
});

/** The city's progress matrix: every district × every indicator of the cycle. */
export const verificationMatrixSchema = z.object({
  year: z.number().int(),
  cycleStatus: z.enum(cycleStatuses),
  indicators: z.array(z.object({ code: z.string(), name: bilingual, kind: z.string() })),
  districts: z.array(z.object({ code: z.string(), name: z.string(), cells: z.array(cellSchema.nullable()) })),
  totals: z.record(itemStatus, z.number().int()),
  flagged: z.number().int(),
  late: z.number().int(),
});

export const returnItemBody = itemRef.extend({ reason: z.string().min(1).max(2000) });
export const bulkVerifyBody = z.object({ items: z.array(itemRef).min(1).max(5000) });
export const bulkVerifiedSchema = z.object({ verified: z.array(z.number().int()) });

export const compareParams = z.object({ year, code: unitCode, indicator: indicatorParam });
export const itemComparisonSchema = z.object({
  year: z.number().int(),
  district: z.object({ code: z.string(), name: z.string() }),
  item: submissionViewSchema,
  lastYear: z.object({ year: z.number().int(), value: z.number().nullable() }),
  history: z.array(z.object({ year: z.number().int(), value: z.number() })),
  peers: z.object({ n: z.number().int(), median: z.number().nullable(), min: z.number().nullable(), max: z.number().nullable() }),
});
