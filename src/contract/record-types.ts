import { z } from 'zod';
import { zodMessage } from '../message.js';
import { bilingual } from './common.js';

/**
 * The field definitions of a record type (what a district records for each kind of activity), as the API sends them
 * and the city admin writes them. The whole record-type definition and the rules across fields are in
 * src/domain/activities/definition.ts.
 */
export const fieldTypes = ['text', 'longtext', 'integer', 'number', 'money', 'date', 'boolean', 'enum'] as const;
export type FieldType = (typeof fieldTypes)[number];

/** A label in Korean and English, trimmed, neither empty. */
export const label = (max: number) => z.strictObject({ ko: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) });

/** A validation issue in both languages (the problem mapper shows the caller's). */
export function custom(ctx: z.core.$RefinementCtx, path: (string | number)[], ko: string, en: string) {
  ctx.addIssue({ code: 'custom', path, message: zodMessage({ ko, en }) });
}

/** A code that must match a pattern; the message names the value. */
export function patterned(re: RegExp, ko: string, en: string) {
  return z.string().superRefine((s, ctx) => {
    if (!re.test(s)) custom(ctx, [], `'${s}': ${ko}`, `'${s}': ${en}`);
  });
}

export const fieldKeySchema = patterned(
  /^[a-z][a-z0-9_]{0,40}$/,
  '항목 키는 영문 소문자로 시작하는 소문자·숫자·_ 41자 이내입니다 (예: job_seekers).',
  'a field key is up to 41 lower-case letters, digits and _, starting with a letter (e.g. job_seekers).',
);

export const fieldDefinitionSchema = z.strictObject({
  key: fieldKeySchema,
  label: label(100),
  type: z.enum(fieldTypes),
  required: z.boolean().default(false),
  /** Bounds of a numeric field, inclusive. */
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  /** Longest text in characters (defaults: 200 for text, 5000 for longtext). */
  maxLength: z.number().int().min(1).max(20_000).optional(),
  /** The choices of an enum field, shown in this order. */
  options: z.array(z.string().trim().min(1).max(100)).min(1).max(100).optional(),
  /** Shown after the value, e.g. 명, 건, ㎡. */
  unit: z.string().trim().min(1).max(20).optional(),
  /** A fixed shape of a text field: `year_month` = YYYY-MM. */
  format: z.enum(['year_month']).optional(),
  /** The value may not exceed this other numeric field of the same record (e.g. se_amount ≤ total_amount). */
  maxField: fieldKeySchema.optional(),
});
export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;
export type FieldDefinitionInput = z.input<typeof fieldDefinitionSchema>;

export const recordTypeCode = z.string().min(2).max(41);

export const recordTypeSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: bilingual,
  description: bilingual.optional(),
  fields: z.array(fieldDefinitionSchema),
  dateField: z.string().describe('occurred_on, or the key of the required date field that dates a record'),
  builtin: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  version: z.number().int(),
});

export const recordTypeDefinitionBody = z
  .record(z.string(), z.unknown())
  .describe(
    'Record-type definition: code, name {ko, en}, description?, fields [{key, label {ko, en}, type, required, min, max, maxLength, options, unit, format, maxField}], dateField?',
  );
const reason = z.string().max(2000).optional();
export const recordTypeStateBody = z.object({ version: z.number().int().min(1), reason });

export const recordTypeListSchema = z.object({ recordTypes: z.array(recordTypeSchema) });
export const recordTypeListQuery = z.object({ includeInactive: z.enum(['true', 'false', '1', '0']).optional() });
export const recordTypeParams = z.object({ code: recordTypeCode });
export const createRecordTypeBody = z.object({ definition: recordTypeDefinitionBody, reason });
export const updateRecordTypeBody = z.object({ version: z.number().int().min(1), definition: recordTypeDefinitionBody, reason });
