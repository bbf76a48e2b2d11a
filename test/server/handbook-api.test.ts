import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCycle } from '../../src/db/repositories/cycles.js';
import { ensureFramework } from '../../src/domain/frameworks/service.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

/**
 * The 평가 편람 PDF of a cycle: anyone may download it once the cycle's framework is frozen (the cycle opened);
 * a draft framework's handbook is for signed-in users only. Each is built once per framework version and language.
 */
const PASSWORD = 'test-password-1';
const DRAFT_YEAR = 2031;

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const work = mkdtempSync(path.join(tmpdir(), 'hopejobs-handbook-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The text of a PDF as pdftotext extracts it (pdfkit writes glyph ids, so the bytes do not show the words). */
function extractText(pdf: Buffer, name: string): string | null {
  if (!hasPdftotext) return null;
  const file = path.join(work, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Pages of a pdfkit document: one `/Type /Page` object each (the `/Pages` tree excluded). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

/** Files of one kind this process has built, from /metrics. */
async function builds(app: FastifyInstance, kind: string): Promise<number> {
  const text = (await app.inject('/metrics')).body;
  const line = text.split('\n').find((l) => l.startsWith(`hopejobs_public_file_builds_total{kind="${kind}"} `));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe.each(backends())('평가 편람 PDF on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let officer: Client;
  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await upsertCycle(db.db, {
      year: DRAFT_YEAR,
      title: `${DRAFT_YEAR} 평가`,
      dataPeriodStart: '2030-09-01',
      dataPeriodEnd: '2031-08-31',
      status: 'draft',
      isDemo: true,
    });
    await ensureFramework(db.db, DRAFT_YEAR);
    app = await testApp(db);
    admin = await signIn(app, 'admin', PASSWORD);
    officer = await signIn(app, 'officer.11215', PASSWORD);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('gives anyone the handbook of a cycle whose framework is frozen, built once and then sent as stored bytes', async () => {
    const before = await builds(app, 'handbook.pdf');
    const first = await app.inject('/api/v1/public/cycles/2019/handbook.pdf?lang=ko');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(first.headers['content-disposition']).toContain('hopejobs-2019-handbook-v');
    const pdf = first.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // 20 indicators with their guidance do not fit on a few pages.
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(4);
    expect(await builds(app, 'handbook.pdf')).toBe(before + 1);

    const text = extractText(pdf, '2019-ko.pdf');
    if (text === null) console.log('pdftotext not installed: skipping the PDF text check (apt-get install poppler-utils)');
    else {
      expect(text).toContain('2019 평가 편람');
      expect(text).toContain('J8');
      expect(text).toContain('청소노동자 실태조사 1건 이상');
      expect(text).toContain('데모 데이터');
    }

    const second = await app.inject('/api/v1/public/cycles/2019/handbook.pdf?lang=ko');
    expect(second.statusCode).toBe(200);
    expect(second.rawPayload.equals(pdf)).toBe(true);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(await builds(app, 'handbook.pdf')).toBe(before + 1); // not rebuilt
    const notModified = await app.inject({ url: '/api/v1/public/cycles/2019/handbook.pdf?lang=ko', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(notModified.statusCode).toBe(304);

    // The signed-in route of the same version and language shares the stored file.
    const signedIn = await officer.request('GET', '/api/v1/cycles/2019/framework/handbook.pdf?lang=ko');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.rawPayload.equals(pdf)).toBe(true);
    expect(await builds(app, 'handbook.pdf')).toBe(before + 1);

    const english = await app.inject('/api/v1/public/cycles/2019/handbook.pdf?lang=en');
    expect(english.statusCode).toBe(200);
    expect(await builds(app, 'handbook.pdf')).toBe(before + 2);
    const en = extractText(english.rawPayload, '2019-en.pdf');
    if (en !== null) expect(en).toContain('2019 evaluation handbook');
  }, 120_000);

  it('keeps a draft framework’s handbook from anonymous visitors and sends it to signed-in users privately', async () => {
    const hidden = await app.inject(`/api/v1/public/cycles/${DRAFT_YEAR}/handbook.pdf`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['cache-control']).toContain('no-store');
    expect((await app.inject(`/api/v1/cycles/${DRAFT_YEAR}/framework/handbook.pdf`)).statusCode).toBe(401);

    const res = await officer.request('GET', `/api/v1/cycles/${DRAFT_YEAR}/framework/handbook.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('private, no-cache');
  });

  it('builds the handbook again when the framework changes (cached per framework version), with the new guidance', async () => {
    const url = `/api/v1/cycles/${DRAFT_YEAR}/framework/handbook.pdf?lang=ko`;
    const first = await officer.request('GET', url);
    const before = await builds(app, 'handbook.pdf');

    const current = (await admin.request('GET', `/api/v1/cycles/${DRAFT_YEAR}/framework`)).json();
    const definition = {
      ...current.definition,
      indicators: current.definition.indicators.map((i: { code: string; guidance?: object }) =>
        i.code === 'J11' ? { ...i, guidance: { ...i.guidance, notes: { ko: '편람 시험용 새 유의 사항', en: 'A new note for the test' } } } : i,
      ),
    };
    const saved = await admin.request('PUT', `/api/v1/cycles/${DRAFT_YEAR}/framework`, { definition, rowVersion: current.rowVersion });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().definitionHash).not.toBe(current.definitionHash);
    expect(saved.json().definition.indicators.find((i: { code: string }) => i.code === 'J11').guidance.notes.ko).toBe('편람 시험용 새 유의 사항');

    const second = await officer.request('GET', url);
    expect(second.statusCode).toBe(200);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(false);
    expect(await builds(app, 'handbook.pdf')).toBe(before + 1);
    const text = extractText(second.rawPayload, 'draft.pdf');
    if (text !== null) expect(text).toContain('편람 시험용 새 유의 사항');
  }, 120_000);

  it('refuses guidance beyond its bounds with the path of the part', async () => {
    const current = (await admin.request('GET', `/api/v1/cycles/${DRAFT_YEAR}/framework`)).json();
    const definition = {
      ...current.definition,
      indicators: current.definition.indicators.map((i: { code: string }, k: number) =>
        k === 0 ? { ...i, guidance: { definition: { ko: '가'.repeat(1001), en: '' } } } : i,
      ),
    };
    const res = await admin.request('PUT', `/api/v1/cycles/${DRAFT_YEAR}/framework`, { definition, rowVersion: current.rowVersion });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('definition.indicators.0.guidance.definition.ko');
  });
});
