import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { findCycleByYear } from '../../src/db/repositories/cycles.js';
import { auditLog, orgUnits, submissions } from '../../src/db/schema.js';
import { getFramework } from '../../src/domain/frameworks/service.js';
import { seedDemo } from '../../src/domain/seed.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';
const YEAR = 2020;

/** Verified values for every district and indicator of the cycle, spread within each indicator's bounds. */
async function fillVerified(db: Db, year: number, fixed: Record<string, Record<string, number>>) {
  const cycle = (await findCycleByYear(db, year))!;
  const fw = (await getFramework(db, year)).definition;
  const units = await db.select().from(orgUnits).where(eq(orgUnits.kind, 'district')).orderBy(asc(orgUnits.sortOrder));
  const rows: Array<typeof submissions.$inferInsert> = [];
  units.forEach((u, k) => {
    fw.indicators.forEach((ind, i) => {
      const frac = ((k * 7 + i * 3) % 25) / 24;
      const { min = 0, max } = ind.bounds;
      const value = fixed[u.code]?.[ind.code] ?? (max !== undefined ? min + frac * (Math.min(max, min + 200) - min) : 5 + frac * 100);
      rows.push({ cycleId: cycle.id, orgUnitId: u.id, indicatorCode: ind.code, value, valueSource: 'entered', status: 'verified', verifiedAt: new Date() });
    });
  });
  await db.insert(submissions).values(rows);
}

