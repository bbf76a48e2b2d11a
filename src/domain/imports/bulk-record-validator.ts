import { checkFieldValue, OCCURRED_ON, recordDataSchema, validateRecordInput, type RecordType } from '../activities/index.js';
import { zodProblems } from '../activities/definition.js';
import type { FieldProblem } from '../errors.js';

export interface RowInput {
  /** The row's date cell (absent when the file has no date column). */
  occurredOn: string | undefined;
  /** Field key → cell text, empty cells left out. */
  data: Record<string, string>;
}

export type RowValidation = { ok: true; occurredOn: string; data: Record<string, unknown> } | { ok: false; problems: FieldProblem[] };

/**
 * Checks one CSV row's date and data against its record type. Problems use the paths of the activities module:
 * `occurredOn`, `data.<field key>`; the importer turns them into columns of the file.
 */
export type RowValidator = (type: RecordType, row: RowInput) => RowValidation;

const occurredOnField = { key: OCCURRED_ON, label: { ko: '실적 일자', en: 'Date' }, type: 'date' as const, required: true };

/**
 * The activity-record rules of `validateRecordInput` (spreadsheet coercion on: "1,234", 예/아니오, 2019.03.05), with
 * each record type's data schema built once instead of once per row — 8 µs instead of 49 µs a row, which matters
 * at a million rows. Types dated by one of their own fields go through `validateRecordInput` itself.
 */
export function activityRowValidator(): RowValidator {
  const schemas = new Map<number, ReturnType<typeof recordDataSchema>>();
  return (type, row) => {
    if (type.dateField !== OCCURRED_ON) return validateRecordInput(type, row, { coerce: true });
    let schema = schemas.get(type.id);
    if (!schema) schemas.set(type.id, (schema = recordDataSchema(type, { coerce: true })));
    const data = schema.safeParse(row.data);
    const date = checkFieldValue(occurredOnField, row.occurredOn, { coerce: true });
    if (data.success && date.ok) return { ok: true, occurredOn: date.value as string, data: data.data };
    const problems = data.success ? [] : zodProblems(data.error, 'data');
    if (!date.ok) problems.unshift({ path: 'occurredOn', message: date.message });
    return { ok: false, problems };
  };
}
