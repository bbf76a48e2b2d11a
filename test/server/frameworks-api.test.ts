import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCycle } from '../../src/db/repositories/cycles.js';
import { verifyAuditChain } from '../../src/domain/audit.js';
import { frameworkDefinitionSchema } from '../../src/domain/frameworks/definition.js';
import { defaultFramework } from '../../src/domain/frameworks/defaults/index.js';
import { issueMessage } from '../../src/message.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';

describe('shipped frameworks', () => {
  it('are valid, total 100 points, and 2019 adds the company-visit indicator J1', () => {
    for (const year of [2016, 2017, 2018, 2019]) {
      const def = defaultFramework(year);
      expect(def.illustrative).toBe(true);
      expect(def.indicators.reduce((s, i) => s + i.points, 0)).toBe(100);
    }
    expect(defaultFramework(2016).fields.map((f) => f.name.ko)).toEqual(['일자리창출', '사회적경제', '노동권익']);
    expect(defaultFramework(2016).indicators).toHaveLength(10);
    expect(defaultFramework(2019).indicators).toHaveLength(20);
    expect(defaultFramework(2018).indicators.map((i) => i.code)).not.toContain('J1');
    expect(defaultFramework(2019).indicators.find((i) => i.code === 'J1')).toMatchObject({ isNew: true, points: 6 });
  });

  it('rejects a framework whose points do not add up, naming the problem in both languages', () => {
    const def = defaultFramework(2019);
    const broken = { ...def, indicators: def.indicators.map((i) => (i.code === 'S1' ? { ...i, points: 9 } : i)) };
    const r = frameworkDefinitionSchema.safeParse(broken);
    expect(r.success).toBe(false);
    expect(issueMessage(r.error!.issues[0]!)).toEqual({ ko: '배점 합계 101점, 100점이어야 합니다', en: 'points add up to 101, must be 100' });
  });
});

