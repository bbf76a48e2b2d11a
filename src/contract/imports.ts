import { z } from 'zod';
import { bilingual, rowId, year } from './common.js';

/** Imports of activity records from a filled-in template or a CSV file. */
export const importProblemSchema = z.object({
  path: z.string(),
  message: bilingual,
  sheet: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional(),
});

export const importViewSchema = z.object({
  id: z.number().int(),
  cycleYear: z.number().int().nullable(),
  orgUnitCode: z.string().nullable(),
  format: z.string(),
  fileName: z.string(),
  status: z.string(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(importProblemSchema).describe('every stored problem, in Korean and English'),
  summary: z.unknown(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  job: z.object({ id: z.number().int(), status: z.string(), progress: z.number(), message: z.string().nullable(), error: bilingual.nullable() }).nullable(),
});

/** One sheet of an imported workbook: its record type (null: not a record sheet) and what its rows did. */
export const importSheetSummarySchema = z.object({
  sheet: z.string(),
  recordType: z.string().nullable(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

export const importDoneSchema = z
  .object({
    importId: z.number().int(),
    status: z.literal('committed'),
    format: z.enum(['xlsx', 'csv']),
    created: z.number().int(),
    updated: z.number().int().optional(),
    unchanged: z.number().int().optional(),
    rows: z.number().int().optional(),
    sheets: z.array(importSheetSummarySchema).optional(),
    directValues: z.object({ rows: z.number().int(), saved: z.number().int(), unchanged: z.number().int() }).optional(),
  })
  .catchall(z.unknown())
  .describe('xlsx: created, updated, unchanged, sheets[], directValues; csv: created, rows, encoding');

export const importQueuedSchema = z.object({
  importId: z.number().int(),
  jobId: z.number().int(),
  status: z.literal('queued'),
  statusUrl: z.string(),
});

export const importPageSchema = z.object({ items: z.array(importViewSchema), nextCursor: z.number().int().nullable() });
export const importIdParams = z.object({ id: rowId });
export const districtImportsQuery = z.object({
  cycle: year.optional(),
  cursor: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
