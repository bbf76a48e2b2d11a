import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCycleByYear } from '../../src/db/repositories/cycles.js';
import { auditLog, notifications, reviewAssignments, users } from '../../src/db/schema.js';
import { verifyAuditChain } from '../../src/domain/audit.js';
import { login, type Principal } from '../../src/domain/auth.js';
import { transitionCycle } from '../../src/domain/cycles.js';
import { DomainError } from '../../src/domain/errors.js';
import { getFramework } from '../../src/domain/frameworks/service.js';
import { decideObjection, fileObjection, listObjections, replyToObjection, setObjectionSettings } from '../../src/domain/objections/index.js';
import {
  assignReviewers,
  getAssignment,
  listMyAssignments,
  panelScores,
  rubricScore,
  saveDraftScores,
  signPledge,
  submitScores,
} from '../../src/domain/reviews/index.js';
import { snapshotSchema } from '../../src/domain/scoring/evaluate.js';
import { getRun, runScoring } from '../../src/domain/scoring/runs.js';
import { backends, DEMO_TEST_PASSWORD, type TestDatabase } from '../helpers/db.js';
import { fillVerified } from '../helpers/verified-values.js';

const PASSWORD = DEMO_TEST_PASSWORD;
const YEAR = 2020;
const HOUR = 3_600_000;
const A = '11110'; // 종로구 files
const B = '11215'; // 광진구 is contested

/** The DomainError code a promise rejects with. */
async function refused(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  throw new Error('expected a refusal');
}

/**
 * Objections across districts as the national joint evaluation runs them, through the domain services every route
 * uses: district A contests district B's quantitative figure and a qualitative (panel) item; B is notified and
 * replies; the city decides (one accepted with a correction, one accepted on the qualitative item, which reopens
 * the panel's score sheets; the reviewers rescore); the final run uses both. Deadlines (filing, reply, decision)
 * are enforced at the times given, nobody decides about their own district or filing, and every step is audited.
 */
