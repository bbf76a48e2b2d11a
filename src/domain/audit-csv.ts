/**
 * The audit log as a CSV file for the city admin and the auditor: Korean headers by default (English with
 * `lang: 'en'`), times in Korea Standard Time (`2026-12-07 23:35:29 KST`, the same instant the stored UTC time
 * names), UTF-8 with a byte-order mark so Excel opens Korean text, text cells guarded against formulas.
 */
import { neutraliseFormula } from './publication/text-cell.js';

type Lang = 'ko' | 'en';

/** What a row needs of an audit entry (the shape `browseAudit` answers with). */
export interface AuditCsvEntry {
  seq: number;
  at: Date;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  orgUnitCode: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  hash: string;
}

const HEADERS: Record<Lang, string[]> = {
  ko: ['순번', '시각(KST)', '수행자', '작업', '대상 종류', '대상 ID', '기관 코드', '변경 전', '변경 후', '사유', '해시'],
  en: ['Seq', 'Time (KST)', 'Actor', 'Action', 'Entity type', 'Entity ID', 'Unit code', 'Before', 'After', 'Reason', 'Hash'],
};

const KST = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant in Korea Standard Time, sortable: `2026-12-07 23:35:29 KST`. */
export function kstTimestamp(at: Date): string {
  const p = Object.fromEntries(KST.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} KST`;
}

function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  s = neutraliseFormula(s);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The entries as CSV text (with its byte-order mark and CRLF line ends), headers in `lang`. */
export function auditCsv(entries: readonly AuditCsvEntry[], lang: Lang = 'ko'): string {
  const lines = entries.map((e) =>
    [e.seq, kstTimestamp(e.at), e.actorLabel, e.action, e.entityType, e.entityId, e.orgUnitCode, e.before, e.after, e.reason, e.hash].map(csvCell).join(','),
  );
  return `\uFEFF${[HEADERS[lang].join(','), ...lines].join('\r\n')}\r\n`;
}
