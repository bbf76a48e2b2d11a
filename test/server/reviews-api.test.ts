import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrgUnitByCode } from '../../src/db/repositories/org-units.js';
import { findUserByUsername, grantRole } from '../../src/db/repositories/users.js';
import { cycles, type CycleStatus } from '../../src/db/schema.js';
import { verifyAuditChain } from '../../src/domain/audit.js';
import { panelScores } from '../../src/domain/reviews/index.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';
const BASE = '/api/v1/cycles/2020/reviews';
const GWANGJIN = '11215';
const REVIEWERS = ['reviewer.1', 'reviewer.2', 'reviewer.3', 'reviewer.4', 'reviewer.5'];

interface Assignment {
  id: number;
  orgUnit: { code: string };
  indicator: { code: string };
  reviewer: { username: string };
  scores: Record<string, number> | null;
  total: number | null;
  status: string;
  version: number;
}

/**
 * The scores each reviewer gives in the full round: a district's base level L = 2 + (its position mod 4) on plan
 * and delivery, impact one level either side depending on the reviewer; reviewer.5 is one level harsher on
 * everything (so about 25 points below the rest of the panel).
 */
function levelsFor(reviewer: string, districtIndex: number): Record<string, number> {
  const r = Number(reviewer.split('.')[1]);
  const L = 2 + (districtIndex % 4);
  if (r === 5) return { plan: L - 1, delivery: L - 1, impact: L - 1 };
  const impact = Math.min(5, Math.max(1, L + (((districtIndex + r) % 3) - 1)));
  return { plan: L, delivery: L, impact };
}

