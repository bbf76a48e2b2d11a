import { z } from 'zod';
import { custom, fieldDefinitionSchema, label, patterned, type FieldDefinition, type FieldType } from '../../contract/record-types.js';
import { issueMessage } from '../../message.js';
import { DomainError, type FieldProblem } from '../errors.js';
import { josaPick } from '../../korean.js';

/**
 * Record types as data: what a district records for each kind of activity (company visit, job fair, …), field by
 * field. Built-in types ship with the product; a city admin defines more without code. These schemas are the single
 * source of truth for a definition; the record-data validator is built from a parsed definition.
 */
export {
  custom,
  fieldDefinitionSchema,
  fieldKeySchema,
  fieldTypes,
  label,
  patterned,
  type FieldDefinition,
  type FieldDefinitionInput,
  type FieldType,
} from '../../contract/record-types.js';

export const numericFieldTypes: ReadonlySet<FieldType> = new Set(['integer', 'number', 'money']);
export const textFieldTypes: ReadonlySet<FieldType> = new Set(['text', 'longtext']);

/** The record's own date column; a type whose date is not one of its fields uses this. */
export const OCCURRED_ON = 'occurred_on';

export const recordTypeCodeSchema = patterned(
  /^[a-z][a-z0-9_]{1,40}$/,
  '실적 유형 코드는 영문 소문자로 시작하는 소문자·숫자·_ 2~41자입니다 (예: job_fair).',
  'a record-type code is 2–41 lower-case letters, digits and _, starting with a letter (e.g. job_fair).',
);

export const recordTypeDefinitionSchema = z
  .strictObject({
    code: recordTypeCodeSchema,
    name: label(100),
    description: label(2000).optional(),
    fields: z.array(fieldDefinitionSchema).min(1).max(60),
    /** `occurred_on` (entered with each record), or the key of a required date field that gives the record's date. */
    dateField: z.string().default(OCCURRED_ON),
  })
  .superRefine((def, ctx) => {
    const keys = new Map<string, number>();
    def.fields.forEach((f, i) => {
      const at = ['fields', i];
      if (keys.has(f.key)) custom(ctx, [...at, 'key'], `항목 키 '${f.key}'${josaPick(f.key, '이/가')} 중복됩니다.`, `The field key '${f.key}' is used twice.`);
      keys.set(f.key, i);
      if (f.key === OCCURRED_ON) {
        custom(
          ctx,
          [...at, 'key'],
          `'${OCCURRED_ON}'${josaPick(OCCURRED_ON, '은/는')} 실적 날짜용 예약어입니다.`,
          `'${OCCURRED_ON}' is reserved for the record's date.`,
        );
      }
      if (f.type === 'enum') {
        if (!f.options) custom(ctx, [...at, 'options'], '선택형 항목에는 선택지가 필요합니다.', 'An enum field needs options.');
        else if (new Set(f.options).size !== f.options.length) {
          custom(ctx, [...at, 'options'], '선택지가 중복됩니다.', 'The options contain duplicates.');
        }
      } else if (f.options) {
        custom(ctx, [...at, 'options'], '선택지는 선택형(enum) 항목에만 씁니다.', 'Only enum fields have options.');
      }
      const numeric = numericFieldTypes.has(f.type);
      if (!numeric && (f.min !== undefined || f.max !== undefined)) {
        custom(ctx, [...at, 'min'], '최솟값·최댓값은 숫자 항목에만 씁니다.', 'Only numeric fields have min/max.');
      }
      if (f.min !== undefined && f.max !== undefined && f.min > f.max) {
        custom(ctx, [...at, 'max'], '최댓값이 최솟값보다 작습니다.', 'max is below min.');
      }
      if (f.maxLength !== undefined && !textFieldTypes.has(f.type)) {
        custom(ctx, [...at, 'maxLength'], '최대 길이는 글자 항목에만 씁니다.', 'Only text fields have maxLength.');
      }
      if (f.format !== undefined && f.type !== 'text') {
        custom(ctx, [...at, 'format'], '형식은 글자(text) 항목에만 씁니다.', 'Only text fields have a format.');
      }
    });
    def.fields.forEach((f, i) => {
      if (f.maxField === undefined) return;
      const other = def.fields.find((o) => o.key === f.maxField);
      if (!numericFieldTypes.has(f.type) || !other || !numericFieldTypes.has(other.type) || other.key === f.key) {
        custom(
          ctx,
          ['fields', i, 'maxField'],
          `'${f.key}'의 상한 항목 '${f.maxField}'${josaPick(f.maxField, '은/는')} 같은 실적 유형의 다른 숫자 항목이어야 합니다.`,
          `The maxField '${f.maxField}' of '${f.key}' must be another numeric field of the same type.`,
        );
      }
    });
    if (def.dateField !== OCCURRED_ON) {
      const f = def.fields.find((x) => x.key === def.dateField);
      if (!f || f.type !== 'date' || !f.required) {
        custom(
          ctx,
          ['dateField'],
          `날짜 기준 항목 '${def.dateField}'${josaPick(def.dateField, '은/는')} '${OCCURRED_ON}' 또는 필수 날짜 항목이어야 합니다.`,
          `The dateField '${def.dateField}' must be '${OCCURRED_ON}' or a required date field.`,
        );
      }
    }
  });
export type RecordTypeDefinition = z.infer<typeof recordTypeDefinitionSchema>;
export type RecordTypeDefinitionInput = z.input<typeof recordTypeDefinitionSchema>;

/** zod issues as bilingual field problems: our own messages as written, zod's in its Korean and English locales. */
export function zodProblems(error: z.ZodError, prefix = ''): FieldProblem[] {
  return error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'), message: issueMessage(issue) }));
}

/** Parses a record-type definition, or throws DomainError('invalid', 'record_type_invalid') listing every problem. */
export function parseRecordTypeDefinition(input: unknown): RecordTypeDefinition {
  const result = recordTypeDefinitionSchema.safeParse(input);
  if (result.success) return result.data;
  throw new DomainError(
    'invalid',
    'record_type_invalid',
    { ko: '실적 유형 정의에 오류가 있습니다.', en: 'The record-type definition has errors.' },
    zodProblems(result.error),
  );
}

/**
 * The `record_types.fields` column holds the field list; the date field is marked on its field (`recordDate`),
 * so the column stays a plain list for every reader.
 */
export type StoredField = FieldDefinition & { recordDate?: true };

export function toStoredFields(def: RecordTypeDefinition): StoredField[] {
  return def.fields.map((f) => (f.key === def.dateField ? { ...f, recordDate: true as const } : f));
}

/** The stored column's schema, built once: zod compiles a schema on its first parse, so a schema made per call costs that compilation every call. */
const storedFieldsSchema = z.array(fieldDefinitionSchema.extend({ recordDate: z.literal(true).optional() }));

export function fromStoredFields(stored: unknown): { fields: FieldDefinition[]; dateField: string } {
  const list = storedFieldsSchema.parse(stored);
  const dated = list.find((f) => f.recordDate);
  return { fields: list.map(({ recordDate: _, ...f }) => f), dateField: dated?.key ?? OCCURRED_ON };
}
