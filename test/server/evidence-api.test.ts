import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { seedRecordTypes } from '../../src/domain/activities/record-types.js';
import { buildApp } from '../../src/server/app.js';
import { exeSample, pdfSample, pngSample } from '../domain/evidence-samples.js';
import { multipartFile } from '../fixtures/imports/upload.js';
import { signIn, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';
const EVIDENCE = (code: string) => `/api/v1/districts/${code}/evidence`;

describe.each(backends())('evidence API on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let dataDir: string;
  let officer: Client;
  let approver: Client;
  let otherOfficer: Client;
  let admin: Client;
  let auditor: Client;
  let reviewer: Client;

  const upload = (client: Client, code: string, fileName: string, content: Buffer) => {
    const body = multipartFile(fileName, content);
    return client.request('POST', EVIDENCE(code), body.payload, body.headers);
  };

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await seedRecordTypes(db.db);
    dataDir = mkdtempSync(path.join(tmpdir(), 'hj-evidence-api-'));
    // A small limit, so that the oversize case needs no large body.
    const config = loadConfig({ HOPEJOBS_DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOPEJOBS_MAX_UPLOAD_MB: '0.05' });
    app = await buildApp({ database: db, config, spa: false });
    await app.ready();
    officer = await signIn(app, 'officer.11215', PASSWORD);
    approver = await signIn(app, 'approver.11215', PASSWORD);
    otherOfficer = await signIn(app, 'officer.11110', PASSWORD);
    admin = await signIn(app, 'admin', PASSWORD);
    auditor = await signIn(app, 'auditor', PASSWORD);
    reviewer = await signIn(app, 'reviewer.1', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores an officer’s PDF for the district and hands it back as an attachment', async () => {
    const res = await upload(officer, '11215', '기업방문 결과보고.pdf', pdfSample('visits'));
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ orgUnitCode: '11215', originalName: '기업방문 결과보고.pdf', mediaType: 'application/pdf', deduplicated: false });
    expect(file.size).toBe(pdfSample('visits').length);

    const download = await officer.request('GET', `/api/v1/evidence/${file.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment;.*filename\*=UTF-8''/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    // The download's own sandbox policy reaches the browser (the app-wide policy must not replace it): opened in a
    // tab, the file runs no script and loads nothing, whatever it contains.
    expect(download.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(download.rawPayload.equals(pdfSample('visits'))).toBe(true);
    // Everything else keeps the app-wide policy.
    const list = await officer.request('GET', EVIDENCE('11215'));
    expect(list.headers['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self'/);
  });

  it('returns the same file for a retried upload of the same bytes and name', async () => {
    const first = (await upload(officer, '11215', 'retry.pdf', pdfSample('retry'))).json();
    const again = await upload(officer, '11215', 'retry.pdf', pdfSample('retry'));
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id: first.id, deduplicated: true });
  });

  it('lets the uploaded file be attached to the district’s indicator item', async () => {
    const file = (await upload(officer, '11215', 'J1 증빙.pdf', pdfSample('j1'))).json();
    const attached = await officer.request('POST', '/api/v1/cycles/2020/districts/11215/submissions/J1/evidence', { evidenceId: file.id, version: 0 });
    expect(attached.statusCode, attached.body).toBe(200);
    expect(attached.json().evidence.map((e: { id: number }) => e.id)).toEqual([file.id]);
  });

  it('lets the approver (objections) and the city admin upload, but not the auditor, a reviewer or another district', async () => {
    expect((await upload(approver, '11215', 'objection.png', pngSample())).statusCode).toBe(201);
    expect((await upload(admin, '11215', 'city.pdf', pdfSample('city'))).statusCode).toBe(201);
    expect((await upload(auditor, '11215', 'a.pdf', pdfSample('a'))).statusCode).toBe(403);
    expect((await upload(reviewer, '11215', 'r.pdf', pdfSample('r'))).statusCode).toBe(403);
    const other = await upload(otherOfficer, '11215', 'x.pdf', pdfSample('x'));
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('forbidden');
  });

  it('hides a district’s file from other districts (404) and shows it to the auditor', async () => {
    const file = (await upload(officer, '11215', 'private.pdf', pdfSample('private'))).json();
    expect((await otherOfficer.request('GET', `/api/v1/evidence/${file.id}`)).statusCode).toBe(404);
    // A reviewer reads only files of items assigned to them (test/scenario/review-integrity.test.ts); others are 404.
    expect((await reviewer.request('GET', `/api/v1/evidence/${file.id}`)).statusCode).toBe(404);
    expect((await auditor.request('GET', `/api/v1/evidence/${file.id}`)).statusCode).toBe(200);
    expect((await admin.request('GET', `/api/v1/evidence/${file.id}`)).statusCode).toBe(200);
    expect((await officer.request('GET', '/api/v1/evidence/999999')).statusCode).toBe(404);
  });

  it('lists the district’s files newest first, page by page, to the district only', async () => {
    const first = await officer.request('GET', `${EVIDENCE('11215')}?limit=2`);
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(2);
    expect(page.items[0].id).toBeGreaterThan(page.items[1].id);
    expect(page.nextCursor).toBe(page.items[1].id);
    const next = (await officer.request('GET', `${EVIDENCE('11215')}?limit=2&before=${page.nextCursor}`)).json();
    expect(next.items[0].id).toBeLessThan(page.nextCursor);
    expect((await otherOfficer.request('GET', EVIDENCE('11215'))).statusCode).toBe(403);
  });

  it('refuses an executable named .pdf, naming the allowed types', async () => {
    const res = await upload(officer, '11215', 'invoice.pdf', exeSample());
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'file_type_not_allowed' });
    expect(res.json().detail).toContain('PDF');
  });

  it('answers 413 for a file over the configured limit and keeps nothing', async () => {
    const before = (await officer.request('GET', `${EVIDENCE('11215')}?limit=200`)).json().items.length;
    const big = Buffer.concat([pdfSample('big'), Buffer.alloc(60 * 1024, 0x20)]);
    const res = await upload(officer, '11215', 'big.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('file_too_large');
    expect((await officer.request('GET', `${EVIDENCE('11215')}?limit=200`)).json().items).toHaveLength(before);
  });

  it('asks for a file when the request has none, and checks the CSRF token', async () => {
    const res = await officer.request('POST', EVIDENCE('11215'), { not: 'a file' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('file_required');
    const body = multipartFile('a.pdf', pdfSample('csrf'));
    const noToken = await app.inject({ method: 'POST', url: EVIDENCE('11215'), payload: body.payload, headers: { ...body.headers, cookie: officer.cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('csrf');
  });

  it('records the upload in the audit log', async () => {
    const res = await admin.request('GET', '/api/v1/audit?action=evidence.uploaded');
    expect(res.statusCode).toBe(200);
    expect(res.json().entries.length).toBeGreaterThan(0);
  });
});
