import { z } from 'zod';
import { zodMessage, type Message } from '../../message.js';
import type { FieldProblem } from '../errors.js';
import { numericFieldTypes, type FieldDefinition, type RecordTypeDefinition } from './definition.js';
import { zodProblems } from './definition.js';
import type { RecordData } from '../../db/repositories/activities.js';
import { josaPick } from '../../korean.js';

/** One record's validated data: field key → value (absent optional fields are left out). */
export type { RecordData };

export interface RecordDataOptions {
  /**
   * Accept spreadsheet-style input: numbers written as text ("1,234", "5,000원"), yes/no words for booleans
   * (예/아니오, Y/N, O/X, true/false, 1/0), dates as 2019.03.05 or 2019/3/5 or a Date. Off for JSON APIs.
   */
  coerce?: boolean;
}

const DEFAULT_MAX_LENGTH = { text: 200, longtext: 5000 } as const;
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 });

type Check = { ok: true; value: string | number | boolean | undefined } | { ok: false; message: Message };

function names(f: FieldDefinition) {
  return { ko: `'${f.label.ko}'(${f.key}) 항목`, en: `'${f.label.en}' (${f.key})` };
}

function fail(f: FieldDefinition, ko: string, en: string): Check {
  const n = names(f);
  return { ok: false, message: { ko: `${n.ko}${ko}`, en: `${n.en} ${en}` } };
}

function isValidDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function coerceNumber(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const cleaned = v.replace(/[,\s]/g, '').replace(/(원|명|건|개|회|일|㎡|m2|%)$/u, '');
  return cleaned !== '' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cleaned) ? Number(cleaned) : v;
}

const yes = new Set(['true', 'y', 'yes', 'o', '1', '예', '네', '있음', '참']);
const no = new Set(['false', 'n', 'no', 'x', '0', '아니오', '아니요', '없음', '거짓']);

function coerceBoolean(v: unknown): unknown {
  if (typeof v === 'number' && (v === 0 || v === 1)) return v === 1;
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  return yes.has(s) ? true : no.has(s) ? false : v;
}

function coerceDate(v: unknown): unknown {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return v;
  const m = /^\s*(\d{4})[-./]\s*(\d{1,2})[-./]\s*(\d{1,2})\.?\s*$/.exec(v);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : v;
}

function checkNumber(f: FieldDefinition, raw: unknown): Check {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return fail(f, '에는 숫자를 입력하세요.', 'must be a number.');
  if ((f.type === 'integer' || f.type === 'money') && !Number.isSafeInteger(raw)) {
    return f.type === 'money'
      ? fail(f, '에는 원 단위 정수 금액을 입력하세요.', 'must be an amount in whole won.')
      : fail(f, '에는 정수를 입력하세요.', 'must be a whole number.');
  }
  const unit = f.unit ?? (f.type === 'money' ? '원' : '');
  // Korean counters (명, 건, 개 …) read oddly in English; won and symbols such as ㎡ stay.
  const enUnit = f.type === 'money' ? ' won' : /[가-힣]/.test(unit) ? '' : unit;
  if (f.min !== undefined && raw < f.min) {
    return fail(f, `은 ${numberFormat.format(f.min)}${unit} 이상이어야 합니다.`, `must be at least ${numberFormat.format(f.min)}${enUnit}.`);
  }
  if (f.max !== undefined && raw > f.max) {
    return fail(f, `은 ${numberFormat.format(f.max)}${unit} 이하여야 합니다.`, `must be at most ${numberFormat.format(f.max)}${enUnit}.`);
  }
  return { ok: true, value: raw === 0 ? 0 : raw };
}

