import type { ActivityRecord, RecordField, RecordInput, RecordType, RecordValue } from '../../../types/index.js';

/** The record's own date column, used when a type is not dated by one of its fields. */
export const OCCURRED_ON = 'occurred_on';

export const numericTypes = new Set<RecordField['type']>(['integer', 'number', 'money']);

/** What the form holds for each field: text as typed, booleans as booleans. */
export type FormValues = Record<string, string | boolean>;

export function emptyForm(type: RecordType): FormValues {
  const values: FormValues = { [OCCURRED_ON]: '' };
  for (const field of type.fields) values[field.key] = field.type === 'boolean' ? false : '';
  return values;
}

export function formOf(type: RecordType, record: ActivityRecord): FormValues {
  const values = emptyForm(type);
  values[OCCURRED_ON] = record.occurredOn;
  for (const field of type.fields) {
    const value = record.data[field.key];
    if (value === undefined) continue;
    values[field.key] = field.type === 'boolean' ? value === true : String(value);
  }
  return values;
}

/**
 * The request body for the form: numbers as numbers, empty optional fields left out (the server reports a missing
 * required one at its field). A number that does not parse is sent as typed, so the server names the problem.
 */
export function inputOf(type: RecordType, values: FormValues): RecordInput {
  const data: Record<string, RecordValue> = {};
  for (const field of type.fields) {
    const raw = values[field.key];
    if (field.type === 'boolean') {
      data[field.key] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') continue;
    if (numericTypes.has(field.type)) {
      const number = Number(text.replaceAll(',', ''));
      data[field.key] = Number.isFinite(number) ? number : text;
    } else data[field.key] = text;
  }
  const dated = type.dateField === OCCURRED_ON;
  const occurredOn = typeof values[OCCURRED_ON] === 'string' ? values[OCCURRED_ON].trim() : '';
  return { ...(dated ? { occurredOn: occurredOn === '' ? null : occurredOn } : {}), data };
}
