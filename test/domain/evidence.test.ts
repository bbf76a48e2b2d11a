import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { upsertOrgUnit } from '../../src/db/repositories/org-units.js';
import { evidenceFiles } from '../../src/db/schema.js';
import { verifyAuditChain } from '../../src/domain/audit.js';
import { DomainError } from '../../src/domain/errors.js';
import {
  bufferSource,
  evidenceDownloadHeaders,
  LocalEvidenceStore,
  sanitizeFileName,
  sniffEvidenceType,
  storeEvidence,
} from '../../src/domain/evidence/index.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import {
  cfbSample,
  docxSample,
  exeSample,
  gifSample,
  hwpSample,
  hwpxSample,
  jpegSample,
  legacyDocSample,
  pdfSample,
  pngSample,
  webpSample,
  xlsxSample,
  zipSample,
} from './evidence-samples.js';

const officer = { userId: null, label: 'officer.11215' };
const limits = { maxBytes: 1024 * 1024 };

/** Every regular file under a directory, recursively (the blobs a store holds, plus any leftovers). */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.join(d.parentPath, d.name));
  } catch {
    return [];
  }
}

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe('identifying evidence by content', () => {
  const sniff = async (bytes: Buffer) => sniffEvidenceType(bufferSource(bytes));

  it('recognises each accepted format from its bytes', async () => {
    expect(await sniff(pdfSample())).toEqual({ ok: true, type: 'pdf' });
    expect(await sniff(pngSample())).toEqual({ ok: true, type: 'png' });
    expect(await sniff(jpegSample())).toEqual({ ok: true, type: 'jpeg' });
    expect(await sniff(gifSample())).toEqual({ ok: true, type: 'gif' });
    expect(await sniff(webpSample())).toEqual({ ok: true, type: 'webp' });
    expect(await sniff(await xlsxSample())).toEqual({ ok: true, type: 'xlsx' });
    expect(await sniff(docxSample())).toEqual({ ok: true, type: 'docx' });
    expect(await sniff(hwpSample())).toEqual({ ok: true, type: 'hwp' });
    expect(await sniff(hwpxSample())).toEqual({ ok: true, type: 'hwpx' });
  });

  it('refuses executables, plain archives, macro documents, legacy Office files and zip bombs', async () => {
    expect(await sniff(exeSample())).toEqual({ ok: false, reason: 'unknown' });
    expect(await sniff(Buffer.from('<svg onload="alert(1)"/>'))).toEqual({ ok: false, reason: 'unknown' });
    expect(await sniff(Buffer.alloc(0))).toEqual({ ok: false, reason: 'unknown' });
    expect(await sniff(zipSample([{ name: 'payload.exe', data: exeSample() }]))).toEqual({ ok: false, reason: 'other_zip' });
    // "PK" alone is not enough: the central directory must name the document's parts.
    expect(await sniff(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]))).toEqual({ ok: false, reason: 'unknown' });
    expect(await sniff(docxSample(true))).toEqual({ ok: false, reason: 'macro' });
    expect(await sniff(legacyDocSample())).toEqual({ ok: false, reason: 'other_cfb' });
    const bomb = zipSample([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook/>', declaredSize: 0xfffffff0 },
    ]);
    expect(await sniff(bomb)).toEqual({ ok: false, reason: 'zip_bomb' });
  });

  it('refuses a compound file whose FileHeader does not carry the HWP signature', async () => {
    const fake = cfbSample([
      { name: 'FileHeader', data: Buffer.alloc(256, 0x41) },
      { name: 'DocInfo', data: Buffer.alloc(10) },
    ]);
    expect(await sniff(fake)).toEqual({ ok: false, reason: 'other_cfb' });
  });

  it('survives truncated and corrupted containers without throwing', async () => {
    for (const sample of [await xlsxSample(), hwpSample(), hwpxSample()]) {
      for (const cut of [8, 100, 513, sample.length - 10].filter((c) => c < sample.length)) {
        const r = await sniff(sample.subarray(0, cut));
        expect(r.ok).toBe(false);
      }
      const flipped = Buffer.from(sample);
      for (let i = 0; i < flipped.length; i += 37) flipped[i] = (flipped[i] ?? 0) ^ 0xff;
      await expect(sniff(flipped)).resolves.toBeDefined();
    }
  });
});

describe('evidence file names', () => {
  it('keeps only the last path segment, Korean letters and the extension', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\담당자\\2019 기업방문 실적.pdf')).toBe('2019 기업방문 실적.pdf');
    expect(sanitizeFileName('..')).toBe('file');
    expect(sanitizeFileName('보고서\u202Efdp.exe')).toBe('보고서fdp.exe');
    expect(sanitizeFileName('a\u0000b\r\nc.png')).toBe('abc.png');
    expect(sanitizeFileName('CON.pdf')).toBe('_CON.pdf');
    expect(sanitizeFileName('what?<x>.pdf')).toBe('what__x_.pdf');
  });

  it('composes decomposed Hangul and shortens long names keeping the extension', () => {
    const nfd = '광진구'.normalize('NFD');
    expect(sanitizeFileName(`${nfd}.pdf`)).toBe('광진구.pdf');
    const long = sanitizeFileName(`${'가'.repeat(300)}.xlsx`);
    expect(long.endsWith('.xlsx')).toBe(true);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(200);
  });

  it('builds download headers with an ASCII fallback and the exact UTF-8 name', () => {
    const h = evidenceDownloadHeaders({ originalName: '광진구 "실적" (최종).pdf', mediaType: 'application/pdf', size: 12 });
    expect(h['Content-Type']).toBe('application/pdf');
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Content-Disposition']).toBe(
      `attachment; filename="___ ____ (__).pdf"; filename*=UTF-8''` + '%EA%B4%91%EC%A7%84%EA%B5%AC%20_%EC%8B%A4%EC%A0%81_%20%28%EC%B5%9C%EC%A2%85%29.pdf',
    );
    expect(evidenceDownloadHeaders({ originalName: 'x.html', mediaType: 'text/html', size: 1 })['Content-Type']).toBe('application/octet-stream');
  });
});

