import { OCCURRED_ON, type FieldDefinition, type FieldType } from '../activities/definition.js';
import type { Message } from '../errors.js';

/**
 * The column layout of a record-type sheet, shared by the template, the importer and the export, so that a file
 * the product writes is always one it can read back. Row 1 holds the headers people read (label, unit, `*` when
 * required); row 2, hidden in the template, holds the field keys, so a renamed or translated header still maps.
 */
export const RECORD_ID_KEY = '_id';
export const RECORD_VERSION_KEY = '_version';

export type ColumnType = FieldType | 'record_id' | 'version';

export interface SheetColumn {
  key: string;
  label: Message;
  /** What row 1 shows, e.g. `발굴 일자리 수 (개) *`. */
  header: Message;
  type: ColumnType;
  required: boolean;
  /** The field definition behind the column (absent for the date, ID and version columns). */
  field?: FieldDefinition;
  /** Bookkeeping columns (record ID, version) stay hidden in the template. */
  hidden: boolean;
  width: number;
  numFmt?: string;
}

/** The least a record type must offer to be laid out as a sheet. */
export interface SheetRecordType {
  code: string;
  name: Message;
  fields: FieldDefinition[];
  dateField: string;
}

const DATE_LABEL: Message = { ko: '실적 일자', en: 'Date' };
const ID_LABEL: Message = { ko: '실적 ID (수정 금지)', en: 'Record ID (do not edit)' };
const VERSION_LABEL: Message = { ko: '버전 (수정 금지)', en: 'Version (do not edit)' };

const numFmts: Partial<Record<ColumnType, string>> = {
  integer: '#,##0',
  money: '#,##0',
  number: '#,##0.##',
  date: 'yyyy-mm-dd',
};

function unitOf(f: FieldDefinition): string | undefined {
  return f.unit ?? (f.type === 'money' ? '원' : undefined);
}

function headerOf(label: Message, unit: string | undefined, required: boolean): Message {
  const u = unit ? ` (${unit})` : '';
  const star = required ? ' *' : '';
  return { ko: `${label.ko}${u}${star}`, en: `${label.en}${u}${star}` };
}

function widthOf(f: Pick<FieldDefinition, 'type' | 'label'>): number {
  const byType: Record<string, number> = { longtext: 40, text: 24, enum: 18, date: 13, boolean: 10 };
  return Math.min(45, Math.max(byType[f.type] ?? 14, [...f.label.ko].length * 2 + 6));
}

function fieldColumn(f: FieldDefinition): SheetColumn {
  return {
    key: f.key,
    label: f.label,
    header: headerOf(f.label, unitOf(f), f.required),
    type: f.type,
    required: f.required,
    field: f,
    hidden: false,
    width: widthOf(f),
    ...(numFmts[f.type] ? { numFmt: numFmts[f.type]! } : {}),
  };
}

/**
 * The columns of a record type's sheet: its date (unless one of its fields dates it), its fields in order, then the
 * hidden record ID and version that let a pre-filled sheet update the records it came from.
 */
export function recordTypeColumns(type: SheetRecordType): SheetColumn[] {
  const columns: SheetColumn[] = [];
  if (type.dateField === OCCURRED_ON) {
    columns.push({
      key: OCCURRED_ON,
      label: DATE_LABEL,
      header: headerOf(DATE_LABEL, undefined, true),
      type: 'date',
      required: true,
      hidden: false,
      width: 13,
      numFmt: numFmts.date!,
    });
  }
  columns.push(...type.fields.map(fieldColumn));
  columns.push(
    { key: RECORD_ID_KEY, label: ID_LABEL, header: ID_LABEL, type: 'record_id', required: false, hidden: true, width: 12 },
    { key: RECORD_VERSION_KEY, label: VERSION_LABEL, header: VERSION_LABEL, type: 'version', required: false, hidden: true, width: 8 },
  );
  return columns;
}

