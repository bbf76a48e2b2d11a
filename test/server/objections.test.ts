import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, orgUnits, submissions } from '../../src/db/schema.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { fillVerified } from '../helpers/verified-values.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';
const YEAR = 2020;

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
  let crossJ3: { id: number; version: number };

  const transition = async (to: string) => {
    const { version } = (await admin.request('GET', `/api/v1/cycles/${YEAR}`)).json();
    const res = await admin.request('POST', `/api/v1/cycles/${YEAR}/transition`, { to, version });
    expect(res.statusCode, res.body).toBe(200);
  };
  const file = (client: Client, body: Record<string, unknown>) => client.request('POST', `/api/v1/cycles/${YEAR}/objections`, body);

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
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

  it('shows every district every rank, score and full scorecard, with the objection deadlines', async () => {
    const res = await officer.request('GET', `/api/v1/cycles/${YEAR}/provisional-results`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.runId).toBe(provisional.runId);
    expect(body.units).toHaveLength(25);
    expect(body.units.every((u: { rank: number; score: number }) => u.rank >= 1 && typeof u.score === 'number')).toBe(true);
    expect(body.scorecards).toHaveLength(25);
    const j2 = body.scorecards.find((c: { code: string }) => c.code === '11215').indicators.find((i: { code: string }) => i.code === 'J2');
    expect(j2).toMatchObject({ value: 40, points: 6, earned: expect.closeTo(2.4, 9) });
    expect(body.objectionsDueAt).not.toBeNull();
    // Reply and decision deadlines follow the filing deadline by default (3 and 7 more days).
    const { filingDueAt, replyDueAt, decisionDueAt } = body.schedule;
    expect(new Date(replyDueAt).getTime() - new Date(filingDueAt).getTime()).toBe(3 * 86_400_000);
    expect(new Date(decisionDueAt).getTime() - new Date(replyDueAt).getTime()).toBe(7 * 86_400_000);

    expect((await admin.request('GET', `/api/v1/cycles/${YEAR}/provisional-results`)).json().scorecards).toHaveLength(25);
    const theirs = await otherOfficer.request('GET', `/api/v1/cycles/${YEAR}/provisional-results/districts/11215`);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().indicators.find((i: { code: string }) => i.code === 'J2').value).toBe(40);
  });

  it('lets a district officer or approver file an objection with a reason, once per district and indicator', async () => {
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
      filer: { code: '11215' },
      stage: 'awaiting_decision',
      decidedAt: null,
      version: 1,
    });
    objectionJ2 = res.json();
    const again = await file(approver, { district: '11215', indicator: 'J2', reason: '중복' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('objection_exists');
    expect((await file(officer, { district: '11215', indicator: 'J2', reason: '' })).statusCode).toBe(400);
    expect((await file(officer, { district: '11215', indicator: 'ZZ9', reason: '없는 지표' })).statusCode).toBe(404);
    expect((await file(admin, { district: '11215', indicator: 'J3', reason: '시' })).statusCode).toBe(403);
    expect((await file(otherOfficer, { district: '11215', indicator: 'J3', reason: 'x', filer: '11215' })).statusCode).toBe(403);

    const other = await file(otherApprover, { district: '11110', indicator: 'J10', reason: '집행률 재계산 요청', requestedValue: 99 });
    expect(other.statusCode).toBe(201);
    objectionJ10 = other.json();

    const city = (await admin.request('GET', '/api/v1/notifications')).json();
    expect(city.notifications.filter((n: { kind: string }) => n.kind === 'objection_filed')).toHaveLength(2);
    // A district contesting its own figure is not asked to reply to itself.
    expect(
      (await officer.request('GET', '/api/v1/notifications')).json().notifications.some((n: { kind: string }) => n.kind === 'objection_reply_requested'),
    ).toBe(false);
  });

  it('lets a district object to another district’s figure; the contested district is asked to reply', async () => {
    const res = await file(otherOfficer, { district: '11215', indicator: 'J3', reason: '광진구 J3 채용 인원에 중복 집계가 있습니다', requestedValue: 20 });
    expect(res.statusCode, res.body).toBe(201);
    crossJ3 = res.json();
    expect(res.json()).toMatchObject({
      district: { code: '11215' },
      filer: { code: '11110' },
      stage: 'awaiting_reply',
      reply: null,
      actions: { reply: false, decide: false, withdraw: true },
    });
    // Another open objection of the same filer to the same district × indicator is a duplicate; another filer's is not.
    expect((await file(otherApprover, { district: '11215', indicator: 'J3', reason: '중복' })).json().code).toBe('objection_exists');
    for (const client of [officer, approver]) {
      const n = (await client.request('GET', '/api/v1/notifications'))
        .json()
        .notifications.find((x: { kind: string }) => x.kind === 'objection_reply_requested');
      expect(n.payload).toMatchObject({ objectionId: crossJ3.id, filerCode: '11110', orgUnitCode: '11215' });
      expect(n.payload.message.ko).toContain('답변할 수 있습니다');
    }
    const seen = (await officer.request('GET', `/api/v1/objections/${crossJ3.id}`)).json();
    expect(seen.actions).toEqual({ reply: true, decide: false, withdraw: false });
    // The city cannot decide before the contested district replies or its window closes.
    const early = await admin.request('POST', `/api/v1/objections/${crossJ3.id}/decide`, { decision: 'reject', version: 1, reason: '이르다' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('awaiting_reply');
  });

  it('refuses a requested value of 1e308 and other absurd values with a clear bilingual error', async () => {
    const cases: Array<[indicator: string, value: unknown, fragment: { ko: string; en: string }]> = [
      ['J2', 1e308, { ko: '상한보다 큽니다', en: 'above the maximum' }],
      ['J2', -1e308, { ko: '하한보다 작습니다', en: 'below the minimum' }],
      ['J3', 1e13, { ko: '상한보다 큽니다', en: 'above the maximum' }],
      ['S4', 2.5, { ko: '정수로 입력하세요', en: 'whole numbers' }],
    ];
    for (const [indicator, requestedValue, fragment] of cases) {
      const ko = await file(otherOfficer, { district: '11215', indicator, reason: '값 확인', requestedValue });
      expect(ko.statusCode, `${indicator} ${requestedValue}`).toBe(400);
      expect(ko.json()).toMatchObject({ code: 'requested_value_invalid', errors: [{ path: 'body.requestedValue' }] });
      expect(ko.json().detail).toContain('요청 값');
      expect(ko.json().errors[0].message).toContain(fragment.ko);
      const en = await otherOfficer.request(
        'POST',
        `/api/v1/cycles/${YEAR}/objections`,
        { district: '11215', indicator, reason: 'check', requestedValue },
        { 'accept-language': 'en' },
      );
      expect(en.json().errors[0].message).toContain(fragment.en);
    }
    // Not numbers at all: refused by the schema.
    for (const requestedValue of ['NaN', 'Infinity', '1e308', {}]) {
      expect((await file(otherOfficer, { district: '11215', indicator: 'J2', reason: 'x', requestedValue })).statusCode).toBe(400);
    }
    // Reason text is bounded too.
    expect((await file(otherOfficer, { district: '11215', indicator: 'J2', reason: 'x'.repeat(4001) })).statusCode).toBe(400);
    expect((await admin.request('GET', `/api/v1/cycles/${YEAR}/objections`)).json().objections).toHaveLength(3);
  });

  it('takes one reply from the contested district, with evidence of its own only', async () => {
    expect(
      (await otherOfficer.request('POST', `/api/v1/objections/${crossJ3.id}/reply`, { version: 1, text: '신청한 구는 답변하지 않습니다' })).statusCode,
    ).toBe(403);
    expect((await officer.request('POST', `/api/v1/objections/${objectionJ2.id}/reply`, { version: 1, text: '스스로 낸 신청' })).json().code).toBe(
      'no_reply_needed',
    );
    expect((await approver.request('POST', `/api/v1/objections/${crossJ3.id}/reply`, { version: 1, text: '  ' })).statusCode).toBe(400);
    const res = await approver.request('POST', `/api/v1/objections/${crossJ3.id}/reply`, {
      version: 1,
      text: '채용 인원은 행사별 명단으로 중복 없이 집계했습니다',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      stage: 'awaiting_decision',
      reply: { text: '채용 인원은 행사별 명단으로 중복 없이 집계했습니다', by: 'approver.11215' },
      version: 2,
    });
    expect((await officer.request('POST', `/api/v1/objections/${crossJ3.id}/reply`, { version: 2, text: '두 번째' })).json().code).toBe('already_replied');
    const filer = (await otherOfficer.request('GET', '/api/v1/notifications'))
      .json()
      .notifications.find((n: { kind: string }) => n.kind === 'objection_replied');
    expect(filer.payload).toMatchObject({ objectionId: crossJ3.id });
    expect(
      (await admin.request('GET', '/api/v1/notifications'))
        .json()
        .notifications.some((n: { kind: string; payload: { objectionId: number } }) => n.kind === 'objection_replied' && n.payload.objectionId === crossJ3.id),
    ).toBe(true);
    crossJ3 = res.json();
  });

  it('shows each district the objections it filed or received; the city sees all', async () => {
    const mine = (await officer.request('GET', `/api/v1/cycles/${YEAR}/objections`)).json().objections;
    expect(mine.map((o: { id: number }) => o.id)).toEqual([objectionJ2.id, crossJ3.id]);
    const theirs = (await otherOfficer.request('GET', `/api/v1/cycles/${YEAR}/objections`)).json().objections;
    expect(theirs.map((o: { id: number }) => o.id)).toEqual([objectionJ10.id, crossJ3.id]);
    expect((await admin.request('GET', `/api/v1/cycles/${YEAR}/objections`)).json().objections).toHaveLength(3);
    expect((await admin.request('GET', `/api/v1/cycles/${YEAR}/objections?district=11110`)).json().objections).toHaveLength(2);
    const bystander = await signIn(app, 'officer.11680', PASSWORD);
    expect((await bystander.request('GET', `/api/v1/objections/${crossJ3.id}`)).statusCode).toBe(403);
  });

  it('lets a district withdraw its own open objection', async () => {
    const filed = (await file(officer, { district: '11215', indicator: 'J11', reason: '확인 중' })).json();
    expect((await otherOfficer.request('POST', `/api/v1/objections/${filed.id}/withdraw`, { version: 1 })).statusCode).toBe(403);
    const res = await approver.request('POST', `/api/v1/objections/${filed.id}/withdraw`, { version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', version: 2 });
  });

  it('requires a reason either way, and a corrected value within bounds to accept', async () => {
    const noReason = await admin.request('POST', `/api/v1/objections/${objectionJ2.id}/decide`, { decision: 'accept', version: 1, correctedValue: 100 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ path: 'body.reason', message: expect.any(String) }]);
    const accept = await admin.request('POST', `/api/v1/objections/${objectionJ2.id}/decide`, { decision: 'accept', version: 1, reason: '확인' });
    expect(accept.statusCode).toBe(400);
    expect(accept.json().errors).toEqual([{ path: 'body.correctedValue', message: expect.any(String) }]);
    const reject = await admin.request('POST', `/api/v1/objections/${objectionJ10.id}/decide`, { decision: 'reject', version: 1, reason: '  ' });
    expect(reject.statusCode).toBe(400);
    expect(reject.json().errors).toEqual([{ path: 'body.reason', message: expect.any(String) }]);
    const outOfBounds = await admin.request('POST', `/api/v1/objections/${objectionJ2.id}/decide`, {
      decision: 'accept',
      version: 1,
      correctedValue: 500,
      reason: '확인',
    });
    expect(outOfBounds.statusCode).toBe(400);
    const absurd = await admin.request('POST', `/api/v1/objections/${objectionJ2.id}/decide`, {
      decision: 'accept',
      version: 1,
      correctedValue: 1e308,
      reason: '확인',
    });
    expect(absurd.json()).toMatchObject({ code: 'out_of_bounds', errors: [{ path: 'body.correctedValue' }] });
    expect(
      (await officer.request('POST', `/api/v1/objections/${objectionJ2.id}/decide`, { decision: 'accept', version: 1, correctedValue: 100, reason: '우리 구' }))
        .statusCode,
    ).toBe(403);
  });

  it('lets a named committee decide instead of the city admins, never about a member’s own district', async () => {
    const settings = (await admin.request('GET', `/api/v1/cycles/${YEAR}/objection-settings`)).json();
    const put = (committee: string[]) => admin.request('PUT', `/api/v1/cycles/${YEAR}/objection-settings`, { ...settings.schedule, committee });
    expect((await put(['reviewer.1', 'no.such.user'])).json()).toMatchObject({ code: 'unknown_committee_member', errors: [{ path: 'body.committee.1' }] });
    const wrongOrder = await admin.request('PUT', `/api/v1/cycles/${YEAR}/objection-settings`, {
      ...settings.schedule,
      replyDueAt: new Date(new Date(settings.schedule.filingDueAt).getTime() - 1000).toISOString(),
      committee: [],
    });
    expect(wrongOrder.json().errors[0].path).toBe('body.replyDueAt');
    expect((await put(['reviewer.1', 'approver.11110'])).statusCode).toBe(200);
    const reviewer = await signIn(app, 'reviewer.1', PASSWORD);
    // A committee member reads every objection; a member from 11110 may not decide what 11110 filed or received.
    const list = (await reviewer.request('GET', `/api/v1/cycles/${YEAR}/objections`)).json().objections;
    expect(list).toHaveLength(4);
    expect(list.find((o: { id: number }) => o.id === crossJ3.id).actions.decide).toBe(true);
    expect((await admin.request('GET', `/api/v1/objections/${crossJ3.id}`)).json().actions.decide).toBe(false);
    const ownDistrict = await otherApprover.request('POST', `/api/v1/objections/${crossJ3.id}/decide`, {
      decision: 'reject',
      version: crossJ3.version,
      reason: '우리 구',
    });
    expect(ownDistrict.statusCode).toBe(403);
    expect(ownDistrict.json().detail).toContain('이해충돌');
    const ownFiling = await otherApprover.request('POST', `/api/v1/objections/${objectionJ10.id}/decide`, {
      decision: 'reject',
      version: 1,
      reason: '내 신청',
    });
    expect(ownFiling.statusCode).toBe(403);
    expect(ownFiling.json().detail).toContain('자신이 신청한');
    const byCity = await admin.request('POST', `/api/v1/objections/${crossJ3.id}/decide`, { decision: 'reject', version: crossJ3.version, reason: '시' });
    expect(byCity.statusCode).toBe(403);
    const decided = await reviewer.request('POST', `/api/v1/objections/${crossJ3.id}/decide`, {
      decision: 'reject',
      version: crossJ3.version,
      reason: '명단 확인 결과 중복 없음',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'rejected', decidedBy: 'reviewer.1', stage: 'decided' });
    for (const client of [otherOfficer, officer]) {
      const n = (await client.request('GET', '/api/v1/notifications'))
        .json()
        .notifications.find((x: { kind: string; payload: { objectionId: number } }) => x.kind === 'objection_decided' && x.payload.objectionId === crossJ3.id);
      expect(n.payload.decision).toBe('rejected');
    }
    // Back to the city admins.
    expect((await put([])).json().committee).toEqual([]);
  });

  it('accepts one objection with a corrected value and rejects another with a reason, notifying the districts', async () => {
    expect((await admin.request('GET', `/api/v1/objections/${objectionJ2.id}`)).json().actions).toEqual({ reply: false, decide: true, withdraw: false });
    const accepted = await admin.request('POST', `/api/v1/objections/${objectionJ2.id}/decide`, {
      decision: 'accept',
      version: 1,
      correctedValue: 100,
      reason: '하반기 실적 증빙 확인',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', correctedValue: 100, decisionReason: '하반기 실적 증빙 확인', decidedBy: 'admin', version: 2 });
    expect(accepted.json().decidedAt).not.toBeNull();
    const stale = await admin.request('POST', `/api/v1/objections/${objectionJ2.id}/decide`, { decision: 'reject', version: 1, reason: '늦은 결정' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', current: { status: 'accepted', version: 2 } });

    const rejected = await admin.request('POST', `/api/v1/objections/${objectionJ10.id}/decide`, {
      decision: 'reject',
      version: 1,
      reason: '집행률 산정 기준이 지침과 같습니다',
    });
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
        ['objection.replied', '11215'],
        ['objection.accepted', '11215'],
        ['objection.rejected', '11110'],
        ['objection.rejected', '11215'],
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
    expect((await admin.request('PUT', `/api/v1/cycles/${YEAR}/deadlines/objections`, { dueAt: new Date(Date.now() - 60_000).toISOString() })).statusCode).toBe(
      204,
    );
    const res = await file(officer, { district: '11215', indicator: 'J3', reason: '기한 후 신청' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('objection_deadline_passed');
    expect(res.json().detail).toContain('KST');
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
      ['POST', `/api/v1/cycles/${YEAR}/objections`, { district: '11215', indicator: 'J5', reason: 'x', filer: '11215' }],
      ['GET', `/api/v1/cycles/${YEAR}/objections?district=11215`],
      ['GET', `/api/v1/objections/${objectionJ2.id}`],
      ['POST', `/api/v1/objections/${objectionJ2.id}/decide`, { decision: 'reject', version: 2, reason: 'x' }],
      ['POST', `/api/v1/objections/${objectionJ2.id}/withdraw`, { version: 2 }],
      ['POST', `/api/v1/objections/${objectionJ2.id}/reply`, { version: 2, text: 'x' }],
      [
        'PUT',
        `/api/v1/cycles/${YEAR}/objection-settings`,
        { filingDueAt: '2030-01-01T00:00:00Z', replyDueAt: '2030-01-02T00:00:00Z', decisionDueAt: '2030-01-03T00:00:00Z' },
      ],
      ['POST', `/api/v1/notifications/${notification.id}/read`],
      ['POST', '/api/v1/notifications/deadline-reminders'],
    ];
    for (const [method, url, body] of routes) {
      const res = await otherOfficer.request(method, url, body);
      // Another user's notification is answered like one that does not exist: its id cannot be probed.
      const expected = url.startsWith('/api/v1/notifications/') && url.endsWith('/read') ? 404 : 403;
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(expected);
    }
    // Shared by design (the joint evaluation's provisional results are every district's to check and contest):
    // every scorecard, and filing against another district's figure. Inboxes are not shared.
    const shared = (await otherOfficer.request('GET', `/api/v1/cycles/${YEAR}/provisional-results`)).json();
    expect(shared.scorecards).toHaveLength(25);
    const inbox = (await otherOfficer.request('GET', '/api/v1/notifications')).json();
    expect(inbox.notifications.some((n: { id: number }) => n.id === notification.id)).toBe(false);
    expect((await otherOfficer.request('POST', '/api/v1/notifications/read-all')).statusCode).toBe(200);
    expect((await officer.request('GET', '/api/v1/notifications')).json().notifications[0].readAt).toBeNull();

    // Every route of these four resources is in the list above or is one of the caller's own.
    const doc = (await app.inject('/api/docs/json')).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const own = new Set([
      'GET /api/v1/cycles/{year}/provisional-results',
      'GET /api/v1/cycles/{year}/provisional-results/districts/{code}',
      'GET /api/v1/cycles/{year}/objection-settings',
      'GET /api/v1/notifications',
      'POST /api/v1/notifications/read-all',
      'GET /api/v1/cycles/{year}/objections',
      // The caller's own e-mail settings, and the digest's unsubscribe link, which answers by its signed token
      // alone (test/server/email-notifications.test.ts).
      'GET /api/v1/me/email-settings',
      'PUT /api/v1/me/email-settings',
      'POST /api/v1/email/unsubscribe',
    ]);
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
    expect(checked).toBe(31);
  });
});
