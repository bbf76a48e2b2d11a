import { z } from 'zod';
import { adminCode, year } from './common.js';

/** Activity records of a district. */
const isoDate = z.iso.date();

export const recordSchema = z.object({
  id: z.number().int(),
  orgUnitCode: z.string(),
  recordType: z.string(),
  occurredOn: z.string(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  version: z.number().int(),
  importId: z.number().int().nullable(),
  createdBy: z.number().int().nullable(),
  updatedBy: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  returnedItems: z
    .array(
      z.object({
        id: z.number().int(),
        year: z.number().int(),
        orgUnitCode: z.string(),
        indicator: z.string(),
        status: z.string(),
        submittedValue: z.number().nullable(),
        currentValue: z.number().nullable(),
      }),
    )
    .optional()
    .describe('After a change, when there are any: submitted or approved items whose value it changed, now returned to the district to submit again'),
});

const recordInput = {
  occurredOn: isoDate.nullish().describe('The record’s date (YYYY-MM-DD); for a type dated by one of its fields, leave it out'),
  data: z.record(z.string(), z.unknown()).describe('Field key → value, as the record type defines'),
  reason: z.string().max(2000).optional(),
};

/** The cycle's data period intersected with the asked range (a cycle year stands for its data period). */

export const districtRecordsParams = z.object({ code: adminCode });
export const recordListQuery = z.object({
  type: z.string().max(41).optional().describe('record type code'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cycle: year.optional().describe('a cycle year: only its data period'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const recordPageSchema = z.object({ items: z.array(recordSchema), nextCursor: z.string().nullable() });
export const createRecordBody = z.object({ recordType: z.string().min(1).max(41), ...recordInput });
export const recordIdParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
export const updateRecordBody = z.object({ version: z.number().int().min(1), ...recordInput });
export const deleteRecordQuery = z.object({ version: z.coerce.number().int().min(1), reason: z.string().max(2000).optional() });