describe.each(backends())('panel review API on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let auditor: Client;
  let officer: Client;
  const reviewer: Record<string, Client> = {};
  let districtOrder: string[];

  const setStage = (status: CycleStatus) => db.db.update(cycles).set({ status }).where(eq(cycles.year, 2020));
  const mine = async (who: string): Promise<Assignment[]> => {
    const res = await reviewer[who]!.request('GET', `${BASE}/mine`);
    expect(res.statusCode).toBe(200);
    return res.json().assignments;
  };

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    app = await testApp(db);
    admin = await signIn(app, 'admin', PASSWORD);
    auditor = await signIn(app, 'auditor', PASSWORD);
    officer = await signIn(app, `officer.${GWANGJIN}`, PASSWORD);
    for (const r of REVIEWERS) {
      reviewer[r] = await signIn(app, r, PASSWORD);
      // Scoring opens once the reviewer has signed the cycle's pledge (test/server/review-integrity-api.test.ts).
      expect((await reviewer[r].request('POST', `${BASE}/pledge`, { agree: true, signedName: r })).statusCode).toBe(200);
    }
    const units = (await app.inject('/api/v1/org-units')).json().orgUnits as Array<{ code: string; kind: string }>;
    districtOrder = units.filter((u) => u.kind === 'district').map((u) => u.code);
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('assigns three reviewers per item with balanced load, never reviewer.3 on 광진구', async () => {
    const res = await admin.request('POST', `${BASE}/assign`, { reviewersPerItem: 3 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // 25 districts × the 2020 framework's qualitative items S6, S7, J12
    expect(body).toMatchObject({ year: 2020, reviewersPerItem: 3, items: 75, created: 225, kept: 0, shortfalls: [], conflicting: [] });
    const loads = body.loads.map((l: { assigned: number }) => l.assigned);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(body.loads.map((l: { username: string }) => l.username)).toEqual(REVIEWERS);

    const progress = (await admin.request('GET', `${BASE}/progress`)).json();
    expect(progress.items).toHaveLength(75);
    for (const item of progress.items) {
      expect(item.assigned).toBe(3);
      if (item.orgUnitCode === GWANGJIN) expect(item.reviewers.map((r: { username: string }) => r.username)).not.toContain('reviewer.3');
    }
    expect(progress.reviewers.find((r: { username: string }) => r.username === 'reviewer.3').tiedTo).toEqual([GWANGJIN]);
  });

  it('refuses scores outside the review stage, with a message in both languages', async () => {
    const [a] = await mine('reviewer.1');
    const ko = await reviewer['reviewer.1']!.request('PUT', `${BASE}/assignments/${a!.id}/scores`, { version: a!.version, scores: { plan: 3 } });
    expect(ko.statusCode).toBe(409);
    expect(ko.json()).toMatchObject({ code: 'not_in_review_stage' });
    expect(ko.json().detail).toContain("'실적 입력' 단계");
    const en = await reviewer['reviewer.1']!.request(
      'PUT',
      `${BASE}/assignments/${a!.id}/scores`,
      { version: a!.version, scores: { plan: 3 } },
      { 'accept-language': 'en' },
    );
    expect(en.json().detail).toContain("'Data collection' stage");
    await setStage('review');
  });

  it('tops up to five per item on a re-run, keeping scores, and reports 광진구 one reviewer short', async () => {
    const [a] = await mine('reviewer.1');
    const saved = await reviewer['reviewer.1']!.request('PUT', `${BASE}/assignments/${a!.id}/scores`, {
      version: a!.version,
      scores: { plan: 4 },
      comment: '계획 우수',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ status: 'draft', scores: { plan: 4 }, total: null, version: a!.version + 1 });

    const res = await admin.request('POST', `${BASE}/assign`, {});
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ reviewersPerItem: 5, created: 75 * 5 - 3 - 225, kept: 225 });
    expect(body.shortfalls).toEqual(
      ['S6', 'S7', 'J12'].map((indicatorCode) => ({ orgUnitCode: GWANGJIN, orgUnitName: '광진구', indicatorCode, wanted: 5, assigned: 4 })),
    );
    expect(Object.fromEntries(body.loads.map((l: { username: string; assigned: number }) => [l.username, l.assigned]))).toEqual({
      'reviewer.1': 75,
      'reviewer.2': 75,
      'reviewer.3': 72,
      'reviewer.4': 75,
      'reviewer.5': 75,
    });
    const again = (await mine('reviewer.1')).find((x) => x.id === a!.id)!;
    expect(again).toMatchObject({ status: 'draft', scores: { plan: 4 }, version: a!.version + 1 });
    expect((await mine('reviewer.3')).some((x) => x.orgUnit.code === GWANGJIN)).toBe(false);
  });

  it('refuses a manual assignment that breaks a conflict of interest, and audits add and remove', async () => {
    const conflict = await admin.request('POST', `${BASE}/assignments`, { reviewer: 'reviewer.3', orgUnitCode: GWANGJIN, indicatorCode: 'S6' });
    expect(conflict.statusCode).toBe(400);
    expect(conflict.json().code).toBe('conflict_of_interest');
    const quantitative = await admin.request('POST', `${BASE}/assignments`, { reviewer: 'reviewer.3', orgUnitCode: '11110', indicatorCode: 'S1' });
    expect(quantitative.statusCode).toBe(400);

    const target = (await mine('reviewer.4')).find((x) => x.status === 'assigned')!;
    const removed = await admin.request('DELETE', `${BASE}/assignments/${target.id}`, { reason: '재배정 시험' });
    expect(removed.statusCode).toBe(204);
    const added = await admin.request('POST', `${BASE}/assignments`, {
      reviewer: 'reviewer.4',
      orgUnitCode: target.orgUnit.code,
      indicatorCode: target.indicator.code,
    });
    expect(added.statusCode).toBe(201);
    const dup = await admin.request('POST', `${BASE}/assignments`, {
      reviewer: 'reviewer.4',
      orgUnitCode: target.orgUnit.code,
      indicatorCode: target.indicator.code,
    });
    expect(dup.statusCode).toBe(409);

    const draft = (await mine('reviewer.1')).find((x) => x.status === 'draft')!;
    const noReason = await admin.request('DELETE', `${BASE}/assignments/${draft.id}`);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('reason_required');
  });

  it('treats a tie recorded later as a conflict: no scoring, reported on re-run, the item left short', async () => {
    const songpa = districtOrder[23]!;
    const target = (await mine('reviewer.2')).find((x) => x.orgUnit.code === songpa && x.indicator.code === 'S7')!;
    await grantRole(db.db, (await findUserByUsername(db.db, 'reviewer.2'))!.id, 'reviewer', (await findOrgUnitByCode(db.db, songpa))!.id);

    const refused = await reviewer['reviewer.2']!.request('PUT', `${BASE}/assignments/${target.id}/scores`, { version: target.version, scores: { plan: 3 } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('conflict_of_interest');
    const rerun = (await admin.request('POST', `${BASE}/assign`, {})).json();
    expect(rerun.created).toBe(0);
    expect(rerun.conflicting.filter((c: { reviewer: string }) => c.reviewer === 'reviewer.2').map((c: { id: number }) => c.id)).toEqual(
      (await mine('reviewer.2')).filter((x) => x.orgUnit.code === songpa).map((x) => x.id),
    );
    for (const a of (await mine('reviewer.2')).filter((x) => x.orgUnit.code === songpa)) {
      expect((await admin.request('DELETE', `${BASE}/assignments/${a.id}`)).statusCode).toBe(204);
    }
    const topUp = (await admin.request('POST', `${BASE}/assign`, {})).json();
    expect(topUp.created).toBe(0);
    expect(topUp.conflicting).toEqual([]);
    expect(topUp.shortfalls.filter((s: { orgUnitCode: string }) => s.orgUnitCode === songpa)).toHaveLength(3);
  });

  it('lets a reviewer read and write only their own assignments', async () => {
    const theirs = (await mine('reviewer.2'))[0]!;
    const r1 = reviewer['reviewer.1']!;
    expect((await r1.request('GET', `${BASE}/assignments/${theirs.id}`)).statusCode).toBe(403);
    const put = await r1.request('PUT', `${BASE}/assignments/${theirs.id}/scores`, { version: theirs.version, scores: { plan: 1 } });
    expect(put.statusCode).toBe(403);
    expect(put.json().detail).toBe('다른 평가위원에게 배정된 항목입니다.');
    expect(
      (await r1.request('POST', `${BASE}/assignments/${theirs.id}/submit`, { version: theirs.version, scores: { plan: 1, delivery: 1, impact: 1 } }))
        .statusCode,
    ).toBe(403);
    expect((await mine('reviewer.2')).find((x) => x.id === theirs.id)).toMatchObject({ status: 'assigned', scores: null });
    // The admin runs the panel but does not score; district users see nothing of the review.
    expect((await admin.request('PUT', `${BASE}/assignments/${theirs.id}/scores`, { version: theirs.version, scores: { plan: 1 } })).statusCode).toBe(403);
    for (const path of ['/mine', '/progress', '/results', `/assignments/${theirs.id}`]) {
      expect((await officer.request('GET', `${BASE}${path}`)).statusCode).toBe(403);
      expect((await app.inject(`${BASE}${path}`)).statusCode).toBe(401);
    }
  });

  it('keeps the round blind: reviewer.1 cannot see reviewer.2’s scores through any route', async () => {
    const theirs = (await mine('reviewer.2')).find((x) => x.orgUnit.code === '11110' && x.indicator.code === 'S6')!;
    const res = await reviewer['reviewer.2']!.request('PUT', `${BASE}/assignments/${theirs.id}/scores`, {
      version: theirs.version,
      scores: { plan: 5, delivery: 5, impact: 2 },
      comment: 'reviewer two secret note',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBeCloseTo(77.5, 12); // 30 % × 100 + 40 % × 100 + 30 % × 25

    const r1 = reviewer['reviewer.1']!;
    const own = await r1.request('GET', `${BASE}/mine`);
    expect(own.json().assignments.every((a: Assignment) => a.reviewer.username === 'reviewer.1')).toBe(true);
    expect(own.body).not.toContain('reviewer two secret note');
    expect(own.body).not.toContain('reviewer.2');
    for (const path of ['/progress', '/results', `/assignments/${theirs.id}`]) {
      const r = await r1.request('GET', `${BASE}${path}`);
      expect(r.statusCode).toBe(403);
      expect(r.body).not.toContain('secret');
    }
    // The admin's progress shows who has scored what, never a score.
    const progress = await admin.request('GET', `${BASE}/progress`);
    expect(progress.body).not.toMatch(/"(scores|total|comment)"/);
    // Results only exist once the round is closed.
    expect((await admin.request('GET', `${BASE}/results`)).json().code).toBe('review_round_open');
    await expect(panelScores(db.db, 2020)).rejects.toMatchObject({ code: 'review_round_open' });
  });

  it('answers a stale version with 409 and the current row', async () => {
    const r1 = reviewer['reviewer.1']!;
    const a = (await mine('reviewer.1')).find((x) => x.status === 'assigned')!;
    const first = await r1.request('PUT', `${BASE}/assignments/${a.id}/scores`, { version: a.version, scores: { plan: 2, delivery: 3 } });
    expect(first.statusCode).toBe(200);
    const stale = await r1.request('PUT', `${BASE}/assignments/${a.id}/scores`, { version: a.version, scores: { plan: 5 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'stale_version',
      current: { id: a.id, version: a.version + 1, scores: { plan: 2, delivery: 3 }, status: 'draft' },
    });
  });

  it('validates scores against the rubric and submits only complete sheets', async () => {
    const r1 = reviewer['reviewer.1']!;
    const a = (await mine('reviewer.1')).find((x) => x.status === 'draft' && x.scores?.delivery === 3)!;
    const bad = await r1.request('PUT', `${BASE}/assignments/${a.id}/scores`, { version: a.version, scores: { plan: 6, nope: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.scores.nope', 'body.scores.plan']);
    const incomplete = await r1.request('POST', `${BASE}/assignments/${a.id}/submit`, { version: a.version });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json()).toMatchObject({ code: 'incomplete_scores', errors: [{ path: 'body.scores.impact' }] });
    const ok = await r1.request('POST', `${BASE}/assignments/${a.id}/submit`, { version: a.version, scores: { plan: 2, delivery: 3, impact: 4 } });
    expect(ok.statusCode).toBe(200);
    // 30 % × 25 + 40 % × 50 + 30 % × 75
    expect(ok.json()).toMatchObject({ status: 'submitted', total: 50 });
    const again = await r1.request('PUT', `${BASE}/assignments/${a.id}/scores`, { version: ok.json().version, scores: { plan: 1 } });
    expect(again.json().code).toBe('already_submitted');
  });

  it('needs an override reason to close with missing scores, then drops them', async () => {
    // Everyone submits the designed scores except reviewer.4 on the last district's J12.
    const skipped = { reviewer: 'reviewer.4', orgUnitCode: districtOrder[24]!, indicatorCode: 'J12' };
    for (const who of REVIEWERS) {
      for (const a of await mine(who)) {
        if (a.status === 'submitted') continue;
        if (who === skipped.reviewer && a.orgUnit.code === skipped.orgUnitCode && a.indicator.code === skipped.indicatorCode) continue;
        const res = await reviewer[who]!.request('POST', `${BASE}/assignments/${a.id}/submit`, {
          version: a.version,
          scores: levelsFor(who, districtOrder.indexOf(a.orgUnit.code)),
        });
        expect(res.statusCode).toBe(200);
      }
    }
    const progress = (await auditor.request('GET', `${BASE}/progress`)).json();
    expect(progress.totals).toMatchObject({ all: 369, submitted: 368, assigned: 1 });

    const refused = await admin.request('POST', `${BASE}/close`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'review_incomplete', unsubmitted: [{ ...skipped, status: 'assigned' }], itemsWithoutScores: [] });

    const closed = await admin.request('POST', `${BASE}/close`, { overrideReason: '위원 4 불참 (개인 사정)' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      submitted: 368,
      dropped: [{ ...skipped, reviewer: 'reviewer.4' }],
      round: { closed: true, closedBy: 'admin', overrideReason: '위원 4 불참 (개인 사정)' },
    });
    const after = await reviewer['reviewer.1']!.request('GET', `${BASE}/mine`);
    expect(after.json()).toMatchObject({ editable: false, round: { closed: true } });
    expect((await admin.request('POST', `${BASE}/assign`, {})).json().code).toBe('review_round_closed');
    expect((await admin.request('POST', `${BASE}/close`, { overrideReason: 'again' })).json().code).toBe('review_round_closed');
  }, 180_000);

  it('aggregates by trimmed mean and flags the systematically harsh reviewer', async () => {
    for (const who of [reviewer['reviewer.1']!, officer]) expect((await who.request('GET', `${BASE}/results`)).statusCode).toBe(403);
    const res = await auditor.request('GET', `${BASE}/results`);
    expect(res.statusCode).toBe(200);
    const results = res.json();
    expect(results.items).toHaveLength(75);

    // 종로구 S6 (L = 2) was scored by reviewer.1 and reviewer.2 before the full round: reviewer.2's draft of 77.5
    // was replaced by the designed scores at submission. Totals: r1 25, r2 32.5, r3 17.5, r4 25, r5 0
    // → drop 0 and 32.5 → (17.5 + 25 + 25) / 3 = 22.5.
    const jongno = results.items.find((i: { orgUnitCode: string; indicatorCode: string }) => i.orgUnitCode === '11110' && i.indicatorCode === 'S6');
    expect(jongno).toMatchObject({ n: 5, trimmed: true });
    expect(jongno.score).toBeCloseTo(22.5, 9);
    expect(jongno.scores.map((s: { username: string; total: number; dropped: boolean }) => [s.username, s.total, s.dropped])).toEqual([
      ['reviewer.1', 25, false],
      ['reviewer.2', 32.5, true],
      ['reviewer.3', 17.5, false],
      ['reviewer.4', 25, false],
      ['reviewer.5', 0, true],
    ]);
    // 광진구 has four reviewers (conflict excluded): a plain mean.
    const gwangjin = results.items.find((i: { orgUnitCode: string; indicatorCode: string }) => i.orgUnitCode === GWANGJIN && i.indicatorCode === 'S6');
    expect(gwangjin).toMatchObject({ n: 4, trimmed: false });
    const skipped = results.items.find((i: { orgUnitCode: string; indicatorCode: string }) => i.orgUnitCode === districtOrder[24] && i.indicatorCode === 'J12');
    expect(skipped).toMatchObject({ n: 4, trimmed: false });

    const flags = Object.fromEntries(results.reviewers.map((r: { username: string }) => [r.username, r]));
    expect(flags['reviewer.5']).toMatchObject({ flagged: true, direction: 'harsh' });
    expect(flags['reviewer.5'].meanDeviation).toBeLessThan(-15);
    for (const r of ['reviewer.1', 'reviewer.2', 'reviewer.3', 'reviewer.4']) expect(flags[r].flagged).toBe(false);
    expect((await admin.request('GET', `${BASE}/results`)).statusCode).toBe(200);
  });

  it('feeds 0–100 panel scores of every district to the scoring run', async () => {
    const scores = await panelScores(db.db, 2020);
    expect(scores.size).toBe(25);
    for (const [code, rec] of scores) {
      expect(Object.keys(rec).sort()).toEqual(['J12', 'S6', 'S7']);
      for (const v of Object.values(rec)) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(100);
      }
      expect(districtOrder).toContain(code);
    }
    expect(scores.get('11110')!.S6).toBeCloseTo(22.5, 9);
    expect((await verifyAuditChain(db.db)).ok).toBe(true);
  });

  it('documents every review route in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/docs/json')).json();
    const paths = Object.keys(doc.paths).filter((p) => p.includes('/reviews'));
    expect(paths.sort()).toEqual(
      [
        '/api/v1/cycles/{year}/reviews/assign',
        '/api/v1/cycles/{year}/reviews/assignments',
        '/api/v1/cycles/{year}/reviews/assignments/{id}',
        '/api/v1/cycles/{year}/reviews/assignments/{id}/dossier',
        '/api/v1/cycles/{year}/reviews/assignments/{id}/scores',
        '/api/v1/cycles/{year}/reviews/assignments/{id}/submit',
        '/api/v1/cycles/{year}/reviews/close',
        '/api/v1/cycles/{year}/reviews/conflicts',
        '/api/v1/cycles/{year}/reviews/declarations',
        '/api/v1/cycles/{year}/reviews/mine',
        '/api/v1/cycles/{year}/reviews/pledge',
        '/api/v1/cycles/{year}/reviews/progress',
        '/api/v1/cycles/{year}/reviews/results',
        '/api/v1/cycles/{year}/reviews/settings',
      ].sort(),
    );
  });
});
