import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCycleByYear } from '../../src/db/repositories/cycles.js';
import { auditLog, orgUnits, submissions } from '../../src/db/schema.js';
import { getFramework } from '../../src/domain/frameworks/service.js';
import { BLOCKING_LIST_LIMIT } from '../../src/domain/gates.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';
const YEAR = 2020;

interface BlockingList {
  total: number;
  truncated: boolean;
  items: Array<{ district: { code: string; name: string }; indicator: { code: string }; status: string }>;
}
interface Tie {
  tier: string;
  places: number;
  placesLeft: number;
  rank: number;
  tied: string[];
  decision: { kind: string; reason?: string } | null;
  message: { ko: string; en: string };
}

/**
 * Stage gates count every district × indicator of the framework (never-started items included), refuse with the
 * list of blocking items, and let an admin move on only with an audited override; scoring runs are guarded the
 * same way; ties beyond a tier's places are reported and decided.
 */
describe.each(backends())('stage gates, run guards and award ties on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let officer: Client;
  let indicators: Array<{ code: string; kind: string }>;
  let districts: Array<{ id: number; code: string }>;
  let total: number;

  const detail = async () => (await admin.request('GET', `/api/v1/cycles/${YEAR}`)).json();
  const transition = async (to: string, extra: Record<string, unknown> = {}) => {
    const { version } = await detail();
    return admin.request('POST', `/api/v1/cycles/${YEAR}/transition`, { to, version, ...extra });
  };
  const lastAudit = async (action: string) => {
    const [row] = await db.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.seq)).limit(1);
    return row!;
  };
  /** Verified values for the given districts: `value(districtIndex, indicatorIndex)`. */
  const verify = async (units: typeof districts, value: (k: number, i: number) => number) => {
    const cycle = (await findCycleByYear(db.db, YEAR))!;
    const rows = units.flatMap((u, k) =>
      indicators.map((ind, i) => ({
        cycleId: cycle.id,
        orgUnitId: u.id,
        indicatorCode: ind.code,
        value: value(k, i),
        valueSource: 'entered',
        status: 'verified' as const,
        verifiedAt: new Date(),
      })),
    );
    await db.db
      .insert(submissions)
      .values(rows)
      .onConflictDoUpdate({
        target: [submissions.cycleId, submissions.orgUnitId, submissions.indicatorCode],
        set: { value: sql`excluded.value`, status: 'verified' },
      });
  };

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    app = await testApp(db);
    admin = await signIn(app, 'admin', PASSWORD);
    officer = await signIn(app, 'officer.11215', PASSWORD);
    indicators = (await getFramework(db.db, YEAR)).definition.indicators.map((i) => ({ code: i.code, kind: i.kind }));
    districts = await db.db
      .select({ id: orgUnits.id, code: orgUnits.code })
      .from(orgUnits)
      .where(eq(orgUnits.kind, 'district'))
      .orderBy(asc(orgUnits.sortOrder));
    total = districts.length * indicators.length;
    // One district has started: one item verified, one in draft; every other item has never been touched.
    const cycle = (await findCycleByYear(db.db, YEAR))!;
    await db.db.insert(submissions).values([
      { cycleId: cycle.id, orgUnitId: districts[0]!.id, indicatorCode: indicators[0]!.code, value: 5, status: 'verified', verifiedAt: new Date() },
      { cycleId: cycle.id, orgUnitId: districts[0]!.id, indicatorCode: indicators[1]!.code, value: 3, status: 'draft' },
    ]);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('counts every item of every district on the dashboard, never-started ones included; districts see no list', async () => {
    const d = await detail();
    expect(d.status).toBe('open');
    expect(d.gate.submissions.total).toBe(total);
    expect(d.gate.submissions.byStatus).toMatchObject({ not_started: total - 2, draft: 1, verified: 1, submitted: 0, approved: 0, returned: 0 });
    const b = d.blockers.find((x: { code: string }) => x.code === 'unsubmitted');
    expect(b.overridable).toBe(true);
    expect(b.blocking.total).toBe(total - 1);
    expect(b.blocking.items).toHaveLength(BLOCKING_LIST_LIMIT);
    expect(b.blocking.truncated).toBe(true);
    expect(b.blocking.items[0]).toMatchObject({ district: { code: districts[0]!.code }, indicator: { code: indicators[1]!.code }, status: 'draft' });
    expect(b.blocking.items[1]).toMatchObject({ district: { code: districts[0]!.code }, indicator: { code: indicators[2]!.code }, status: 'not_started' });
    expect(b.message.ko).toContain(`전체 ${total.toLocaleString('ko-KR')}개 항목 중`);
    const asDistrict = (await officer.request('GET', `/api/v1/cycles/${YEAR}`)).json();
    expect(asDistrict.gate).toBeNull();
    expect(asDistrict.blockers[0].blocking).toBeNull();
  });

  it('refuses a provisional run during data collection outright, even with an override', async () => {
    for (const body of [{ kind: 'provisional' }, { kind: 'provisional', override: true, reason: '시험' }, { kind: 'final', override: true, reason: '시험' }]) {
      const res = await admin.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, body);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('wrong_stage');
    }
  });

  it('allows a trial run at any time and says plainly how much data is missing', async () => {
    const res = await admin.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, { kind: 'trial' });
    expect(res.statusCode, res.body).toBe(201);
    const { notices } = res.json();
    expect(notices.completeness).toMatchObject({ total, verified: 1 });
    expect(notices.completeness.message.ko).toBe(`전체 ${total.toLocaleString('ko-KR')}개 항목 중 1개만 검증됨 — 시험 실행 결과는 참고용입니다`);
    expect(notices.completeness.message.en).toContain(`Only 1 of ${total} items are verified`);
    // Raw engine warnings become plain notices; the raw lines stay in the result.
    expect(notices.messages.length).toBeGreaterThan(0);
    for (const m of notices.messages) {
      expect(m.message.ko).not.toMatch(/[A-Z]{3,}_[A-Z]/);
      expect(m.count).toBeGreaterThan(0);
    }
    expect(res.json().outcome.warnings.length).toBeGreaterThanOrEqual(notices.messages.length);
    // Missing values earn no points silently in the engine: the run says so, with the count.
    const missing = notices.messages.find((m: { code: string }) => m.code === 'MISSING_VALUES');
    expect(missing.count).toBe(total - 1);
    expect(missing.message.ko).toContain(`${(total - 1).toLocaleString('ko-KR')}개는 검증된 값이 없어 0점으로 계산되었습니다`);
    const stored = (await admin.request('GET', `/api/v1/scoring-runs/${res.json().id}`)).json();
    expect(stored.notices.completeness.message.ko).toBe(notices.completeness.message.ko);
  });

  it('refuses open → verification without override, listing never-started items; allows and audits it with one', async () => {
    const refused = await transition('verification');
    expect(refused.statusCode).toBe(409);
    const body = refused.json();
    expect(body.code).toBe('transition_blocked');
    const blocking: BlockingList = body.blockers[0].blocking;
    expect(blocking.total).toBe(total - 1);
    expect(blocking.items.some((i) => i.status === 'not_started')).toBe(true);
    expect((await transition('verification', { override: true })).json().code).toBe('reason_required');
    expect((await transition('verification', { override: true, reason: '   ' })).json().code).toBe('reason_required');
    const moved = await transition('verification', { override: true, reason: '미착수 구는 검증 단계에서 보완 제출' });
    expect(moved.statusCode, moved.body).toBe(200);
    const audit = await lastAudit('cycle.transition');
    expect(audit.reason).toBe('미착수 구는 검증 단계에서 보완 제출');
    const after = audit.after as { overridden: string[]; blocking: Record<string, BlockingList> };
    expect(after.overridden).toEqual(['unsubmitted']);
    expect(after.blocking.unsubmitted!.total).toBe(total - 1);
    expect(after.blocking.unsubmitted!.items).toHaveLength(BLOCKING_LIST_LIMIT);
    expect(after.blocking.unsubmitted!.items[1]!.status).toBe('not_started');
  });

  it('refuses a provisional run with unverified items unless overridden with a reason, and audits the override', async () => {
    const refused = await admin.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, { kind: 'provisional' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('verification_incomplete');
    expect(refused.json().blocking.total).toBe(total - 1);
    expect(refused.json().blocking.items[0].status).toBe('draft');
    const noReason = await admin.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, { kind: 'provisional', override: true });
    expect(noReason.json().code).toBe('reason_required');
    const run = await admin.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, { kind: 'provisional', override: true, reason: '중간 점검용 가산정' });
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json().notices.override.reason).toBe('중간 점검용 가산정');
    expect(run.json().notices.override.blocking.total).toBe(total - 1);
    const audit = await lastAudit('scoring.run');
    expect(audit.reason).toBe('중간 점검용 가산정');
    expect((audit.after as { overridden: BlockingList }).overridden.total).toBe(total - 1);
  });

  it('refuses verification → review until every item is verified', async () => {
    const refused = await transition('review');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().blockers[0]).toMatchObject({ code: 'unverified', blocking: { total: total - 1 } });
  });

  it('reports a tie beyond a tier’s places, blocks releasing it, and records the admin’s decision', async () => {
    // Everything verified; district 0 is best, the other 24 have identical values: 24 tie for rank 2 with 2 places
    // of 최우수구 left.
    await verify(districts, (k, i) => (k === 0 ? 90 + i : 50));
    expect((await detail()).blockers).toEqual([]);
    const moved = await transition('review');
    expect(moved.statusCode, moved.body).toBe(200);
    // The panel side counts too: a qualitative indicator with neither a reviewer nor a verified value blocks.
    const qualitative = indicators.find((i) => i.kind === 'qualitative')!;
    const cycle = (await findCycleByYear(db.db, YEAR))!;
    await db.db.delete(submissions).where(and(eq(submissions.cycleId, cycle.id), eq(submissions.indicatorCode, qualitative.code)));
    const review = (await detail()).blockers[0];
    expect(review).toMatchObject({ code: 'reviews_open', overridable: true, blocking: { total: districts.length } });
    expect(
      review.blocking.items.every((i: { status: string; indicator: { code: string } }) => i.status === 'unassigned' && i.indicator.code === qualitative.code),
    ).toBe(true);
    expect((await detail()).gate.reviews).toMatchObject({ total: districts.length * indicators.filter((i) => i.kind === 'qualitative').length });
    const refused = await transition('scoring');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().blockers[0].blocking.total).toBe(districts.length);
    // An override with a reason moves on, and the audit entry lists the unscored panel items.
    const overridden = await transition('scoring', { override: true, reason: '정성 지표 1개는 다음 회의에서 채점' });
    expect(overridden.statusCode, overridden.body).toBe(200);
    const audit = await lastAudit('cycle.transition');
    expect(audit.reason).toBe('정성 지표 1개는 다음 회의에서 채점');
    const passed = (audit.after as { blocking: Record<string, BlockingList> }).blocking.reviews_open!;
    expect(passed.total).toBe(districts.length);
    expect(passed.items.every((i) => i.status === 'unassigned')).toBe(true);
    // With verified district values the qualitative items are scored again, so the run needs no override.
    await verify(districts, (k, i) => (k === 0 ? 90 + i : 50));

    const run = await admin.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, { kind: 'provisional' });
    expect(run.statusCode, run.body).toBe(201);
    const id = run.json().id as number;
    expect(run.json().notices.override).toBeNull();
    let view = (await admin.request('GET', `/api/v1/scoring-runs/${id}`)).json();
    const best = view.ties.find((t: Tie) => t.tier === 'best') as Tie;
    expect(best).toMatchObject({ places: 3, rank: 2, placesLeft: 2, decision: null });
    expect(best.tied).toHaveLength(districts.length - 1);
    expect(best.message.ko).toContain('남은 2자리');
    expect(view.tieBreakRules.map((r: { code: string }) => r.code)).toContain('base_score');

    // Undecided: the provisional results cannot be released.
    const blocked = await transition('provisional');
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().blockers.map((b: { code: string }) => b.code)).toEqual(['undecided_ties']);

    // A tie-break that still ties is refused; an unknown rule too.
    const still = await admin.request('POST', `/api/v1/scoring-runs/${id}/ties`, {
      tier: 'best',
      decision: 'tie_break',
      rule: 'base_score',
      reason: '기본 점수',
    });
    expect(still.statusCode).toBe(409);
    expect(still.json().code).toBe('tie_break_still_tied');
    const unknown = await admin.request('POST', `/api/v1/scoring-runs/${id}/ties`, { tier: 'best', decision: 'tie_break', rule: 'coin', reason: '동전' });
    expect(unknown.json().code).toBe('unknown_tie_break_rule');
    expect((await admin.request('POST', `/api/v1/scoring-runs/${id}/ties`, { tier: 'best', decision: 'leave_empty', reason: '' })).statusCode).toBe(400);

    // Leave the two places empty: only district 0 is 최우수구; the tie moves on to the next tier, which is reported.
    const decided = await admin.request('POST', `/api/v1/scoring-runs/${id}/ties`, {
      tier: 'best',
      decision: 'leave_empty',
      reason: '동점 24개 구에 최우수구 2자리를 줄 수 없음',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    view = (await admin.request('GET', `/api/v1/scoring-runs/${id}`)).json();
    const result = view.result as { tiers: Array<{ code: string; winners: string[] }> };
    expect(result.tiers.find((t) => t.code === 'best')!.winners).toEqual([districts[0]!.code]);
    expect(view.ties.find((t: Tie) => t.tier === 'best').decision).toMatchObject({ kind: 'leave_empty', reason: '동점 24개 구에 최우수구 2자리를 줄 수 없음' });
    const tieAudit = await lastAudit('scoring.tie_decided');
    expect(tieAudit.reason).toBe('동점 24개 구에 최우수구 2자리를 줄 수 없음');
    expect(tieAudit.after).toMatchObject({ tier: 'best', places: 3, placesLeft: 2, decision: 'leave_empty', winners: [districts[0]!.code] });
    expect((tieAudit.after as { tied: string[] }).tied).toHaveLength(districts.length - 1);

    // Every remaining tie (excellent: 7 places for 24 tied) decided as "award all": the result can be released.
    for (const t of view.ties.filter((x: Tie) => x.decision === null) as Tie[]) {
      const r = await admin.request('POST', `/api/v1/scoring-runs/${id}/ties`, { tier: t.tier, decision: 'award_all', reason: '공동 수상' });
      expect(r.statusCode, r.body).toBe(200);
    }
    view = (await admin.request('GET', `/api/v1/scoring-runs/${id}`)).json();
    expect(view.ties.every((t: Tie) => t.decision !== null)).toBe(true);
    // The decided result is still reproducible from the run's own snapshot and decisions.
    expect((await admin.request('POST', `/api/v1/scoring-runs/${id}/reproduce`)).json().identical).toBe(true);
    expect((await transition('provisional')).statusCode).toBe(200);
  }, 120_000);

  it('refuses publication while the final run has an undecided tie', async () => {
    expect((await transition('objections')).statusCode).toBe(200);
    expect((await transition('final')).statusCode).toBe(200);
    const run = await admin.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, { kind: 'final' });
    expect(run.statusCode, run.body).toBe(201);
    const refused = await transition('published');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().blockers.map((b: { code: string }) => b.code)).toEqual(['undecided_ties']);
    expect((await transition('published', { override: true, reason: '그냥 공표' })).statusCode).toBe(409);
    const view = (await admin.request('GET', `/api/v1/scoring-runs/${run.json().id}`)).json();
    for (const t of view.ties as Tie[]) {
      await admin.request('POST', `/api/v1/scoring-runs/${run.json().id}/ties`, { tier: t.tier, decision: 'leave_empty', reason: '동점 자리 비움' });
    }
    const again = (await admin.request('GET', `/api/v1/scoring-runs/${run.json().id}`)).json();
    for (const t of again.ties.filter((x: Tie) => x.decision === null) as Tie[]) {
      await admin.request('POST', `/api/v1/scoring-runs/${run.json().id}/ties`, { tier: t.tier, decision: 'award_all', reason: '공동 수상' });
    }
    const published = await transition('published');
    expect(published.statusCode, published.body).toBe(200);
    // A published run's ties cannot be changed any more.
    const late = await admin.request('POST', `/api/v1/scoring-runs/${run.json().id}/ties`, { tier: 'best', decision: 'award_all', reason: '변경' });
    expect(late.statusCode).toBe(409);
  }, 120_000);
});
