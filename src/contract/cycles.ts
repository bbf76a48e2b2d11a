import { z } from 'zod';
import { bilingual, year } from './common.js';
import { cycleStatuses } from './values.js';

export const cycleSchema = z.object({
  year: z.number().int(),
  title: z.string(),
  dataPeriodStart: z.string(),
  dataPeriodEnd: z.string(),
  status: z.enum(cycleStatuses),
  isDemo: z.boolean(),
  publishedAt: z.date().nullable(),
  version: z.number().int(),
});

export const cycleListSchema = z.object({ cycles: z.array(cycleSchema) });

/** One item in the way of the next stage: a district's indicator and its status. */
export const gateItemSchema = z.object({
  district: z.object({ code: z.string(), name: z.string() }),
  indicator: z.object({ code: z.string(), name: bilingual }),
  status: z.string(),
});

/** The items blocking a step: the first ones (bounded) and how many in all. */
export const blockingListSchema = z.object({
  total: z.number().int(),
  truncated: z.boolean(),
  items: z.array(gateItemSchema),
});

export const cycleBlockerSchema = z.object({ code: z.string(), overridable: z.boolean(), message: bilingual, blocking: blockingListSchema.nullable() });

/** Every item of the cycle counted by status, never-started ones included (city admin and auditor only). */
export const gateCountsSchema = z.object({
  submissions: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()) }),
  reviews: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()) }),
});

export const cycleDetailSchema = z.object({
  year: z.number().int(),
  title: z.string(),
  status: z.enum(cycleStatuses),
  stageName: bilingual,
  next: z.enum(cycleStatuses).nullable(),
  version: z.number().int(),
  isDemo: z.boolean(),
  dataPeriodStart: z.string(),
  dataPeriodEnd: z.string(),
  publishedAt: z.date().nullable(),
  counts: z.object({
    submissions: z.record(z.string(), z.number()),
    reviews: z.record(z.string(), z.number()),
    objections: z.record(z.string(), z.number()),
  }),
  deadlines: z.array(z.object({ stage: z.string(), dueAt: z.date() })),
  blockers: z.array(cycleBlockerSchema),
  /** Every item counted by status (never-started ones included); city admin and auditor only. */
  gate: gateCountsSchema.nullable(),
});

export const createCycleBody = z.object({
  year,
  title: z.string().min(1).max(200).optional(),
  dataPeriodStart: z.iso.date().optional(),
  dataPeriodEnd: z.iso.date().optional(),
  copyFromYear: year.nullish(),
});

export const transitionBody = z.object({
  to: z.enum(cycleStatuses),
  version: z.number().int(),
  override: z.boolean().optional(),
  reason: z.string().max(2000).nullish(),
});

export const deadlineParams = z.object({ year, stage: z.enum(cycleStatuses) });
export const deadlineBody = z.object({ dueAt: z.coerce.date() });