/** Checks one field's value; `undefined` out means "not given" (allowed only for optional fields). */
export function checkFieldValue(f: FieldDefinition, input: unknown, options: RecordDataOptions = {}): Check {
  let raw = input;
  if (typeof raw === 'string' && f.type !== 'longtext') raw = raw.trim();
  if (raw === undefined || raw === null || raw === '') {
    return f.required ? fail(f, '은 필수입니다.', 'is required.') : { ok: true, value: undefined };
  }
  if (options.coerce) {
    if (numericFieldTypes.has(f.type)) raw = coerceNumber(raw);
    else if (f.type === 'boolean') raw = coerceBoolean(raw);
    else if (f.type === 'date') raw = coerceDate(raw);
    else if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
  }
  switch (f.type) {
    case 'integer':
    case 'number':
    case 'money':
      return checkNumber(f, raw);
    case 'boolean':
      return typeof raw === 'boolean' ? { ok: true, value: raw } : fail(f, '은 예/아니오(true/false)로 입력하세요.', 'must be true or false.');
    case 'date':
      return typeof raw === 'string' && isValidDate(raw)
        ? { ok: true, value: raw }
        : fail(f, '은 YYYY-MM-DD 형식의 날짜여야 합니다.', 'must be a date written YYYY-MM-DD.');
    case 'enum':
      return typeof raw === 'string' && f.options?.includes(raw)
        ? { ok: true, value: raw }
        : fail(f, `은 다음 중 하나여야 합니다: ${f.options?.join(', ')}.`, `must be one of: ${f.options?.join(', ')}.`);
    case 'text':
    case 'longtext': {
      if (typeof raw !== 'string') return fail(f, '에는 글자를 입력하세요.', 'must be text.');
      const max = f.maxLength ?? DEFAULT_MAX_LENGTH[f.type];
      const length = [...raw].length;
      if (length > max) return fail(f, `은 ${max}자 이하여야 합니다 (${length}자 입력됨).`, `must be at most ${max} characters (${length} given).`);
      if (f.format === 'year_month' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(raw)) {
        return fail(f, '은 YYYY-MM 형식이어야 합니다 (예: 2019-03).', 'must be written YYYY-MM (e.g. 2019-03).');
      }
      return { ok: true, value: raw };
    }
  }
}

/**
 * The zod schema of one record's `data` for a record type: every field checked by its type, bounds, options and
 * length, unknown keys refused, and `maxField` limits (e.g. se_amount ≤ total_amount) checked. Every problem is
 * reported at once, each message naming the field in Korean and English (read with `issueMessage`); the output
 * drops absent optional fields and trims text.
 */
export function recordDataSchema(def: Pick<RecordTypeDefinition, 'fields'>, options: RecordDataOptions = {}) {
  const byKey = new Map(def.fields.map((f) => [f.key, f]));
  return z.unknown().transform((input, ctx): RecordData => {
    const issue = (path: string[], message: Message) => ctx.addIssue({ code: 'custom', path, message: zodMessage(message) });
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      issue([], { ko: '실적 내용은 항목과 값의 묶음(객체)이어야 합니다.', en: 'Record data must be an object of field values.' });
      return z.NEVER;
    }
    const out: RecordData = {};
    for (const key of Object.keys(input)) {
      if (!byKey.has(key)) {
        issue([key], { ko: `'${key}'${josaPick(key, '은/는')} 이 실적 유형에 없는 항목입니다.`, en: `'${key}' is not a field of this record type.` });
      }
    }
    for (const f of def.fields) {
      const r = checkFieldValue(f, (input as Record<string, unknown>)[f.key], options);
      if (!r.ok) issue([f.key], r.message);
      else if (r.value !== undefined) out[f.key] = r.value;
    }
    for (const f of def.fields) {
      const limit = f.maxField ? byKey.get(f.maxField) : undefined;
      const v = out[f.key];
      const cap = limit ? out[limit.key] : undefined;
      if (!limit || typeof v !== 'number' || typeof cap !== 'number' || v <= cap) continue;
      const n = names(f);
      const m = names(limit);
      issue([f.key], {
        ko: `${n.ko}${josaPick(n.ko, '은/는')} ${m.ko}(${numberFormat.format(cap)})보다 클 수 없습니다.`,
        en: `${n.en} cannot exceed ${m.en} (${numberFormat.format(cap)}).`,
      });
    }
    return out;
  });
}

export type RecordDataResult = { success: true; data: RecordData } | { success: false; problems: FieldProblem[] };

/** Validates one record's data against its type; problems carry paths `data.<key>` (or `<prefix>.<key>`). */
export function validateRecordData(
  def: Pick<RecordTypeDefinition, 'fields'>,
  data: unknown,
  options: RecordDataOptions & { pathPrefix?: string } = {},
): RecordDataResult {
  const result = recordDataSchema(def, options).safeParse(data);
  if (result.success) return { success: true, data: result.data };
  return { success: false, problems: zodProblems(result.error, options.pathPrefix ?? 'data') };
}
