import type { DbOrTx } from '../../db/tx.js';
import type { RecordType } from '../activities/record-types.js';
import { booleanWord, exportColumns, type Lang } from './export-columns.js';
import { scopeRecords, type ExportScope } from './export-scope.js';
import { escapeFormula } from './formula-escape.js';

/** RFC 4180 quoting; text is escaped against formula injection first, numbers are written bare. */
function csvCell(v: unknown, lang: Lang): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = typeof v === 'boolean' ? booleanWord(v, lang) : escapeFormula(String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (cells: unknown[], lang: Lang) => `${cells.map((c) => csvCell(c, lang)).join(',')}\r\n`;

/** One record type, one row per record, one column per field (the record type's own table). */
async function* wide(db: DbOrTx, scope: ExportScope, type: RecordType): AsyncGenerator<string> {
  const columns = exportColumns(type);
  yield line(
    columns.map((c) => c.header[scope.lang]),
    scope.lang,
  );
  for await (const batch of scopeRecords(db, scope, type)) {
    yield batch
      .map((r) =>
        line(
          columns.map((c) => c.value(r, scope.lang)),
          scope.lang,
        ),
      )
      .join('');
  }
}

const longHeader = {
  ko: ['자치구 코드', '자치구', '실적 유형 코드', '실적 유형', '실적 ID', '실적 일자', '항목 키', '항목', '값', '단위'],
  en: ['District code', 'District', 'Record type code', 'Record type', 'Record ID', 'Date', 'Field key', 'Field', 'Value', 'Unit'],
};

/** Every record type in one table: one row per record and field (long form), empty fields left out. */
async function* long(db: DbOrTx, scope: ExportScope): AsyncGenerator<string> {
  const lang = scope.lang;
  yield line(longHeader[lang], lang);
  for (const type of scope.types) {
    for await (const batch of scopeRecords(db, scope, type)) {
      let out = '';
      for (const r of batch) {
        const unit = [r.orgUnitCode, lang === 'ko' ? r.orgUnitName : r.orgUnitNameEn, type.code, type.name[lang], r.id, r.occurredOn];
        for (const f of type.fields) {
          const v = r.data[f.key];
          if (v === undefined) continue;
          out += line([...unit, f.key, f.label[lang], v, f.unit ?? (f.type === 'money' ? '원' : '')], lang);
        }
      }
      yield out;
    }
  }
}

/**
 * The export as CSV text, chunk by chunk: with one record type, that type's table; otherwise every type in long
 * form. Lines end with CRLF (RFC 4180, and what Excel writes); the caller adds the BOM or re-encodes.
 */
export function recordsCsvChunks(db: DbOrTx, scope: ExportScope, oneType: RecordType | null): AsyncGenerator<string> {
  return oneType ? wide(db, scope, oneType) : long(db, scope);
}
