import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCycle } from '../../src/db/repositories/cycles.js';
import { clearPublicCache } from '../../src/domain/publication/index.js';
import { reproduceRun, runScoring } from '../../src/domain/scoring/runs.js';
import { score } from '../../src/engine/index.js';
import { signIn, testApp } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { systemPrincipal } from '../../src/domain/authz.js';

const PASSWORD = 'test-password-1';

describe.each(backends())('public results on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let runIds: number[] = [];
  beforeAll(async () => {
    const demo = await backend.openDemo(PASSWORD, { data: true });
    db = demo;
    runIds = demo.demoRuns;
    clearPublicCache();
    app = await testApp(db);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('lists the published demo cycles 2016–2019 and not the open 2020 cycle', async () => {
    const res = await app.inject('/api/v1/public/cycles');
    expect(res.statusCode).toBe(200);
    const years = res.json().cycles.map((c: { year: number }) => c.year);
    expect(years).toEqual([2019, 2018, 2017, 2016]);
    expect(res.json().cycles.every((c: { demo: boolean }) => c.demo)).toBe(true);
  });

  it('serves 2019 results with 25 ranked districts, tiers and Gwangjin-gu’s four-year streak', async () => {
    const res = await app.inject('/api/v1/public/cycles/2019/results');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.units).toHaveLength(25);
    expect(body.units[0].rank).toBe(1);
    const ranks = body.units.map((u: { rank: number }) => u.rank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    const gwangjin = body.units.find((u: { code: string }) => u.code === '11215');
    expect(gwangjin.awardTier).not.toBeNull();
    expect(gwangjin.streak).toBe(4);
    expect(gwangjin.streakText.ko).toBe('4년 연속 우수구 (2016–2019)');
    expect(body.tiers.map((t: { code: string }) => t.code)).toEqual(['best', 'excellent', 'encouragement', 'improved']);
  });

  it('serves a scorecard whose indicator points add up to the base score', async () => {
    const res = await app.inject('/api/v1/public/cycles/2019/districts/11215/scorecard');
    expect(res.statusCode).toBe(200);
    const sc = res.json();
    expect(sc.district).toEqual({ code: '11215', name: '광진구' });
    expect(sc.indicators).toHaveLength(20);
    const sum = sc.indicators.reduce((s: number, i: { earned: number | null }) => s + (i.earned ?? 0), 0);
    expect(sum).toBeCloseTo(sc.baseScore, 9);
    expect(sc.score).toBeCloseTo(sc.baseScore + sc.bonus - sc.penalty, 9);
    expect(sc.trend.map((t: { year: number }) => t.year)).toEqual([2016, 2017, 2018, 2019]);
    expect(sc.explanation.ko.length).toBeGreaterThan(0);
    expect(sc.robustness.runs).toBe(1000);
    expect(sc.robustness.rankP5).toBeLessThanOrEqual(sc.robustness.medianRank);
    expect(sc.robustness.medianRank).toBeLessThanOrEqual(sc.robustness.rankP95);
    const probability = Object.values(sc.robustness.tierProbability as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(probability).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('does not leak an unpublished cycle, even after a scoring run', async () => {
    await upsertCycle(db.db, { year: 2021, title: '2021', dataPeriodStart: '2020-09-01', dataPeriodEnd: '2021-08-31', status: 'scoring', isDemo: true });
    const { ensureFramework } = await import('../../src/domain/frameworks/service.js');
    await ensureFramework(db.db, 2021);
    // Nothing is verified in 2021: the provisional run needs an override with a reason.
    await runScoring(db.db, systemPrincipal, 2021, 'provisional', { override: true, reason: '공개 범위 시험용 가산정' });
    clearPublicCache();
    expect((await app.inject('/api/v1/public/cycles/2021/results')).statusCode).toBe(404);
    expect((await app.inject('/api/v1/public/cycles/2020/results')).statusCode).toBe(404);
    expect((await app.inject('/api/v1/public/cycles/2020/districts/11215/scorecard')).statusCode).toBe(404);
    const years = (await app.inject('/api/v1/public/cycles')).json().cycles.map((c: { year: number }) => c.year);
    expect(years).not.toContain(2021);
  });

  it('reproduces every published run bit-identically from its stored snapshot', async () => {
    for (const id of runIds) {
      const r = await reproduceRun(db.db, systemPrincipal, id);
      expect(r.identical).toBe(true);
      expect(r.differences).toEqual([]);
    }
    const admin = await signIn(app, 'admin', PASSWORD);
    const res = await admin.request('POST', `/api/v1/scoring-runs/${runIds[3]}/reproduce`);
    expect(res.json()).toMatchObject({ identical: true });
    const officer = await signIn(app, 'officer.11215', PASSWORD);
    expect((await officer.request('POST', `/api/v1/scoring-runs/${runIds[3]}/reproduce`)).statusCode).toBe(403);
  });

  it('publishes the engine input so anyone can re-score and get the same base scores', async () => {
    const input = (await app.inject('/api/v1/public/cycles/2019/engine-input')).json();
    const mine = score({ iMeta: input.iMeta, iData: input.iData, options: input.options });
    const published = (await app.inject('/api/v1/public/cycles/2019/districts/11215/scorecard')).json();
    const unit = mine.units.find((u) => u.uCode === '11215')!;
    expect(unit.scores.TOTAL).toBe(published.baseScore);
  });

  it('shows the audit log to the auditor, verifies its chain, and scopes districts to their own entries', async () => {
    const auditor = await signIn(app, 'auditor', PASSWORD);
    const page = (await auditor.request('GET', '/api/v1/audit?limit=5')).json();
    expect(page.entries).toHaveLength(5);
    expect(page.nextCursor).toBe(page.entries[4].seq);
    const next = (await auditor.request('GET', `/api/v1/audit?limit=5&cursor=${page.nextCursor}`)).json();
    expect(next.entries[0].seq).toBeLessThan(page.nextCursor);
    expect((await auditor.request('GET', '/api/v1/audit/verify')).json()).toMatchObject({ ok: true });
    const csv = await auditor.request('GET', '/api/v1/audit.csv?limit=10');
    expect(csv.body.startsWith('\uFEFF순번,시각(KST),수행자')).toBe(true);
    const officer = await signIn(app, 'officer.11215', PASSWORD);
    expect((await officer.request('GET', '/api/v1/audit?orgUnitCode=11110')).statusCode).toBe(403);
    const own = (await officer.request('GET', '/api/v1/audit')).json();
    expect(own.entries.every((e: { orgUnitCode: string }) => e.orgUnitCode === '11215')).toBe(true);
    expect((await officer.request('GET', '/api/v1/audit/verify')).statusCode).toBe(403);
  });

  it('offers open data as CSV (BOM), JSON and xlsx, and scorecards as PDF, without sign-in', async () => {
    const csv = await app.inject('/api/v1/public/cycles/2019/results.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body.trim().split('\r\n')).toHaveLength(26);
    const json = await app.inject('/api/v1/public/cycles/2019/results.json');
    expect(JSON.parse(json.body).units ?? JSON.parse(json.body).results).toBeDefined();
    const xlsx = await app.inject('/api/v1/public/cycles/2019/results.xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(xlsx.headers['content-disposition']).toContain('hopejobs-2019-results.xlsx');
    const pdf = await app.inject('/api/v1/public/cycles/2019/districts/11215/scorecard.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await app.inject('/api/v1/public/cycles/2020/results.csv')).statusCode).toBe(404);
  });

  it('drafts a press release from the results and the winners’ activity records, editable by the city', async () => {
    const admin = await signIn(app, 'admin', PASSWORD);
    const draft = (await admin.request('GET', '/api/v1/cycles/2019/press-release')).json();
    expect(draft.edited).toBe(false);
    expect(draft.text).toMatch(/서울시, 2019 희망일자리 만들기 평가 결과 발표/);
    expect(draft.text).toContain('4년 연속');
    expect(draft.text).toContain('데모 데이터');
    expect(draft.text).toMatch(/회 개최, 현장 채용 [\d,]+명/);
    const saved = await admin.request('PUT', '/api/v1/cycles/2019/press-release', { text: `${draft.text}\n(수정본)`, version: draft.version });
    expect(saved.statusCode).toBe(204);
    const again = (await admin.request('GET', '/api/v1/cycles/2019/press-release')).json();
    expect(again).toMatchObject({ edited: true });
    expect(again.text).toContain('(수정본)');
    const stale = await admin.request('PUT', '/api/v1/cycles/2019/press-release', { text: 'x', version: draft.version });
    expect(stale.statusCode).toBe(409);
    const officer = await signIn(app, 'officer.11215', PASSWORD);
    expect((await officer.request('GET', '/api/v1/cycles/2019/press-release')).statusCode).toBe(403);
  });
});
