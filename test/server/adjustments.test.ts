import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCycleStatus, setDeadline } from '../../src/db/repositories/cycle-state.js';
import { findCycleByYear } from '../../src/db/repositories/cycles.js';
import { allDistricts } from '../../src/db/repositories/my-work.js';
import { findUserByUsername, grantRole, membershipsOf, upsertUser } from '../../src/db/repositories/users.js';
import { adjustments, auditLog, users } from '../../src/db/schema.js';
import { applyLatePenalties } from '../../src/domain/adjustments/index.js';
import type { Principal } from '../../src/domain/auth.js';
import { systemPrincipal } from '../../src/domain/authz.js';
import { submitSubmission } from '../../src/domain/submissions/index.js';
import { pdfSample } from '../domain/evidence-samples.js';
import { multipartFile } from '../fixtures/imports/upload.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { fillVerified } from '../helpers/verified-values.js';

const PASSWORD = 'test-password-1';
const YEAR = 2020;
const OWN = '11215';
const OTHER = '11110';

interface AdjustmentBody {
  id: number;
  version: number;
  status: string;
  points: number;
  reason: string;
  automatic: boolean;
  rule: { code: string };
  district: { code: string };
  createdBy: string | null;
  confirmedBy: string | null;
  evidence: { id: number } | null;
  actions: { edit: boolean; withdraw: boolean; confirm: boolean };
}

/** A second city admin (four eyes) with the demo password. */
async function secondCityAdmin(db: TestDatabase): Promise<void> {
  const admin = (await db.db.select().from(users).where(eq(users.username, 'admin')))[0]!;
  const id = await upsertUser(db.db, { username: 'admin2', displayName: '시 평가 담당자 2', passwordHash: admin.passwordHash });
  const [membership] = await membershipsOf(db.db, admin.id);
  const unit = membership!.orgUnitCode;
  const { findOrgUnitByCode } = await import('../../src/db/repositories/org-units.js');
  await grantRole(db.db, id, 'city_admin', unit ? (await findOrgUnitByCode(db.db, unit))!.id : null);
}

async function principalOf(db: TestDatabase, username: string): Promise<Principal> {
  const user = (await findUserByUsername(db.db, username))!;
  const roles = await membershipsOf(db.db, user.id);
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName, isDemo: user.isDemo, mustChangePassword: user.mustChangePassword, roles },
    tokenHash: 't',
    csrfToken: 't',
  };
}

const auditOf = async (db: TestDatabase, id: number) =>
  db.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'adjustment'), eq(auditLog.entityId, String(id))))
    .orderBy(asc(auditLog.seq));