describe.each(backends())('storing evidence on $name', (backend) => {
  let db: TestDatabase;
  let dir: string;
  let store: LocalEvidenceStore;

  // One database for the file (opening one costs seconds); a fresh store directory for each test.
  beforeAll(async () => {
    db = await backend.open();
    await upsertOrgUnit(db.db, { code: '11215', name: '광진구', nameEn: 'Gwangjin-gu', kind: 'district' });
  });
  afterAll(async () => db?.destroy());
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hj-evidence-'));
    store = new LocalEvidenceStore(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const evidenceCount = async () => (await db.db.select().from(evidenceFiles)).length;

  const put = (fileName: string, content: Buffer | Readable, max = limits) =>
    storeEvidence(db.db, store, { fileName, content, orgUnitCode: '11215', actor: officer }, max);

  it('accepts a PDF, a PNG, an xlsx and an HWP file and records each with its detected type', async () => {
    const auditBefore = (await verifyAuditChain(db.db)).entries;
    const pdf = await put('실적보고.pdf', pdfSample());
    const png = await put('사진.PNG', pngSample());
    const xlsx = await put('명단.xlsx', await xlsxSample());
    const hwp = await put('공문.hwp', hwpSample());
    expect(pdf.evidence).toMatchObject({ mediaType: 'application/pdf', originalName: '실적보고.pdf', size: pdfSample().length });
    expect(png.evidence.mediaType).toBe('image/png');
    expect(xlsx.evidence.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(hwp.evidence.mediaType).toBe('application/x-hwp');
    expect(await text(await store.open(pdf.evidence.sha256))).toBe(pdfSample().toString());
    const audit = await verifyAuditChain(db.db);
    expect(audit).toMatchObject({ ok: true, entries: auditBefore + 4 });
  });

  it('rejects an executable named .pdf and stores nothing', async () => {
    const rows = await evidenceCount();
    const err = await rejection(put('보고서.pdf', exeSample()));
    expect(err).toMatchObject({ kind: 'invalid', code: 'file_type_not_allowed' });
    expect(err.msg.ko).toMatch(/허용/);
    expect(err.msg.en).toMatch(/not an allowed/);
    expect(filesUnder(dir)).toEqual([]);
    expect(await evidenceCount()).toBe(rows);
  });

  it('rejects a real PNG that claims to be a PDF', async () => {
    const err = await rejection(put('scan.pdf', pngSample()));
    expect(err).toMatchObject({ code: 'file_type_not_allowed', extra: { reason: 'extension_mismatch', detected: 'png' } });
    expect(err.msg.ko).toContain('.pdf');
  });

  it('cuts off an oversize upload while streaming and keeps nothing', async () => {
    const rows = await evidenceCount();
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 64 * 1024;
        this.push(produced === 64 * 1024 ? Buffer.concat([pdfSample(), Buffer.alloc(64 * 1024)]) : Buffer.alloc(64 * 1024));
      },
    });
    const err = await rejection(put('huge.pdf', endless, { maxBytes: 256 * 1024 }));
    expect(err).toMatchObject({ kind: 'invalid', code: 'file_too_large', extra: { maxBytes: 256 * 1024 } });
    expect(err.msg.ko).toMatch(/너무 큽니다/);
    // Stopped right after the limit instead of draining the whole stream.
    expect(produced).toBeLessThan(1024 * 1024);
    expect(filesUnder(dir)).toEqual([]);
    expect(await evidenceCount()).toBe(rows);
  });

  it('sanitises a path-traversal name and gives it the extension its content proves', async () => {
    const r = await put('../../etc/passwd', pdfSample());
    expect(r.evidence.originalName).toBe('passwd.pdf');
    expect(filesUnder(dir).every((f) => f.startsWith(dir))).toBe(true);
  });

  it('stores the same bytes once however often they are uploaded', async () => {
    const a = await put('보고서.pdf', pdfSample('same'));
    const b = await put('보고서(사본).pdf', pdfSample('same'));
    const again = await put('보고서.pdf', pdfSample('same'));
    expect(b.evidence.sha256).toBe(a.evidence.sha256);
    expect(b.evidence.id).not.toBe(a.evidence.id);
    expect(again).toMatchObject({ deduplicated: true, evidence: { id: a.evidence.id } });
    expect(filesUnder(dir)).toHaveLength(1);
    expect(filesUnder(dir)[0]).toBe(path.join(dir, a.evidence.sha256.slice(0, 2), a.evidence.sha256.slice(2, 4), a.evidence.sha256));
  });

  it('refuses an unknown district before reading the upload', async () => {
    const err = await rejection(storeEvidence(db.db, store, { fileName: 'a.pdf', content: pdfSample(), orgUnitCode: '99999', actor: officer }, limits));
    expect(err.kind).toBe('not_found');
  });

  it('never opens a path outside the store', async () => {
    await expect(store.open('../../etc/passwd')).rejects.toThrow(/sha256/);
    expect(await store.exists('0'.repeat(64))).toBe(false);
  });
});
