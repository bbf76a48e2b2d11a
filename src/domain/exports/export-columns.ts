import type { Message } from '../errors.js';
import type { PeriodRecord } from '../../db/repositories/activities.js';
import { RECORD_ID_KEY, RECORD_VERSION_KEY, recordTypeColumns, type SheetColumn, type SheetRecordType } from '../imports/sheet-columns.js';

export type Lang = 'ko' | 'en';

/** A column of an exported table: its header per language and how to read its value from a record. */
export interface ExportColumn {
  key: string;
  header: Message;
  type: SheetColumn['type'];
  width: number;
  numFmt?: string;
  value(r: PeriodRecord, lang: Lang): unknown;
}

const district: ExportColumn[] = [
  { key: 'org_unit_code', header: { ko: '자치구 코드', en: 'District code' }, type: 'text', width: 11, value: (r) => r.orgUnitCode },
  {
    key: 'org_unit_name',
    header: { ko: '자치구', en: 'District' },
    type: 'text',
    width: 12,
    value: (r, lang) => (lang === 'ko' ? r.orgUnitName : r.orgUnitNameEn),
  },
];

const bookkeeping: Record<string, Message> = {
  [RECORD_ID_KEY]: { ko: '실적 ID', en: 'Record ID' },
  [RECORD_VERSION_KEY]: { ko: '버전', en: 'Version' },
};

/** Label and unit, without the template's required marker (an export is read, not filled in). */
function exportHeader(c: SheetColumn): Message {
  const own = bookkeeping[c.key];
  if (own) return own;
  const unit = c.field?.unit ?? (c.type === 'money' ? '원' : undefined);
  const u = unit ? ` (${unit})` : '';
  return { ko: `${c.label.ko}${u}`, en: `${c.label.en}${u}` };
}

/**
 * The columns of a record type's exported table: district, then the template's columns (date, fields, record ID,
 * version), then when it was last changed. Exports and templates share the field order, so a district can compare
 * them side by side.
 */
export function exportColumns(type: SheetRecordType): ExportColumn[] {
  const own: ExportColumn[] = recordTypeColumns(type).map((c) => ({
    key: c.key,
    header: exportHeader(c),
    type: c.type,
    width: c.hidden ? 10 : c.width,
    ...(c.numFmt ? { numFmt: c.numFmt } : {}),
    value: (r: PeriodRecord) => (c.key === RECORD_ID_KEY ? r.id : c.key === RECORD_VERSION_KEY ? r.version : c.field ? r.data[c.key] : r.occurredOn),
  }));
  return [
    ...district,
    ...own,
    { key: 'updated_at', header: { ko: '최종 수정', en: 'Last changed' }, type: 'text', width: 22, value: (r) => new Date(r.updatedAt).toISOString() },
  ];
}

/** Yes/no in the reader's language. */
export function booleanWord(v: boolean, lang: Lang): string {
  return lang === 'ko' ? (v ? '예' : '아니오') : v ? 'yes' : 'no';
}