describe.each(backends())('frameworks API on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let officer: Client;
  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await upsertCycle(db.db, { year: 2021, title: '2021 평가', dataPeriodStart: '2020-09-01', dataPeriodEnd: '2021-08-31', status: 'draft', isDemo: true });
    app = await testApp(db);
    admin = await signIn(app, 'admin', PASSWORD);
    officer = await signIn(app, 'officer.11215', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('shows the diff 2018 → 2019 with the added company-visit indicator', async () => {
    const res = await officer.request('GET', '/api/v1/frameworks/diff?from=2018&to=2019');
    expect(res.statusCode).toBe(200);
    const diff = res.json();
    expect(diff.added.map((i: { code: string }) => i.code)).toEqual(['J1']);
    expect(diff.removed).toEqual([]);
    expect(diff.summary.ko).toContain('J1 일자리·경제 활성화 기업방문 실적 신설 (6점)');
    expect(diff.summary.ko).toContain('J2 일자리 목표 공시제 목표 달성률 배점 8점 → 6점');
  });

  it('copies 2018 into a draft cycle, then the diff to 2019 shows J1 added', async () => {
    const copy = await admin.request('POST', '/api/v1/cycles/2021/framework/copy', { fromYear: 2018 });
    expect(copy.statusCode).toBe(200);
    expect(copy.json()).toMatchObject({ cycleYear: 2021, version: 1, frozen: false });
    const diff = (await admin.request('GET', '/api/v1/frameworks/diff?from=2021&to=2019')).json();
    expect(diff.added.map((i: { code: string }) => i.code)).toEqual(['J1']);
  });

  it('edits a draft in place with optimistic concurrency (stale save → 409)', async () => {
    const current = (await admin.request('GET', '/api/v1/cycles/2021/framework')).json();
    const def = current.definition;
    def.indicators[0].name.ko = '공공구매 실적 (수정)';
    const ok = await admin.request('PUT', '/api/v1/cycles/2021/framework', { definition: def, rowVersion: current.rowVersion });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 1, rowVersion: current.rowVersion + 1 });
    const stale = await admin.request('PUT', '/api/v1/cycles/2021/framework', { definition: def, rowVersion: current.rowVersion });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.rowVersion).toBe(current.rowVersion + 1);
  });

  it('answers the formula lint as warnings that do not stop a save', async () => {
    const current = (await admin.request('GET', '/api/v1/cycles/2021/framework')).json();
    const lint = (w: Array<{ code: string; indicators: string[] }>) => w.map((x) => `${x.code} ${x.indicators.join('+')}`);
    expect(lint(current.warnings)).toEqual([]);
    const def = current.definition;
    const s1 = def.indicators.findIndex((i: { code: string }) => i.code === 'S1');
    def.indicators[s1].unit = '건';
    const saved = await admin.request('PUT', '/api/v1/cycles/2021/framework', { definition: def, rowVersion: current.rowVersion });
    expect(saved.statusCode).toBe(200);
    const warning = saved.json().warnings.find((w: { indicators: string[] }) => w.indicators[0] === 'S1');
    expect(warning).toMatchObject({ code: 'unit_mismatch', path: `definition.indicators.${s1}.unit` });
    expect(warning.message.ko).toMatch(/[가-힣]/);
    def.indicators[s1].unit = '%';
    const back = await admin.request('PUT', '/api/v1/cycles/2021/framework', { definition: def, rowVersion: saved.json().rowVersion });
    expect(lint(back.json().warnings)).toEqual(lint(current.warnings));
  });

  it('needs a reason to change a frozen framework and then creates a new version', async () => {
    const current = (await admin.request('GET', '/api/v1/cycles/2019/framework')).json();
    expect(current.frozen).toBe(true);
    const def = current.definition;
    def.indicators.find((i: { code: string }) => i.code === 'J10').bounds = { min: 0, max: 110 };
    const noReason = await admin.request('PUT', '/api/v1/cycles/2019/framework', { definition: def, rowVersion: current.rowVersion });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('reason_required');
    const withReason = await admin.request('PUT', '/api/v1/cycles/2019/framework', {
      definition: def,
      rowVersion: current.rowVersion,
      reason: '예산 집행률 상한 오류 정정',
    });
    expect(withReason.statusCode).toBe(200);
    expect(withReason.json()).toMatchObject({ version: 2, frozen: true, reason: '예산 집행률 상한 오류 정정' });
    const versions = (await admin.request('GET', '/api/v1/cycles/2019/framework/versions')).json().versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // A screen still showing version 1 is stale, even though version 2 is a new row.
    const staleScreen = await admin.request('PUT', '/api/v1/cycles/2019/framework', { definition: def, rowVersion: current.rowVersion, reason: '다시 저장' });
    expect(staleScreen.statusCode).toBe(409);
    expect((await verifyAuditChain(db.db)).ok).toBe(true);
  });

  it('reports every validation problem with its path', async () => {
    const current = (await admin.request('GET', '/api/v1/cycles/2021/framework')).json();
    const def = current.definition;
    def.indicators[0].points = 99;
    def.indicators[1].field = 'X';
    const res = await admin.request('PUT', '/api/v1/cycles/2021/framework', { definition: def, rowVersion: current.rowVersion });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['definition.indicators.1.field', 'definition.indicators']));
    def.indicators[1].field = def.fields[0].code;
    def.indicators[0].points = current.definition.indicators[0].points;
    def.indicators[2].name.ko = '';
    const ko = (await admin.request('PUT', '/api/v1/cycles/2021/framework', { definition: def, rowVersion: current.rowVersion })).json();
    expect(ko.errors[0].path).toBe('definition.indicators.2.name.ko');
    expect(ko.errors[0].message).toMatch(/[가-힣]/);
  });

  it('lets only the city admin change frameworks', async () => {
    const current = (await officer.request('GET', '/api/v1/cycles/2021/framework')).json();
    const res = await officer.request('PUT', '/api/v1/cycles/2021/framework', { definition: current.definition, rowVersion: current.rowVersion });
    expect(res.statusCode).toBe(403);
    expect((await officer.request('POST', '/api/v1/cycles/2021/framework/copy', { fromYear: 2019 })).statusCode).toBe(403);
    expect((await app.inject('/api/v1/cycles/2019/framework')).statusCode).toBe(401);
  });
});