describe.each(backends())('가점·감점 entered by the city on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let admin2: Client;
  let auditor: Client;
  let officer: Client;
  let approver: Client;
  let otherOfficer: Client;
  let bonus: AdjustmentBody;
  let penalty: AdjustmentBody;

  const enter = (client: Client, body: Record<string, unknown>) => client.request('POST', `/api/v1/cycles/${YEAR}/adjustments`, body);
  const page = async (client: Client) => (await client.request('GET', `/api/v1/cycles/${YEAR}/adjustments`)).json();
  const trialRun = async () => {
    const res = await admin.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, { kind: 'trial' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().outcome.units.find((u: { code: string }) => u.code === OWN) as { bonus: number; penalty: number; baseScore: number; score: number };
  };
  const transition = async (to: string) => {
    const { version } = (await admin.request('GET', `/api/v1/cycles/${YEAR}`)).json();
    const res = await admin.request('POST', `/api/v1/cycles/${YEAR}/transition`, { to, version });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await fillVerified(db.db, YEAR, {});
    await secondCityAdmin(db);
    app = await testApp(db);
    admin = await signIn(app, 'admin', PASSWORD);
    admin2 = await signIn(app, 'admin2', PASSWORD);
    auditor = await signIn(app, 'auditor', PASSWORD);
    officer = await signIn(app, `officer.${OWN}`, PASSWORD);
    approver = await signIn(app, `approver.${OWN}`, PASSWORD);
    otherOfficer = await signIn(app, `officer.${OTHER}`, PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('enters a bonus with reason and evidence; it waits for a second city user, who alone may confirm it', async () => {
    const upload = multipartFile('시정협조_공문.pdf', pdfSample('adjustment'));
    const file = await admin.request('POST', `/api/v1/districts/${OWN}/evidence`, upload.payload, upload.headers);
    expect(file.statusCode, file.body).toBe(201);
    const res = await enter(admin, { district: OWN, rule: 'B_POLICY', points: 1.5, reason: '시 일자리 정책 협력 사업 참여', evidenceId: file.json().id });
    expect(res.statusCode, res.body).toBe(201);
    bonus = res.json();
    expect(bonus).toMatchObject({
      status: 'pending',
      points: 1.5,
      rule: { code: 'B_POLICY' },
      district: { code: OWN },
      createdBy: 'admin',
      automatic: false,
      evidence: { id: file.json().id },
      actions: { edit: true, withdraw: true, confirm: false },
    });
    // Pending entries do not count yet.
    expect((await trialRun()).bonus).toBe(0);

    const own = await admin.request('POST', `/api/v1/adjustments/${bonus.id}/confirm`, { version: bonus.version });
    expect(own.statusCode).toBe(403);
    expect(own.json().detail ?? own.body).toMatch(/확인할 수 없습니다|another staff member/);
    const seen = (await admin2.request('GET', `/api/v1/adjustments/${bonus.id}`)).json();
    expect(seen.adjustment.actions.confirm).toBe(true);
    const ok = await admin2.request('POST', `/api/v1/adjustments/${bonus.id}/confirm`, { version: bonus.version });
    expect(ok.statusCode, ok.body).toBe(200);
    bonus = ok.json();
    expect(bonus).toMatchObject({ status: 'confirmed', confirmedBy: 'admin2' });

    const trail = await auditOf(db, bonus.id);
    expect(trail.map((a) => a.action)).toEqual(['adjustment.entered', 'adjustment.confirmed']);
    expect(trail[0]!.actorLabel).toBe('admin');
    expect(trail[0]!.after).toMatchObject({ rule: 'B_POLICY', points: 1.5, status: 'pending' });
    expect(trail[1]!.actorLabel).toBe('admin2');
    expect(trail[1]!.before).toMatchObject({ status: 'pending' });
    expect(trail[1]!.after).toMatchObject({ status: 'confirmed' });
  });

  it('refuses entries beyond the rule’s cap or the overall cap, naming the rule, the district and the cap', async () => {
    const overRule = await enter(admin, { district: OWN, rule: 'B_POLICY', points: 1, reason: '추가 협조' });
    expect(overRule.statusCode).toBe(400);
    expect(overRule.json().code).toBe('rule_cap_exceeded');
    const ko = (
      await admin.request(
        'POST',
        `/api/v1/cycles/${YEAR}/adjustments`,
        { district: OWN, rule: 'B_POLICY', points: 1, reason: 'x' },
        { 'accept-language': 'ko' },
      )
    ).json();
    expect(ko.detail).toContain('광진구');
    expect(ko.detail).toContain('B_POLICY');
    expect(ko.detail).toContain('+2점');
    const en = (
      await admin.request(
        'POST',
        `/api/v1/cycles/${YEAR}/adjustments`,
        { district: OWN, rule: 'B_POLICY', points: 1, reason: 'x' },
        { 'accept-language': 'en' },
      )
    ).json();
    expect(en.detail).toContain(OWN);
    expect(en.detail).toContain('cap of +2');

    const first = await enter(admin, { district: OWN, rule: 'P_ERROR', points: -2, reason: '실적 자료 오류 (중복 집계)' });
    expect(first.statusCode, first.body).toBe(201);
    penalty = first.json();
    // −2 (P_ERROR) and −1.5 (P_LATE, within its own −2) would pass the overall −3.
    const overall = await enter(admin, { district: OWN, rule: 'P_LATE', points: -1.5, reason: '지연' });
    expect(overall.statusCode).toBe(400);
    expect(overall.json().code).toBe('penalty_cap_exceeded');
    expect(
      (
        await admin.request(
          'POST',
          `/api/v1/cycles/${YEAR}/adjustments`,
          { district: OWN, rule: 'P_LATE', points: -1.5, reason: 'x' },
          { 'accept-language': 'ko' },
        )
      ).json().detail,
    ).toMatch(/광진구.*총 한도 −3점/);
    expect((await enter(admin, { district: OWN, rule: 'P_LATE', points: -1, reason: '지연' })).statusCode).toBe(201);

    expect((await enter(admin, { district: OWN, rule: 'B_MEDIA', points: -1, reason: '부호' })).json().code).toBe('wrong_sign');
    expect((await enter(admin, { district: OWN, rule: 'NO_RULE', points: 1, reason: '없는 항목' })).json().code).toBe('unknown_rule');
    expect((await enter(admin, { district: OWN, rule: 'B_MEDIA', points: 1, reason: '   ' })).statusCode).toBe(400);
    // Another district has its own room under the caps.
    expect((await enter(admin, { district: OTHER, rule: 'B_POLICY', points: 2, reason: '시 정책 협조' })).statusCode).toBe(201);
  });

  it('refuses every role but the city admin', async () => {
    for (const client of [officer, approver, auditor, otherOfficer]) {
      const res = await enter(client, { district: OWN, rule: 'B_MEDIA', points: 1, reason: '권한 없음' });
      expect(res.statusCode).toBe(403);
      expect((await client.request('POST', `/api/v1/adjustments/${penalty.id}/confirm`, { version: penalty.version })).statusCode).toBe(403);
      expect((await client.request('POST', `/api/v1/adjustments/${penalty.id}/withdraw`, { version: penalty.version, reason: 'x' })).statusCode).toBe(403);
    }
    expect(await db.db.select().from(adjustments).where(eq(adjustments.ruleCode, 'B_MEDIA'))).toHaveLength(0);
  });

  it('shows a district its own entries with rule, reason, evidence and who/when, never another district’s', async () => {
    const mine = await page(officer);
    expect(mine.districts.map((d: { code: string }) => d.code)).toEqual([OWN]);
    expect(mine.adjustments.length).toBeGreaterThan(0);
    expect(mine.adjustments.every((a: AdjustmentBody) => a.district.code === OWN)).toBe(true);
    expect(mine.canEnter).toBe(false);
    const b = mine.adjustments.find((a: AdjustmentBody) => a.id === bonus.id);
    expect(b).toMatchObject({ reason: '시 일자리 정책 협력 사업 참여', createdBy: 'admin', confirmedBy: 'admin2', evidence: { id: bonus.evidence!.id } });
    expect(b.actions).toEqual({ edit: false, withdraw: false, confirm: false });
    // The district reads the evidence file; another district cannot.
    expect((await officer.request('GET', `/api/v1/evidence/${bonus.evidence!.id}`)).statusCode).toBe(200);
    expect((await otherOfficer.request('GET', `/api/v1/evidence/${bonus.evidence!.id}`)).statusCode).toBe(404);

    const theirs = await page(otherOfficer);
    expect(theirs.districts.map((d: { code: string }) => d.code)).toEqual([OTHER]);
    expect(theirs.adjustments.some((a: AdjustmentBody) => a.district.code === OWN)).toBe(false);
    expect((await otherOfficer.request('GET', `/api/v1/adjustments/${bonus.id}`)).statusCode).toBe(403);
    const all = await page(auditor);
    expect(all.districts).toHaveLength((await allDistricts(db.db)).length);
    const own = all.districts.find((d: { code: string }) => d.code === OWN);
    expect(own).toMatchObject({ bonus: 1.5, pendingPenalty: -3, penalty: 0 });
  });

  it('changes and withdraws on version, each change audited with before and after, and counts only confirmed entries in scoring', async () => {
    const changed = await admin2.request('PUT', `/api/v1/adjustments/${penalty.id}`, {
      version: penalty.version,
      rule: 'P_ERROR',
      points: -1,
      reason: '실적 자료 오류 (중복 집계 1건)',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'pending', points: -1, version: penalty.version + 1 });
    const stale = await admin.request('PUT', `/api/v1/adjustments/${penalty.id}`, { version: penalty.version, rule: 'P_ERROR', points: -2, reason: 'x' });
    expect(stale.statusCode).toBe(409);
    // admin2 changed it last: admin (who entered it) may confirm the change, admin2 may not.
    expect((await admin2.request('POST', `/api/v1/adjustments/${penalty.id}/confirm`, { version: penalty.version + 1 })).statusCode).toBe(403);
    const confirmed = await admin.request('POST', `/api/v1/adjustments/${penalty.id}/confirm`, { version: penalty.version + 1 });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    penalty = confirmed.json();

    const unit = await trialRun();
    expect(unit.bonus).toBe(1.5);
    expect(unit.penalty).toBe(-1);
    expect(unit.score).toBeCloseTo(unit.baseScore + 0.5, 9);

    const pendingLate = (await page(admin)).adjustments.find((a: AdjustmentBody) => a.rule.code === 'P_LATE' && a.district.code === OWN);
    const withdrawn = await admin.request('POST', `/api/v1/adjustments/${pendingLate.id}/withdraw`, {
      version: pendingLate.version,
      reason: '기한 연장 공문 확인',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      status: 'withdrawn',
      withdrawReason: '기한 연장 공문 확인',
      actions: { edit: false, withdraw: false, confirm: false },
    });
    expect((await admin.request('POST', `/api/v1/adjustments/${pendingLate.id}/confirm`, { version: withdrawn.json().version })).statusCode).toBe(409);

    const history = (await officer.request('GET', `/api/v1/adjustments/${penalty.id}`)).json().history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['adjustment.confirmed', 'adjustment.changed', 'adjustment.entered']);
    const change = history[1];
    expect(change).toMatchObject({ actor: 'admin2', before: { points: -2 }, after: { points: -1 }, reason: '실적 자료 오류 (중복 집계 1건)' });
    expect((await auditOf(db, pendingLate.id)).at(-1)).toMatchObject({
      action: 'adjustment.withdrawn',
      before: { status: 'pending' },
      after: { status: 'withdrawn' },
    });
  });

  it('takes a district’s objection to an entry through the objection workflow; the decision changes or withdraws it', async () => {
    for (const to of ['verification', 'review', 'scoring']) await transition(to);
    const run = await admin.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, { kind: 'provisional' });
    expect(run.statusCode, run.body).toBe(201);
    for (const to of ['provisional', 'objections']) await transition(to);

    const filed = await approver.request('POST', `/api/v1/adjustments/${penalty.id}/objections`, {
      reason: '중복 집계가 아니라 정정 신고한 건입니다',
      requestedPoints: 0,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({
      status: 'filed',
      indicator: { code: 'P_ERROR', name: { ko: '자료 오류' } },
      adjustment: { id: penalty.id, points: -1, status: 'confirmed' },
      district: { code: OWN },
    });
    expect((await officer.request('POST', `/api/v1/adjustments/${penalty.id}/objections`, { reason: '중복' })).json().code).toBe('objection_exists');
    expect((await otherOfficer.request('POST', `/api/v1/adjustments/${penalty.id}/objections`, { reason: '남의 구' })).statusCode).toBe(403);
    const listed = (await officer.request('GET', `/api/v1/cycles/${YEAR}/objections`)).json().objections;
    expect(listed.some((o: { id: number }) => o.id === filed.json().id)).toBe(true);

    const decided = await admin.request('POST', `/api/v1/objections/${filed.json().id}/decide`, {
      decision: 'accept',
      version: filed.json().version,
      correctedValue: 0,
      reason: '정정 신고 공문 확인',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'accepted', adjustment: { id: penalty.id, status: 'withdrawn' } });
    const entry = (await officer.request('GET', `/api/v1/adjustments/${penalty.id}`)).json();
    expect(entry.adjustment).toMatchObject({ status: 'withdrawn', withdrawnBy: 'admin' });
    expect(entry.adjustment.withdrawReason).toContain('정정 신고 공문 확인');
    expect(entry.history[0]).toMatchObject({ action: 'adjustment.withdrawn_on_objection', before: { status: 'confirmed' }, after: { status: 'withdrawn' } });

    // An objection asking for less: accepted with corrected points, the entry changes to them.
    const other = (await page(admin)).adjustments.find((a: AdjustmentBody) => a.district.code === OTHER && a.rule.code === 'B_POLICY');
    expect((await admin2.request('POST', `/api/v1/adjustments/${other.id}/confirm`, { version: other.version })).statusCode).toBe(200);
    const two = await otherOfficer.request('POST', `/api/v1/adjustments/${other.id}/objections`, { reason: '협조 실적이 더 많습니다', requestedPoints: 2 });
    expect(two.statusCode, two.body).toBe(201);
    const rejected = await admin.request('POST', `/api/v1/objections/${two.json().id}/decide`, {
      decision: 'reject',
      version: two.json().version,
      reason: '근거 부족',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().adjustment).toMatchObject({ points: 2, status: 'confirmed' });
    const news = (await otherOfficer.request('GET', '/api/v1/notifications')).json().notifications;
    expect(news.some((n: { kind: string; payload: { adjustmentId?: number } }) => n.kind === 'objection_decided' && n.payload.adjustmentId === other.id)).toBe(
      true,
    );

    // Objections to adjustments never become corrected indicator values in the final run.
    const unit = await trialRun();
    expect(unit.penalty).toBe(0);
    expect(unit.bonus).toBe(1.5);
  });

  it('never changes entries once the cycle’s result is final', async () => {
    const cycle = (await findCycleByYear(db.db, YEAR))!;
    expect(await setCycleStatus(db.db, cycle.id, cycle.status, 'final', cycle.version)).toBeTruthy();
    const res = await enter(admin, { district: OWN, rule: 'B_MEDIA', points: 1, reason: '늦은 입력' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('adjustments_locked');
    expect((await admin.request('POST', `/api/v1/adjustments/${bonus.id}/withdraw`, { version: bonus.version, reason: 'x' })).json().code).toBe(
      'adjustments_locked',
    );
    expect((await page(admin)).locked).toBe(true);
  });
});

describe.each(backends())('the automatic late penalty on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let officer: Client;
  // 2020. 9. 10. 23:59:59 in Seoul.
  const dueAt = new Date('2020-09-10T14:59:59Z');

  /** The district's officer saves an item with evidence and submits it at `at`. */
  const submitItem = async (code: string, indicator: string, at: Date) => {
    const client = await signIn(app, `officer.${code}`, PASSWORD);
    const base = `/api/v1/cycles/${YEAR}/districts/${code}/submissions/${indicator}`;
    const saved = await client.request('PUT', base, { version: 0, value: 40, comment: '실적' });
    expect(saved.statusCode, saved.body).toBe(200);
    const upload = multipartFile('실적.pdf', pdfSample(`${code}-${indicator}`));
    const file = await client.request('POST', `/api/v1/districts/${code}/evidence`, upload.payload, upload.headers);
    const attached = await client.request('POST', `${base}/evidence`, { evidenceId: file.json().id, version: saved.json().version });
    expect(attached.statusCode, attached.body).toBe(200);
    return submitSubmission(db.db, await principalOf(db, `officer.${code}`), YEAR, code, indicator, { version: attached.json().version }, at);
  };
  const lateEntries = () =>
    db.db
      .select()
      .from(adjustments)
      .where(and(eq(adjustments.ruleCode, 'P_LATE'), eq(adjustments.autoKey, 'late:open')));

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    const cycle = (await findCycleByYear(db.db, YEAR))!;
    await setDeadline(db.db, cycle.id, 'open', dueAt);
    app = await testApp(db);
    officer = await signIn(app, `officer.${OWN}`, PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('makes the framework’s P_LATE once when a district submits after the deadline, with the times in KST', async () => {
    const result = await submitItem(OWN, 'J2', new Date('2020-09-12T05:05:00Z'));
    expect(result.warnings.map((w) => w.code)).toEqual(['late']);
    const entries = await lateEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ points: -1, status: 'confirmed', reason: '실적 제출 기한(2020. 9. 10.) 경과: 2020. 9. 12. 14:05 제출' });
    // The points come from the framework's rule.
    const { getFramework } = await import('../../src/domain/frameworks/service.js');
    const rule = (await getFramework(db.db, YEAR)).definition.adjustments.rules.find((r) => r.code === 'P_LATE')!;
    expect(entries[0]!.points).toBe(rule.automatic!.points);

    // A second late item of the same district and stage adds nothing.
    await submitItem(OWN, 'J10', new Date('2020-09-13T01:00:00Z'));
    expect(await lateEntries()).toHaveLength(1);

    const trail = await auditOf(db, entries[0]!.id);
    expect(trail.map((a) => [a.action, a.actorLabel])).toEqual([['adjustment.late_penalty', 'system']]);
    const seen = (await officer.request('GET', `/api/v1/cycles/${YEAR}/adjustments`)).json();
    expect(seen.adjustments).toEqual([
      expect.objectContaining({
        automatic: true,
        rule: expect.objectContaining({ code: 'P_LATE' }),
        points: -1,
        reason: entries[0]!.reason,
        status: 'confirmed',
      }),
    ]);
    const note = (await officer.request('GET', '/api/v1/notifications')).json().notifications.find((n: { kind: string }) => n.kind === 'adjustment_recorded');
    expect(note.payload.message.ko).toContain('2020. 9. 12. 14:05 제출');
  });

  it('gives every district still missing data at the deadline check its penalty, once, and names the submission time when the data come', async () => {
    const checkAt = new Date('2020-09-13T00:00:00Z');
    const made = await applyLatePenalties(db.db, systemPrincipal, checkAt);
    const districts = await allDistricts(db.db);
    expect(made.map((m) => m.district).sort()).toEqual(
      districts
        .map((d) => d.code)
        .filter((c) => c !== OWN)
        .sort(),
    );
    expect(new Set(made.map((m) => m.reason))).toEqual(new Set(['실적 제출 기한(2020. 9. 10.) 경과: 2020. 9. 13. 09:00 현재 미제출']));
    expect(await applyLatePenalties(db.db, systemPrincipal, new Date('2020-09-14T00:00:00Z'))).toEqual([]);
    expect(await lateEntries()).toHaveLength(districts.length);

    await submitItem(OTHER, 'J2', new Date('2020-09-14T07:30:00Z'));
    const theirs = (await lateEntries()).filter((e) => e.orgUnitId === districts.find((d) => d.code === OTHER)!.id);
    expect(theirs).toHaveLength(1);
    expect(theirs[0]!.reason).toBe('실적 제출 기한(2020. 9. 10.) 경과: 2020. 9. 14. 16:30 제출');
    expect((await auditOf(db, theirs[0]!.id)).map((a) => a.action)).toEqual(['adjustment.late_penalty', 'adjustment.late_penalty_submitted']);

    // The scoring snapshot carries each district's late penalty.
    const admin = await signIn(app, 'admin', PASSWORD);
    const run = await admin.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, { kind: 'trial' });
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json().outcome.units.every((u: { penalty: number }) => u.penalty === -1)).toBe(true);
  });
});