/** The 지표값 sheet: one row per directly entered indicator. */
export const DIRECT_VALUE_COLUMNS: SheetColumn[] = [
  { key: 'code', label: { ko: '지표 코드', en: 'Indicator code' }, type: 'text', required: true, hidden: false, width: 10 },
  { key: 'name', label: { ko: '지표명', en: 'Indicator' }, type: 'text', required: false, hidden: false, width: 50 },
  { key: 'unit', label: { ko: '단위', en: 'Unit' }, type: 'text', required: false, hidden: false, width: 10 },
  { key: 'value', label: { ko: '값', en: 'Value' }, type: 'number', required: false, hidden: false, width: 14, numFmt: '#,##0.##' },
  { key: 'comment', label: { ko: '비고', en: 'Comment' }, type: 'longtext', required: false, hidden: false, width: 50 },
].map((c) => ({ ...c, type: c.type as ColumnType, header: c.label }));

export const GUIDE_SHEET = '안내';
export const DIRECT_VALUES_SHEET = '지표값';
/** Hidden sheet holding the drop-down lists of enum and yes/no columns. */
export const LISTS_SHEET = '_목록';
export const RESERVED_SHEETS: readonly string[] = [GUIDE_SHEET, DIRECT_VALUES_SHEET, LISTS_SHEET];

/** Yes/no words offered in drop-downs; the importer also accepts Y/N, O/X, true/false, 1/0. */
export const BOOLEAN_CHOICES = { yes: '예', no: '아니오' } as const;

const MAX_SHEET_NAME = 31;

/** Excel forbids `[]:*?/\` in sheet names and allows 31 characters. */
function cleanSheetName(name: string): string {
  const s = name
    .normalize('NFC')
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '');
  return [...s].slice(0, MAX_SHEET_NAME).join('').trim();
}

/**
 * A unique sheet name per record type, from its Korean (or English) name; a clash (or a reserved name) gets the type code
 * appended, e.g. `우수사례 (best_practice)`.
 */
export function sheetNames(types: readonly Pick<SheetRecordType, 'code' | 'name'>[], lang: 'ko' | 'en' = 'ko'): Map<string, string> {
  const taken = new Set(RESERVED_SHEETS.map((n) => n.toLowerCase()));
  const out = new Map<string, string>();
  for (const t of types) {
    let name = cleanSheetName(t.name[lang]) || t.code;
    if (taken.has(name.toLowerCase())) {
      const suffix = ` (${t.code})`;
      name = `${[...name].slice(0, Math.max(1, MAX_SHEET_NAME - [...suffix].length)).join('')}${suffix}`;
      if (taken.has(name.toLowerCase())) name = [...t.code].slice(0, MAX_SHEET_NAME).join('');
    }
    taken.add(name.toLowerCase());
    out.set(t.code, name);
  }
  return out;
}

/** Header text compared without spaces, case or the required marker, in NFC. */
export function normaliseHeader(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, '').replace(/\*+$/, '').toLowerCase();
}

/**
 * Every way a column's header may be written — Korean or English label with or without its unit, the key — mapped
 * to the column key. Ambiguous spellings are dropped, so they never map to the wrong column.
 */
export function headerMap(columns: readonly SheetColumn[]): Map<string, string> {
  const seen = new Map<string, string | null>();
  const add = (text: string, key: string) => {
    const n = normaliseHeader(text);
    if (!n) return;
    const prior = seen.get(n);
    seen.set(n, prior === undefined || prior === key ? key : null);
  };
  for (const c of columns) {
    add(c.key, c.key);
    for (const lang of ['ko', 'en'] as const) {
      add(c.label[lang], c.key);
      add(c.header[lang], c.key);
      const unit = c.field ? unitOf(c.field) : undefined;
      if (unit) add(`${c.label[lang]} (${unit})`, c.key);
    }
  }
  return new Map([...seen].filter((e): e is [string, string] => e[1] !== null));
}

/** `1 → A`, `27 → AA`. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