describe.each(backends())('provisional results and objections on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let officer: Client;
  let approver: Client;
  let otherOfficer: Client;
  let otherApprover: Client;
  let provisional: { runId: number; units: Array<{ code: string; score: number }> };
  let objectionJ2: { id: number; version: number };
  let objectionJ10: { id: number; version: number };

  const transition = async (to: string) => {
    const { version } = (await admin.request('GET', `/api/v1/cycles/${YEAR}`)).json();
    const res = await admin.request('POST', `/api/v1/cycles/${YEAR}/transition`, { to, version });
    expect(res.statusCode, res.body).toBe(200);
  };
  const file = (client: Client, body: Record<string, unknown>) => client.request('POST', `/api/v1/cycles/${YEAR}/objections`, body);

  beforeAll(async () => {
    db = await backend.open();
    await seedDemo(db.db, { password: PASSWORD });
    await fillVerified(db.db, YEAR, { '11215': { J2: 40 } });
    app = await testApp(db);
    admin = await signIn(app, 'admin', PASSWORD);
    officer = await signIn(app, 'officer.11215', PASSWORD);
    approver = await signIn(app, 'approver.11215', PASSWORD);
    otherOfficer = await signIn(app, 'officer.11110', PASSWORD);
    otherApprover = await signIn(app, 'approver.11110', PASSWORD);
    for (const to of ['verification', 'review', 'scoring']) await transition(to);
    const run = await admin.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, { kind: 'provisional' });
    expect(run.statusCode, run.body).toBe(201);
    provisional = { runId: run.json().id, units: run.json().outcome.units };
    for (const to of ['provisional', 'objections']) await transition(to);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('shows a district every rank and score, and the full scorecard of its own district only', async () => {
    const res = await officer.request('GET', `/api/v1/cycles/${YEAR}/provisional-results`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.runId).toBe(provisional.runId);
    expect(body.units).toHaveLength(25);
    expect(body.units.every((u: { rank: number; score: number }) => u.rank >= 1 && typeof u.score === 'number')).toBe(true);
    expect(body.scorecards.map((s: { code: string }) => s.code)).toEqual(['11215']);
    const j2 = body.scorecards[0].indicators.find((i: { code: string }) => i.code === 'J2');
    expect(j2).toMatchObject({ value: 40, points: 6, earned: expect.closeTo(2.4, 9) });
    expect(body.objectionsDueAt).not.toBeNull();

    expect((await admin.request('GET', `/api/v1/cycles/${YEAR}/provisional-results`)).json().scorecards).toHaveLength(25);
    expect((await officer.request('GET', `/api/v1/cycles/${YEAR}/provisional-results/districts/11215`)).statusCode).toBe(200);
    expect((await otherOfficer.request('GET', `/api/v1/cycles/${YEAR}/provisional-results/districts/11215`)).statusCode).toBe(403);
  });

  it('lets a district officer or approver file an objection with a reason, once per indicator', async () => {
    const res = await file(officer, { district: '11215', indicator: 'J2', reason: '목표 공시 달성률 산정에서 하반기 실적이 빠졌습니다', requestedValue: 100 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'filed',
      district: { code: '11215', name: '광진구' },
      indicator: { code: 'J2' },
      runId: provisional.runId,
      provisionalValue: 40,
      requestedValue: 100,
      filedBy: 'officer.11215',
      decidedAt: null,
      version: 1,
    });
    objectionJ2 = res.json();
    const again = await file(approver, { district: '11215', indicator: 'J2', reason: '중복' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('objection_exists');
    expect((await file(officer, { district: '11215', indicator: 'J2', reason: '' })).statusCode).toBe(400);
    expect((await file(officer, { district: '11215', indicator: 'ZZ9', reason: '없는 지표' })).statusCode).toBe(404);
    expect((await file(otherOfficer, { district: '11215', indicator: 'J3', reason: '남의 구' })).statusCode).toBe(403);
    expect((await file(admin, { district: '11215', indicator: 'J3', reason: '시' })).statusCode).toBe(403);

    const other = await file(otherApprover, { district: '11110', indicator: 'J10', reason: '집행률 재계산 요청', requestedValue: 99 });
    expect(other.statusCode).toBe(201);
    objectionJ10 = other.json();

    const city = (await admin.request('GET', '/api/v1/notifications')).json();
    expect(city.notifications.filter((n: { kind: string }) => n.kind === 'objection_filed')).toHaveLength(2);
  });

  it('shows each district its own objections; the city sees all', async () => {
    const mine = (await officer.request('GET', `/api/v1/cycles/${YEAR}/objections`)).json().objections;
    expect(mine.map((o: { id: number }) => o.id)).toEqual([objectionJ2.id]);
    const theirs = (await otherOfficer.request('GET', `/api/v1/cycles/${YEAR}/objections`)).json().objections;
    expect(theirs.map((o: { id: number }) => o.id)).toEqual([objectionJ10.id]);
    expect((await admin.request('GET', `/api/v1/cycles/${YEAR}/objections`)).json().objections).toHaveLength(2);
    expect((await admin.request('GET', `/api/v1/cycles/${YEAR}/objections?district=11110`)).json().objections).toHaveLength(1);
  });

  it('lets a district withdraw its own open objection', async () => {
    const filed = (await file(officer, { district: '11215', indicator: 'J11', reason: '확인 중' })).json();
    expect((await otherOfficer.request('POST', `/api/v1/objections/${filed.id}/withdraw`, { version: 1 })).statusCode).toBe(403);
    const res = await approver.request('POST', `/api/v1/objections/${filed.id}/withdraw`, { version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', version: 2 });
  });

  it('requires a corrected value to accept and a reason to reject', async () => {
    const accept = await admin.request('POST', `/api/v1/objections/${objectionJ2.id}/decide`, { decision: 'accept', version: 1 });
    expect(accept.statusCode).toBe(400);
    expect(accept.json().errors).toEqual([{ path: 'body.correctedValue', message: expect.any(String) }]);
    const reject = await admin.request('POST', `/api/v1/objections/${objectionJ10.id}/decide`, { decision: 'reject', version: 1, reason: '  ' });
    expect(reject.statusCode).toBe(400);
    expect(reject.json().errors).toEqual([{ path: 'body.reason', message: expect.any(String) }]);
    const outOfBounds = await admin.request('POST', `/api/v1/objections/${objectionJ2.id}/decide`, { decision: 'accept', version: 1, correctedValue: 500 });
    expect(outOfBounds.statusCode).toBe(400);
    expect((await officer.request('POST', `/api/v1/objections/${objectionJ2.id}/decide`, { decision: 'accept', version: 1, correctedValue: 100 })).statusCode).toBe(403);
  });

  it('accepts one objection with a corrected value and rejects another with a reason, notifying the districts', async () => {
    const accepted = await admin.request('POST', `/api/v1/objections/${objectionJ2.id}/decide`, { decision: 'accept', version: 1, correctedValue: 100, reason: '하반기 실적 증빙 확인' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', correctedValue: 100, decisionReason: '하반기 실적 증빙 확인', decidedBy: 'admin', version: 2 });
    expect(accepted.json().decidedAt).not.toBeNull();
    const stale = await admin.request('POST', `/api/v1/objections/${objectionJ2.id}/decide`, { decision: 'reject', version: 1, reason: '늦은 결정' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', current: { status: 'accepted', version: 2 } });

    const rejected = await admin.request('POST', `/api/v1/objections/${objectionJ10.id}/decide`, { decision: 'reject', version: 1, reason: '집행률 산정 기준이 지침과 같습니다' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', correctedValue: null, decisionReason: '집행률 산정 기준이 지침과 같습니다' });

    // Every step visible to the district.
    const mine = (await officer.request('GET', `/api/v1/cycles/${YEAR}/objections`)).json().objections;
    expect(mine.find((o: { id: number }) => o.id === objectionJ2.id)).toMatchObject({ status: 'accepted', correctedValue: 100, decidedBy: 'admin' });
    for (const client of [officer, approver]) {
      const inbox = (await client.request('GET', '/api/v1/notifications')).json();
      const n = inbox.notifications.find((x: { kind: string }) => x.kind === 'objection_decided');
      expect(n.payload).toMatchObject({ objectionId: objectionJ2.id, decision: 'accepted', correctedValue: 100 });
      expect(n.payload.message.ko).toContain('받아들여졌습니다');
    }
    const audit = await db.db.select().from(auditLog).where(eq(auditLog.entityType, 'objection'));
    expect(audit.map((a) => [a.action, a.orgUnitCode])).toEqual(
      expect.arrayContaining([
        ['objection.filed', '11215'],
        ['objection.accepted', '11215'],
        ['objection.rejected', '11110'],
      ]),
    );
  });

  it('applies the accepted correction in the final run; the rejected one keeps the values', async () => {
    const run = await admin.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, { kind: 'final' });
    expect(run.statusCode).toBe(201);
    const final = run.json().outcome.units as Array<{ code: string; score: number; raw: Record<string, number> }>;
    const before = new Map(provisional.units.map((u) => [u.code, u]));
    const gwangjin = final.find((u) => u.code === '11215')!;
    // J2 (6 points, target 100): 40 → 100 earns 2.4 → 6 points.
    expect(gwangjin.raw.J2).toBe(100);
    expect(gwangjin.score - before.get('11215')!.score).toBeCloseTo(3.6, 9);
    const jongno = final.find((u) => u.code === '11110')!;
    expect(jongno.score).toBe(before.get('11110')!.score);
    expect(jongno.raw.J10).toBe((before.get('11110') as unknown as { raw: Record<string, number> }).raw.J10);
    // The submission itself is untouched: the correction lives in the objection and the run's snapshot.
    const [row] = await db.db
      .select({ value: submissions.value })
      .from(submissions)
      .innerJoin(orgUnits, eq(orgUnits.id, submissions.orgUnitId))
      .where(and(eq(orgUnits.code, '11215'), eq(submissions.indicatorCode, 'J2')));
    expect(row).toEqual({ value: 40 });
  });

  it('refuses an objection after the objection deadline', async () => {
    expect((await admin.request('PUT', `/api/v1/cycles/${YEAR}/deadlines/objections`, { dueAt: new Date(Date.now() - 60_000).toISOString() })).statusCode).toBe(204);
    const res = await file(officer, { district: '11215', indicator: 'J3', reason: '기한 후 신청' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('objection_deadline_passed');
  });

  it('gives a district officer of 11110 a 403 on every route touching 11215’s data', async () => {
    const item = (await admin.request('GET', `/api/v1/cycles/${YEAR}/districts/11215/submissions/J2`)).json();
    const notification = (await officer.request('GET', '/api/v1/notifications')).json().notifications[0];
    expect(notification).toBeDefined();
    const sub = `/api/v1/cycles/${YEAR}/districts/11215/submissions`;
    const routes: Array<[method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown]> = [
      ['GET', sub],
      ['GET', `${sub}/J2`],
      ['PUT', `${sub}/J2`, { version: item.version, value: 1 }],
      ['POST', `${sub}/J2/evidence`, { evidenceId: 1, version: item.version }],
      ['DELETE', `${sub}/J2/evidence/1?version=${item.version}`],
      ['POST', `${sub}/J2/submit`, { version: item.version }],
      ['POST', `${sub}/J2/approve`, { version: item.version }],
      ['POST', `${sub}/J2/return-to-officer`, { version: item.version, reason: 'x' }],
      ['POST', `/api/v1/cycles/${YEAR}/districts/11215/submit-all`],
      ['GET', `/api/v1/cycles/${YEAR}/verification`],
      ['POST', `/api/v1/cycles/${YEAR}/verification/verify`, { id: item.id, version: item.version }],
      ['POST', `/api/v1/cycles/${YEAR}/verification/return`, { id: item.id, version: item.version, reason: 'x' }],
      ['POST', `/api/v1/cycles/${YEAR}/verification/bulk-verify`, { items: [{ id: item.id, version: item.version }] }],
      ['GET', `/api/v1/cycles/${YEAR}/verification/11215/J2/compare`],
      ['GET', `/api/v1/cycles/${YEAR}/provisional-results/districts/11215`],
      ['POST', `/api/v1/cycles/${YEAR}/objections`, { district: '11215', indicator: 'J5', reason: 'x' }],
      ['GET', `/api/v1/cycles/${YEAR}/objections?district=11215`],
      ['GET', `/api/v1/objections/${objectionJ2.id}`],
      ['POST', `/api/v1/objections/${objectionJ2.id}/decide`, { decision: 'reject', version: 2, reason: 'x' }],
      ['POST', `/api/v1/objections/${objectionJ2.id}/withdraw`, { version: 2 }],
      ['POST', `/api/v1/notifications/${notification.id}/read`],
      ['POST', '/api/v1/notifications/deadline-reminders'],
    ];
    for (const [method, url, body] of routes) {
      const res = await otherOfficer.request(method, url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
    }
    // Routes that are the caller's own (no other district's data): ranks are shared, scorecards and inboxes are not.
    const shared = (await otherOfficer.request('GET', `/api/v1/cycles/${YEAR}/provisional-results`)).json();
    expect(shared.scorecards.map((s: { code: string }) => s.code)).toEqual(['11110']);
    const inbox = (await otherOfficer.request('GET', '/api/v1/notifications')).json();
    expect(inbox.notifications.some((n: { id: number }) => n.id === notification.id)).toBe(false);
    expect((await otherOfficer.request('POST', '/api/v1/notifications/read-all')).statusCode).toBe(200);
    expect((await officer.request('GET', '/api/v1/notifications')).json().notifications[0].readAt).toBeNull();

    // Every route of these four resources is in the list above or is one of the caller's own.
    const doc = (await app.inject('/api/docs/json')).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const own = new Set(['GET /api/v1/cycles/{year}/provisional-results', 'GET /api/v1/notifications', 'POST /api/v1/notifications/read-all', 'GET /api/v1/cycles/{year}/objections']);
    const tested = new Set(routes.map(([m, u]) => `${m} ${u.split('?')[0]!.replace(/\/2020\//, '/{year}/')}`));
    let checked = 0;
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        if (!op.tags?.some((t) => ['submissions', 'verification', 'objections', 'notifications'].includes(t))) continue;
        const key = `${m.toUpperCase()} ${p}`;
        const concrete = [...tested].some((t) => new RegExp(`^${key.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(t));
        expect(own.has(key) || concrete, `untested route ${key}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(25);
  });
});
