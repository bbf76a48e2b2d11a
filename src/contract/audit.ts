import { z } from 'zod';

/** The hash-chained audit log. */
export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.date(),
  actorUserId: z.number().int().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  orgUnitCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditQuery = z.object({
  cursor: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  entityType: z.string().max(50).optional(),
  action: z.string().max(80).optional(),
  orgUnitCode: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  actor: z.string().max(100).optional(),
});

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), nextCursor: z.number().int().nullable() });
export const auditCsvQuery = auditQuery.extend({
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
  /** Language of the headers: Korean unless `en`. */
  lang: z.enum(['ko', 'en']).optional(),
});
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  lastHash: z.string(),
  problems: z.array(z.object({ seq: z.number().int(), problem: z.string(), detail: z.string() })),
});