describe.each(backends())('objections across districts on $name', (backend) => {
  let db: TestDatabase;
  const who = new Map<string, Principal>();
  const as = (u: string) => who.get(u)!;
  const move = async (to: Parameters<typeof transitionCycle>[3]['to']) =>
    transitionCycle(db.db, as('admin'), YEAR, { to, version: (await findCycleByYear(db.db, YEAR))!.version });
  const inbox = async (username: string, kind: string) =>
    db.db
      .select({ payload: notifications.payload })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(and(eq(users.username, username), eq(notifications.kind, kind)))
      .orderBy(asc(notifications.id));

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await fillVerified(db.db, YEAR, { [B]: { J2: 40 } });
    const names = ['admin', 'auditor', ...[1, 2, 3, 4, 5].map((i) => `reviewer.${i}`), ...[A, B].flatMap((d) => [`officer.${d}`, `approver.${d}`])];
    for (const u of names) who.set(u, (await login(db.db, { username: u, password: PASSWORD, ip: null, userAgent: null })).principal);
  }, 300_000);
  afterAll(async () => {
    await db?.destroy();
  });

  it('runs filing → reply → decision → panel re-review → final run across two districts, within the deadlines', async () => {
    const fw = (await getFramework(db.db, YEAR)).definition;
    const s6 = fw.indicators.find((i) => i.code === 'S6')!;
    expect(s6.kind).toBe('qualitative');

    // Panel review: three reviewers per item, every sheet at level 3.
    await move('verification');
    await move('review');
    await assignReviewers(db.db, as('admin'), YEAR, { reviewersPerItem: 3 });
    for (let r = 1; r <= 5; r++) {
      const reviewer = as(`reviewer.${r}`);
      await signPledge(db.db, reviewer, YEAR, { agree: true, signedName: reviewer.user.displayName });
      for (const a of (await listMyAssignments(db.db, reviewer, YEAR)).assignments) {
        await submitScores(db.db, reviewer, YEAR, a.id, { version: a.version, scores: Object.fromEntries(a.rubric!.criteria.map((c) => [c.code, 3])) });
      }
    }
    await move('scoring');
    const provisional = await runScoring(db.db, as('admin'), YEAR, 'provisional');
    await move('provisional');
    await move('objections');
    const before = provisional.outcome.units.find((u) => u.code === B)!;
    expect(before.raw.J2).toBe(40);
    const panelBefore = before.raw.S6!;

    // The city sets the windows: filing for a day, replies for one more, decisions three days after that.
    const t0 = new Date();
    const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);
    await setObjectionSettings(db.db, as('admin'), YEAR, { filingDueAt: at(24), replyDueAt: at(48), decisionDueAt: at(120), committee: [] });

    // District A contests two of B's figures and one more; filing after the window is refused.
    const j2 = await fileObjection(
      db.db,
      as(`officer.${A}`),
      YEAR,
      { district: B, indicator: 'J2', reason: '광진구 J2 달성률에 하반기 실적이 빠졌습니다', requestedValue: 100 },
      at(2),
    );
    const s6o = await fileObjection(
      db.db,
      as(`approver.${A}`),
      YEAR,
      { district: B, indicator: 'S6', reason: '광진구 S6 우수사례 평가에 증빙 일부가 반영되지 않았습니다' },
      at(3),
    );
    const j3 = await fileObjection(db.db, as(`officer.${A}`), YEAR, { district: B, indicator: 'J3', reason: '채용 인원 확인 요청' }, at(4));
    expect([j2, s6o, j3].map((o) => [o.filer.code, o.district.code, o.stage])).toEqual([
      [A, B, 'awaiting_reply'],
      [A, B, 'awaiting_reply'],
      [A, B, 'awaiting_reply'],
    ]);
    expect(await refused(fileObjection(db.db, as(`officer.${A}`), YEAR, { district: B, indicator: 'J4', reason: '늦은 신청' }, at(25)))).toBe(
      'objection_deadline_passed',
    );

    // B is notified of each, and so is the city.
    for (const u of [`officer.${B}`, `approver.${B}`]) {
      expect((await inbox(u, 'objection_reply_requested')).map((n) => (n.payload as { objectionId: number }).objectionId)).toEqual([j2.id, s6o.id, j3.id]);
    }
    expect((await inbox('admin', 'objection_filed')).map((n) => (n.payload as { objectionId: number }).objectionId)).toEqual([j2.id, s6o.id, j3.id]);

    // B replies to J2 within its window; its reply to S6 comes too late. The city cannot decide S6 before the window closes.
    const replied = await replyToObjection(db.db, as(`officer.${B}`), j2.id, { version: j2.version, text: '하반기 실적은 9월 보고에 포함했습니다' }, at(30));
    expect(replied.stage).toBe('awaiting_decision');
    expect((await inbox(`officer.${A}`, 'objection_replied')).map((n) => (n.payload as { objectionId: number }).objectionId)).toEqual([j2.id]);
    expect(await refused(decideObjection(db.db, as('admin'), s6o.id, { decision: 'accept', version: s6o.version, reason: '이르다' }, at(30)))).toBe(
      'awaiting_reply',
    );
    expect(await refused(replyToObjection(db.db, as(`approver.${B}`), s6o.id, { version: s6o.version, text: '늦은 답변' }, at(49)))).toBe(
      'reply_deadline_passed',
    );

    // Nobody decides about their own district or their own filing: a committee with B's approver, A's officer and the city admin.
    await setObjectionSettings(db.db, as('admin'), YEAR, {
      filingDueAt: at(24),
      replyDueAt: at(48),
      decisionDueAt: at(120),
      committee: ['admin', `approver.${B}`, `officer.${A}`],
    });
    expect(await refused(decideObjection(db.db, as(`approver.${B}`), j2.id, { decision: 'reject', version: replied.version, reason: '우리 구' }, at(50)))).toBe(
      'forbidden',
    );
    expect(
      await refused(
        decideObjection(db.db, as(`officer.${A}`), j2.id, { decision: 'accept', version: replied.version, correctedValue: 100, reason: '내 신청' }, at(50)),
      ),
    ).toBe('forbidden');
    expect(
      await refused(
        decideObjection(db.db, as('reviewer.1'), j2.id, { decision: 'accept', version: replied.version, correctedValue: 100, reason: '위원 아님' }, at(50)),
      ),
    ).toBe('forbidden');

    // The city decides: J2 accepted with a correction; S6 accepted, which reopens the panel's sheets for B × S6.
    const acceptedJ2 = await decideObjection(
      db.db,
      as('admin'),
      j2.id,
      { decision: 'accept', version: replied.version, correctedValue: 100, reason: '하반기 실적 증빙 확인' },
      at(50),
    );
    expect(acceptedJ2).toMatchObject({ status: 'accepted', correctedValue: 100, stage: 'decided' });
    expect(
      await refused(decideObjection(db.db, as('admin'), s6o.id, { decision: 'accept', version: s6o.version, correctedValue: 90, reason: '값 고침' }, at(50))),
    ).toBe('decision_incomplete');
    const acceptedS6 = await decideObjection(
      db.db,
      as('admin'),
      s6o.id,
      { decision: 'accept', version: s6o.version, reason: '누락된 증빙을 반영해 재심사' },
      at(51),
    );
    expect(acceptedS6).toMatchObject({ status: 'accepted', correctedValue: null, reopenedReviews: 3 });
    const cycle = (await findCycleByYear(db.db, YEAR))!;
    const sheets = await db.db
      .select()
      .from(reviewAssignments)
      .where(and(eq(reviewAssignments.cycleId, cycle.id), eq(reviewAssignments.indicatorCode, 'S6')));
    const reopened = sheets.filter((s) => s.status !== 'submitted');
    expect(reopened).toHaveLength(3);
    expect(new Set(reopened.map((s) => s.orgUnitId)).size).toBe(1);

    // The decision deadline holds: J3, never answered, cannot be decided late until the city extends the deadline.
    expect(await refused(decideObjection(db.db, as('admin'), j3.id, { decision: 'reject', version: j3.version, reason: '늦음' }, at(121)))).toBe(
      'decision_deadline_passed',
    );
    await setObjectionSettings(db.db, as('admin'), YEAR, { filingDueAt: at(24), replyDueAt: at(48), decisionDueAt: at(144), committee: [] });
    expect(
      (await decideObjection(db.db, as('admin'), j3.id, { decision: 'reject', version: j3.version, reason: '명단 확인 결과 중복 없음' }, at(121))).status,
    ).toBe('rejected');

    // The final stage waits for the re-review; only the reopened sheets can be rescored.
    expect(await refused(move('final'))).toBe('transition_blocked');
    const rescore = Object.fromEntries(s6.rubric!.criteria.map((c) => [c.code, 5]));
    const reviewerIds = new Set(reopened.map((s) => s.reviewerId));
    for (let r = 1; r <= 5; r++) {
      const reviewer = as(`reviewer.${r}`);
      const mine = (await listMyAssignments(db.db, reviewer, YEAR)).assignments;
      const open = mine.filter((a) => a.status !== 'submitted');
      expect(open.length > 0).toBe(reviewerIds.has(reviewer.user.id));
      // The reviewer's list says which sheets are reopened and why (the decision's reason); the others carry nothing.
      for (const a of mine) expect(a.rereview?.reason ?? null).toBe(a.status === 'submitted' ? null : '누락된 증빙을 반영해 재심사');
      expect((await listMyAssignments(db.db, reviewer, YEAR)).editable).toBe(open.length > 0);
      expect((await inbox(reviewer.user.username, 'review_reopened')).length).toBe(open.length);
      const closed = mine.find((a) => a.status === 'submitted')!;
      expect(await refused(saveDraftScores(db.db, reviewer, YEAR, closed.id, { version: closed.version, scores: rescore }))).toBe('not_in_review_stage');
      for (const a of open) {
        expect(a.orgUnit.code).toBe(B);
        expect((await getAssignment(db.db, reviewer, YEAR, a.id)).rereview).toMatchObject({ reason: '누락된 증빙을 반영해 재심사' });
        await submitScores(db.db, reviewer, YEAR, a.id, { version: a.version, scores: rescore });
      }
    }
    // Once the whole panel resubmitted, the item is closed again: no sheet is reopened, nothing can be scored.
    for (let r = 1; r <= 5; r++) {
      const mine = await listMyAssignments(db.db, as(`reviewer.${r}`), YEAR);
      expect(mine.editable).toBe(false);
      expect(mine.assignments.every((a) => a.rereview === null)).toBe(true);
    }
    const panelAfter = (await panelScores(db.db, YEAR)).get(B)!.S6!;
    expect(panelAfter).toBe(rubricScore(s6.rubric!, rescore));
    expect(panelAfter).toBeGreaterThan(panelBefore);

    // The final run uses both decisions: J2 40 → 100 on a 6-point target indicator (+3.6), and S6's new panel score.
    await move('final');
    const final = await runScoring(db.db, as('admin'), YEAR, 'final');
    const after = final.outcome.units.find((u) => u.code === B)!;
    expect(after.raw.J2).toBe(100);
    expect(after.raw.S6).toBe(panelAfter);
    expect(after.score! - before.score!).toBeCloseTo(3.6 + (s6.points * (panelAfter - panelBefore)) / 100, 9);
    const snapshot = snapshotSchema.parse((await getRun(db.db, as('admin'), final.id)).input);
    expect(snapshot.units.find((u) => u.code === B)!.values).toMatchObject({ J2: 100, S6: panelAfter });
    expect(final.outcome.units.find((u) => u.code === B)!.raw.J3).toBe(before.raw.J3);

    // Every step is in the hash-chained audit log.
    const objectionAudit = await db.db
      .select({ action: auditLog.action, entityId: auditLog.entityId, actor: auditLog.actorLabel })
      .from(auditLog)
      .where(inArray(auditLog.action, ['objection.filed', 'objection.replied', 'objection.accepted', 'objection.rejected']))
      .orderBy(asc(auditLog.seq));
    expect(objectionAudit.map((a) => [a.action, Number(a.entityId), a.actor])).toEqual([
      ['objection.filed', j2.id, `officer.${A}`],
      ['objection.filed', s6o.id, `approver.${A}`],
      ['objection.filed', j3.id, `officer.${A}`],
      ['objection.replied', j2.id, `officer.${B}`],
      ['objection.accepted', j2.id, 'admin'],
      ['objection.accepted', s6o.id, 'admin'],
      ['objection.rejected', j3.id, 'admin'],
    ]);
    const settingsAudit = await db.db.select({ reason: auditLog.reason }).from(auditLog).where(eq(auditLog.action, 'objection.settings'));
    expect(settingsAudit).toHaveLength(3);
    const reopenAudit = await db.db.select({ reason: auditLog.reason }).from(auditLog).where(eq(auditLog.action, 'review.item_reopened'));
    expect(reopenAudit).toEqual([{ reason: '누락된 증빙을 반영해 재심사' }]);
    expect((await verifyAuditChain(db.db)).ok).toBe(true);

    // Both districts see every stage.
    for (const u of [`officer.${A}`, `officer.${B}`]) {
      const list = await listObjections(db.db, as(u), YEAR);
      expect(list.map((o) => [o.indicator.code, o.status])).toEqual([
        ['J2', 'accepted'],
        ['S6', 'accepted'],
        ['J3', 'rejected'],
      ]);
    }
  }, 900_000);
});
