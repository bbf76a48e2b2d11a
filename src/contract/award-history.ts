import { z } from 'zod';

export const awardHistoryEntrySchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  orgUnitCode: z.string().describe('Administrative code, e.g. 11215'),
  orgUnitName: z.string(),
  tier: z.string().nullable().describe('The tier code as the frameworks name it (best, excellent, …); null: no award that year'),
  tierName: z.string().nullable().describe('The tier as that year named it, e.g. 우수구'),
  rank: z.number().int().nullable(),
  score: z.number().nullable(),
  prize: z.number().nullable().describe('시상금 in 원'),
  source: z.string().describe("Where the result comes from (a report, a file; 'demo' for the demo's illustrative reconstruction)"),
  note: z.string().nullable(),
  importedByLabel: z.string(),
  importedAt: z.string().describe('ISO 8601'),
});

export const awardHistoryListSchema = z.object({ items: z.array(awardHistoryEntrySchema) });

export const awardHistoryImportResultSchema = z.object({
  rows: z.number().int().describe('(unit, year) results written, new or replaced'),
  years: z.array(z.number().int()),
  awarded: z.number().int().describe('Rows with a tier'),
});

export const awardHistoryImportQuery = z.object({
  source: z.string().trim().max(200).optional().describe('Where the results come from, for rows without a source of their own (default: the file name)'),
});
