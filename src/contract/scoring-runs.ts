import { z } from 'zod';
import { bilingual } from './common.js';
import { blockingListSchema } from './cycles.js';

export const runKind = z.enum(['trial', 'provisional', 'final']);
export const runIdParams = z.object({ id: z.coerce.number().int() });

/** What the admin must know about a run, fixed when it ran: data completeness, an override, the engine's warnings in plain words. */
export const runNoticesSchema = z.object({
  completeness: z.object({ total: z.number().int(), verified: z.number().int(), counts: z.record(z.string(), z.number()), message: bilingual }),
  override: z.object({ reason: z.string(), blocking: blockingListSchema }).nullable(),
  messages: z.array(z.object({ code: z.string(), count: z.number().int(), message: bilingual })),
});

export const runListItemSchema = z.object({
  id: z.number().int(),
  kind: runKind,
  status: z.string(),
  inputHash: z.string(),
  engineVersion: z.string(),
  progress: z.number(),
  note: z.string().nullable(),
  notices: runNoticesSchema.nullable().describe('null until the run has finished'),
  error: bilingual.nullable().describe('why the run failed'),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});
export const runListSchema = z.object({ runs: z.array(runListItemSchema) });

export const startRunBody = z.object({
  kind: runKind,
  note: z.string().max(1000).nullish(),
  override: z.boolean().optional().describe('Run a provisional/final run although items are not verified (needs a reason)'),
  reason: z.string().max(2000).nullish(),
});

/** One district in a run's outcome (the stored result keeps more members: explanation, normalised values…). */
export const runUnitOutcomeSchema = z.looseObject({
  code: z.string(),
  name: z.string(),
  baseScore: z.number().nullable(),
  bonus: z.number(),
  penalty: z.number(),
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  previousRank: z.number().int().nullable(),
  awardTier: z.string().nullable(),
  fieldScores: z.record(z.string(), z.number().nullable()),
  points: z.record(z.string(), z.number()),
  raw: z.record(z.string(), z.number().nullable()),
});

/** The engine's outcome of a run as stored. */
export const runOutcomeSchema = z.looseObject({
  year: z.number().int(),
  engineVersion: z.string(),
  snapshotHash: z.string(),
  units: z.array(runUnitOutcomeSchema),
  tiers: z.array(z.object({ code: z.string(), name: bilingual, winners: z.array(z.string()), prizeEach: z.number(), total: z.number() })),
  prizeTotal: z.number(),
  warnings: z.array(bilingual),
});

export const startedRunSchema = z.object({
  id: z.number().int(),
  kind: runKind,
  status: z.string(),
  inputHash: z.string(),
  engineVersion: z.string(),
  outcome: runOutcomeSchema,
  notices: runNoticesSchema,
});

export const tieDecisionSchema = z.object({
  kind: z.enum(['award_all', 'leave_empty', 'order']),
  tier: z.string(),
  group: z.string().optional(),
  tied: z.array(z.string()),
  order: z.array(z.string()).optional(),
  rule: z.string().optional(),
  reason: z.string().optional(),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
});

/** A tie that gives a tier more winners than places, and the decision on it (null = undecided). */
export const awardTieSchema = z.object({
  tier: z.string(),
  name: bilingual,
  group: z.string().optional(),
  places: z.number().int(),
  rank: z.number().int(),
  placesLeft: z.number().int(),
  tied: z.array(z.string()),
  tiedUnits: z.array(z.object({ code: z.string(), name: z.string() })),
  decision: tieDecisionSchema.nullable(),
  message: bilingual,
});

export const tieBreakRuleSchema = z.object({ code: z.string(), name: bilingual });

/** The frozen snapshot a run scored (the screens read the framework's fields from it; every member is kept). */
export const runInputSchema = z.looseObject({
  frameworkVersion: z.number().int(),
  framework: z.looseObject({ fields: z.array(z.object({ code: z.string(), name: bilingual })).optional() }),
});

export const runViewSchema = runListItemSchema.extend({
  input: runInputSchema,
  result: runOutcomeSchema.nullable().describe('null until the run has finished'),
  ties: z.array(awardTieSchema),
  tieBreakRules: z.array(tieBreakRuleSchema),
});

export const decideTieBody = z.object({
  tier: z.string().min(1),
  group: z.string().min(1).optional(),
  decision: z.enum(['award_all', 'leave_empty', 'tie_break']),
  rule: z.string().min(1).optional().describe('For tie_break: a rule code from the run’s tieBreakRules'),
  reason: z.string().trim().min(1).max(2000),
});

export const runTiesSchema = z.object({ runId: z.number().int(), ties: z.array(awardTieSchema) });

export const reproductionSchema = z.object({
  runId: z.number().int(),
  identical: z.boolean(),
  storedHash: z.string(),
  recomputedHash: z.string(),
  engineVersion: z.object({ stored: z.string(), current: z.string() }),
  differences: z.array(z.object({ code: z.string(), field: z.string(), stored: z.unknown(), recomputed: z.unknown() })),
});

export const compareRunsQuery = z.object({ from: z.coerce.number().int(), to: z.coerce.number().int() });

export const runComparisonSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      score: z.object({ from: z.number().nullable(), to: z.number().nullable(), delta: z.number().nullable() }),
      rank: z.object({ from: z.number().nullable(), to: z.number().nullable() }),
      awardTier: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
    }),
  ),
  inputChanges: z.array(z.object({ code: z.string(), indicator: z.string(), from: z.number().nullable(), to: z.number().nullable() })),
  adjustmentsChanged: z.boolean(),
  frameworkChanged: z.boolean(),
});
