import { PassThrough, Readable } from 'node:stream';
import iconv from 'iconv-lite';
import type { DbOrTx } from '../../db/tx.js';
import type { Principal } from '../auth.js';
import { DomainError } from '../errors.js';
import { attachmentDisposition } from './download-name.js';
import type { Lang } from './export-columns.js';
import { resolveExportScope, type ExportScope } from './export-scope.js';
import { recordsCsvChunks } from './records-csv.js';
import { recordsJsonChunks } from './records-json.js';
import { writeRecordsXlsx } from './records-xlsx.js';

export const exportFormats = ['xlsx', 'csv', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface RecordsExportRequest {
  year: number;
  /** null: the whole city. */
  orgUnitCode: string | null;
  format: ExportFormat;
  lang: Lang;
  /** CSV only: UTF-8 with BOM (default, what Excel opens correctly) or CP949 (older Korean Excel). */
  encoding?: 'utf-8' | 'cp949';
  /** One record type only (for CSV: that type's own table instead of the long form). */
  recordType?: string | undefined;
}

export interface ExportFile {
  stream: Readable;
  contentType: string;
  contentDisposition: string;
}

const BOM = '\uFEFF';

function fileNames(scope: ExportScope, req: RecordsExportRequest): { name: string; ascii: string } {
  const typePart = req.recordType ? `_${req.recordType}` : '';
  const ext = req.format;
  const who = scope.unit ? (req.lang === 'ko' ? scope.unit.name : scope.unit.nameEn) : req.lang === 'ko' ? '서울시_전체' : 'all_districts';
  const base = req.lang === 'ko' ? '실적' : 'records';
  return {
    name: `${scope.cycle.year}_${who}_${base}${typePart}.${ext}`,
    ascii: `${scope.cycle.year}_${scope.unit ? scope.unit.code : 'all'}_records${typePart}.${ext}`,
  };
}

/**
 * Exports a cycle's activity records — one district or (city admin, auditor) all of them — as xlsx, CSV or JSON,
 * streamed: rows leave the database in batches and go straight to the response. Korean headers by default, English
 * with `lang: 'en'`.
 *
 * @throws DomainError forbidden, not_found (cycle, district), invalid (unknown record type).
 */
export async function exportRecords(db: DbOrTx, principal: Principal | null, req: RecordsExportRequest): Promise<ExportFile> {
  const scope = await resolveExportScope(db, principal, req);
  if (req.recordType && scope.types.length === 0) {
    throw new DomainError(
      'invalid',
      'unknown_record_type',
      { ko: `알 수 없는 실적 유형 '${req.recordType}'입니다.`, en: `Unknown record type '${req.recordType}'.` },
      [{ path: 'query.type', message: { ko: '알 수 없는 실적 유형', en: 'Unknown record type' } }],
    );
  }
  const names = fileNames(scope, req);
  const contentDisposition = attachmentDisposition(names.name, names.ascii);
  if (req.format === 'xlsx') {
    const out = new PassThrough();
    writeRecordsXlsx(db, scope, out).catch((err: unknown) => out.destroy(err as Error));
    return { stream: out, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', contentDisposition };
  }
  if (req.format === 'json') {
    return { stream: Readable.from(recordsJsonChunks(db, scope)), contentType: 'application/json; charset=utf-8', contentDisposition };
  }
  const chunks = recordsCsvChunks(db, scope, req.recordType ? scope.types[0]! : null);
  if (req.encoding === 'cp949') {
    const encoded = Readable.from(chunks).pipe(iconv.encodeStream('cp949'));
    return { stream: encoded as unknown as Readable, contentType: 'text/csv; charset=cp949', contentDisposition };
  }
  async function* withBom() {
    yield BOM;
    yield* chunks;
  }
  return { stream: Readable.from(withBom()), contentType: 'text/csv; charset=utf-8', contentDisposition };
}
