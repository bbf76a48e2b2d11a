import { z } from 'zod';
import { rowId, unitCode } from './common.js';

/** An uploaded evidence file of a district. */
export const evidenceFileSchema = z.object({
  id: z.number().int(),
  orgUnitCode: z.string().nullable(),
  originalName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.date(),
});

export const uploadedEvidenceSchema = evidenceFileSchema.extend({
  deduplicated: z.boolean().describe('The same bytes under the same name were already stored for the district'),
});
export const evidencePageSchema = z.object({ items: z.array(evidenceFileSchema), nextCursor: z.number().int().nullable() });
export const districtEvidenceParams = z.object({ code: unitCode });
export const evidenceListQuery = z.object({
  before: rowId.optional().describe('Cursor: nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const evidenceIdParams = z.object({ id: rowId });
export const evidenceDownloadQuery = z.object({ inline: z.enum(['0', '1']).optional() });
