import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../../src/domain/authz.js';
import { clearPublicCache, pressReleaseFile, publicationWorkspace, resultReportFile } from '../../src/domain/publication/index.js';
import { formatWonKo } from '../../src/engine/index.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, DEMO_TEST_PASSWORD, type TestDatabase } from '../helpers/db.js';
import { docxText, hasPdftotext, pdfText } from '../helpers/document-text.js';

const YEAR = 2019;
const base = `/api/v1/cycles/${YEAR}/press-release`;
/** Half past midnight on Monday 7 December in Seoul, while UTC still says Sunday the 6th. */
const nearMidnight = () => new Date('2026-12-06T15:30:00Z');

describe.each(backends())('the publication workspace on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let auditor: Client;
  beforeAll(async () => {
    db = await backend.openDemo(DEMO_TEST_PASSWORD, { data: true });
    clearPublicCache();
    app = await testApp(db);
    admin = await signIn(app, 'admin', DEMO_TEST_PASSWORD);
    auditor = await signIn(app, 'auditor', DEMO_TEST_PASSWORD);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('dates a generated draft in Seoul: at 15:30 UTC on Sunday the 6th it is Monday the 7th (header and lead)', async () => {
    const ws = await publicationWorkspace(db.db, systemPrincipal, YEAR, nearMidnight);
    expect(ws.generated).toBe(true);
    expect(ws.currentVersion).toBe(0);
    expect(ws.text).toContain('보도일시: 2026. 12. 7.(월) 배포 즉시 보도');
    expect(ws.text).toMatch(/ 7일\(월\) 밝혔다\./);
    expect(ws.text).not.toContain('12. 6.(일)');
    expect(ws.text).toContain('담당자: ');
    expect(ws.text).toContain('연락처: ');
    const docx = await docxText((await pressReleaseFile(db.db, systemPrincipal, YEAR, 'docx', undefined, nearMidnight)).body);
    expect(docx).toContain('2026. 12. 7.(월) 배포 즉시 보도');
    if (await hasPdftotext()) {
      const pdf = await pdfText((await pressReleaseFile(db.db, systemPrincipal, YEAR, 'pdf', undefined, nearMidnight)).body);
      expect(pdf).toContain('2026. 12. 7.(월) 배포 즉시 보도');
      // The footer says when the file was made, in Seoul time.
      expect(pdf).toContain('2026. 12. 7.(월) 00:30 출력');
    }
  });

  it('saves versions, refuses a stale one, restores an old one and audits every save', async () => {
    const ws = (await admin.request('GET', `${base}/versions`)).json();
    expect(ws).toMatchObject({ year: YEAR, currentVersion: 0, generated: true, canEdit: true, versions: [] });
    const first = `${ws.text}\n□ 첫째 편집자가 덧붙인 문단이다.`;
    const v1 = await admin.request('POST', `${base}/versions`, { text: first, baseVersion: 0 });
    expect(v1.statusCode, v1.body).toBe(201);
    expect(v1.json()).toMatchObject({ version: 1, authorName: '서울시 일자리정책과 (데모)', restoredFrom: null, text: first });

    // A second editor who loaded version 0 is told, not allowed to overwrite.
    const stale = await admin.request('POST', `${base}/versions`, { text: '늦게 저장한 글', baseVersion: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', current: { version: 1 } });

    const second = first.replace('첫째 편집자가 덧붙인 문단이다.', '둘째 편집자가 고친 문단이다.');
    expect((await admin.request('POST', `${base}/versions`, { text: second, baseVersion: 1 })).json()).toMatchObject({ version: 2 });
    const restored = await admin.request('POST', `${base}/versions`, { text: first, baseVersion: 2, restoredFrom: 1 });
    expect(restored.json()).toMatchObject({ version: 3, restoredFrom: 1, text: first });
    expect((await admin.request('POST', `${base}/versions`, { text: first, baseVersion: 3, restoredFrom: 9 })).statusCode).toBe(404);

    const list = (await admin.request('GET', `${base}/versions`)).json();
    expect(list).toMatchObject({ currentVersion: 3, generated: false, text: first });
    expect(list.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect((await admin.request('GET', `${base}/versions/2`)).json().text).toBe(second);
    expect((await admin.request('GET', `${base}/versions/7`)).statusCode).toBe(404);
    // The press release the rest of the product reads is the newest version.
    expect((await admin.request('GET', base)).json()).toMatchObject({ edited: true, text: first });

    const audit = (await admin.request('GET', '/api/v1/audit?entityType=press_release&limit=50')).json();
    const saves = audit.entries.filter((e: { action: string }) => e.action === 'press_release.version_saved');
    expect(saves.map((e: { entityId: string }) => e.entityId).sort()).toEqual(['2019:1', '2019:2', '2019:3']);
    expect(saves.every((e: { actorLabel: string }) => e.actorLabel === 'admin')).toBe(true);
    expect(saves.find((e: { entityId: string }) => e.entityId === '2019:3').after).toMatchObject({ version: 3, restoredFrom: 1 });
  });

  it('downloads the edited press release as .docx and PDF, an old version on request', async () => {
    const edited = (await admin.request('GET', `${base}/versions`)).json();
    const text = `${edited.text.replace(/^# .*$/m, '# 서울시, 편집한 제목으로 배포하는 보도자료')}\n□ 광진구 사례는 편집기에서 새로 쓴 문장이다.`;
    const saved = await admin.request('POST', `${base}/versions`, { text, baseVersion: edited.currentVersion });
    expect(saved.statusCode, saved.body).toBe(201);

    const docx = await admin.request('GET', `/api/v1/cycles/${YEAR}/press-release.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toContain(`hopejobs-${YEAR}-press-release-v${saved.json().version}.docx`);
    const words = await docxText(docx.rawPayload);
    expect(words).toContain('서울시, 편집한 제목으로 배포하는 보도자료');
    expect(words).toContain('광진구 사례는 편집기에서 새로 쓴 문장이다.');
    for (const label of ['보도일시', '담당 부서', '담당자', '연락처']) expect(words).toContain(label);
    expect(words).toContain('순위');

    const old = await docxText((await admin.request('GET', `/api/v1/cycles/${YEAR}/press-release.docx?version=2`)).rawPayload);
    expect(old).toContain('둘째 편집자가 고친 문단이다.');
    expect(old).not.toContain('편집기에서 새로 쓴 문장');

    const pdf = await admin.request('GET', `/api/v1/cycles/${YEAR}/press-release.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    if (await hasPdftotext()) {
      const pages = await pdfText(pdf.rawPayload);
      expect(pages).toContain('편집한 제목으로 배포하는 보도자료');
      expect(pages).toContain('광진구 사례는 편집기에서 새로 쓴 문장이다.');
    }
  });

  it('lets the auditor read the versions and the 결과 보고 but neither save nor download a draft', async () => {
    const ws = await auditor.request('GET', `${base}/versions`);
    expect(ws.statusCode).toBe(200);
    expect(ws.json().canEdit).toBe(false);
    expect((await auditor.request('POST', `${base}/versions`, { text: '감사', baseVersion: ws.json().currentVersion })).statusCode).toBe(403);
    expect((await auditor.request('GET', `/api/v1/cycles/${YEAR}/press-release.pdf`)).statusCode).toBe(403);
    expect((await auditor.request('GET', `/api/v1/cycles/${YEAR}/press-release.docx`)).statusCode).toBe(403);
    const report = await auditor.request('GET', `/api/v1/cycles/${YEAR}/result-report.docx`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toContain(`hopejobs-${YEAR}-result-report.docx`);
  });

  it('reports the results internally: summary, ranking, tiers with prize totals, provisional → final, objections', async () => {
    const text = await docxText((await resultReportFile(db.db, systemPrincipal, YEAR, 'docx', nearMidnight)).body);
    expect(text).toContain('2019 희망일자리 만들기 평가 결과 보고');
    expect(text).toContain('2026. 12. 7.(월) 00:30');
    for (const heading of ['1. 개요', '2. 순위', '3. 등급과 시상금', '4. 잠정 결과와 최종 결과의 차이', '5. 이의신청 처리']) expect(text).toContain(heading);
    expect(text).toContain('25개 자치구를 대상으로');
    expect(text).toContain('최우수구');
    const published = (await app.inject(`/api/v1/public/cycles/${YEAR}/results`)).json() as { tiers: Array<{ total: number }> };
    expect(text).toContain(`시상금 총 ${formatWonKo(published.tiers.reduce((a, t) => a + t.total, 0))}`);
    expect(text).toContain('광진구');
    if (await hasPdftotext()) {
      const pdf = await pdfText((await resultReportFile(db.db, systemPrincipal, YEAR, 'pdf', nearMidnight)).body);
      expect(pdf).toContain('평가 결과 보고');
    }
  });
});
