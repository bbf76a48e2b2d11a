import { z } from 'zod';
import { bilingual, year } from './common.js';
import { frameworkDocumentSchema, indicatorSchema } from './framework-definition.js';

/** A doubt about the framework's formulas (src/domain/frameworks/lint.ts): shown to the editor, never blocks a save. */
export const frameworkWarningSchema = z.object({
  code: z.enum(['shared_field', 'unit_mismatch', 'split_gameable']),
  indicators: z.array(z.string()),
  path: z.string(),
  message: bilingual,
});

export const frameworkViewSchema = z.object({
  cycleYear: z.number().int(),
  version: z.number().int(),
  rowVersion: z.number().int(),
  frozen: z.boolean(),
  frozenAt: z.date().nullable(),
  reason: z.string().nullable(),
  createdAt: z.date(),
  definitionHash: z.string(),
  definition: frameworkDocumentSchema,
  /** Formula lint of the definition (empty when there is nothing to say). */
  warnings: z.array(frameworkWarningSchema),
});

export const frameworkVersionSchema = z.object({
  version: z.number().int(),
  frozenAt: z.date().nullable(),
  reason: z.string().nullable(),
  createdAt: z.date(),
  definitionHash: z.string(),
});
export const frameworkVersionListSchema = z.object({ versions: z.array(frameworkVersionSchema) });

export const frameworkQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
export const handbookQuery = frameworkQuery.extend({ lang: z.enum(['ko', 'en']).optional() });

/** The definition is checked by the domain (every problem listed, in both languages). */
export const saveFrameworkBody = z.object({ definition: z.unknown(), rowVersion: z.number().int().min(0), reason: z.string().max(2000).nullish() });
export const copyFrameworkBody = z.object({ fromYear: year, reason: z.string().max(2000).nullish() });

export const frameworkDiffQuery = z.object({
  from: year,
  to: year,
  fromVersion: z.coerce.number().int().min(1).optional(),
  toVersion: z.coerce.number().int().min(1).optional(),
});

export const frameworkDiffSchema = z.object({
  added: z.array(indicatorSchema),
  removed: z.array(indicatorSchema),
  changed: z.array(
    z.object({
      code: z.string(),
      field: z.string(),
      name: bilingual,
      changes: z.array(z.object({ property: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
  fields: z.object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    pointsBefore: z.record(z.string(), z.number()),
    pointsAfter: z.record(z.string(), z.number()),
  }),
  awardsChanged: z.boolean(),
  prizesChanged: z.boolean(),
  adjustmentsChanged: z.boolean(),
  summary: z.object({ ko: z.array(z.string()), en: z.array(z.string()) }),
});
