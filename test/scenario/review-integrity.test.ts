import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cycles, roleMemberships, users, type CycleStatus } from '../../src/db/schema.js';
import { verifyAuditChain } from '../../src/domain/audit.js';
import { panelScores, reopenReviewItem } from '../../src/domain/reviews/index.js';
import type { Access } from '../../src/server/access.js';
import { pdfSample, pngSample } from '../domain/evidence-samples.js';
import { multipartFile } from '../fixtures/imports/upload.js';
import { signIn, type Client } from '../helpers/app.js';
import { backends } from '../helpers/db.js';
import { apiRoutes, routeKey, type RouteEntry } from '../helpers/route-table.js';
import { EXPECTATIONS, urlFor } from '../security/expectations.js';
import { OWN, openSecurityFixture, PASSWORD, principalOf, rowsOf, YEAR, type SecurityFixture } from '../security/fixture.js';

// The route table comes from the app itself (test/helpers/route-table.ts).
const recorded = vi.hoisted(() => [] as RouteEntry[]);
vi.mock('fastify', async (original) => (await import('../helpers/route-table.js')).withRouteRecorder(await original(), recorded));

const BASE = `/api/v1/cycles/${YEAR}/reviews`;
const REVIEWERS = ['reviewer.1', 'reviewer.2', 'reviewer.3', 'reviewer.4', 'reviewer.5'];
/** Written into every panel comment so that any leak of one is found by a plain text search. */
const MARK = 'PANEL-NOTE';
const ITEM = 'S7';

interface Progress {
  items: Array<{ orgUnitCode: string; indicatorCode: string; assigned: number; reviewers: Array<{ username: string }> }>;
  reviewers: Array<{ username: string; assigned: number }>;
}
interface Mine {
  blind: boolean;
  pledgeSigned: boolean;
  assignments: Array<{
    id: number;
    orgUnit: { code: string; name: string };
    indicator: { code: string };
    rubric: { criteria: Array<{ code: string }> };
    version: number;
  }>;
}

const districtMayCall = (access: Access | undefined) =>
  access === 'public' ||
  access === 'authenticated' ||
  (typeof access === 'object' && access.roles.some((r) => r === 'district_officer' || r === 'district_approver'));

/**
 * Evaluation integrity through a 2020 round on the real app: a blind panel, the pledge, a declared conflict that is
 * topped up from the pool, the reviewer's dossier with the district's records and evidence shown inline — and a
 * sweep of every GET route a district user may call, from the app's own route table, that finds nothing of the
 * panel while the round is open; after the final results the district reads its panel comments, without names.
 */
describe.each(backends())('evaluation integrity of the panel review on $name', (backend) => {
  let fx: SecurityFixture;
  const reviewer: Record<string, Client> = {};
  let admin: Client;
  let officer: Client;
  let approver: Client;
  let evidence: { pdf: number; png: number };
  let recordId: number;
  const setStage = (status: CycleStatus) => fx.db.db.update(cycles).set({ status }).where(eq(cycles.year, YEAR));
  const progress = async (): Promise<Progress> => (await admin.request('GET', `${BASE}/progress`)).json();
  const mine = async (who: string): Promise<Mine> => (await reviewer[who]!.request('GET', `${BASE}/mine`)).json();

  beforeAll(async () => {
    fx = await openSecurityFixture(backend, { signIn: ['city_admin', 'officer_own', 'approver_own'] });
    admin = fx.clients.city_admin;
    officer = fx.clients.officer_own;
    approver = fx.clients.approver_own;
    for (const r of REVIEWERS) reviewer[r] = await signIn(fx.app, r, PASSWORD);

    // The district's 우수사례 for S7: a best-practice record, a description, a PDF and a photo attached to the item.
    const rec = await officer.request('POST', `/api/v1/districts/${OWN}/records`, {
      recordType: 'best_practice',
      occurredOn: '2020-03-10',
      data: { title: '광진구 사회적경제 특구 조성', summary: '광진 사회적경제 허브와 대학이 함께 판로를 연 사례', indicator_code: ITEM },
    });
    expect(rec.statusCode, rec.body).toBe(201);
    recordId = rec.json<{ id: number }>().id;
    const upload = async (name: string, bytes: Buffer) => {
      const f = multipartFile(name, bytes);
      const res = await officer.request('POST', `/api/v1/districts/${OWN}/evidence`, f.payload, f.headers);
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: number }>().id;
    };
    evidence = { pdf: await upload('광진구-우수사례-보고서.pdf', pdfSample('gwangjin')), png: await upload('광진구-현장사진.png', pngSample()) };
    let saved = await officer.request('PUT', `/api/v1/cycles/${YEAR}/districts/${OWN}/submissions/${ITEM}`, {
      version: 0,
      comment: '광진구는 대학·기업과 함께 사회적경제 특구를 조성했습니다.',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    for (const id of [evidence.pdf, evidence.png]) {
      saved = await officer.request('POST', `/api/v1/cycles/${YEAR}/districts/${OWN}/submissions/${ITEM}/evidence`, {
        evidenceId: id,
        version: saved.json<{ version: number }>().version,
      });
      expect(saved.statusCode, saved.body).toBe(200);
    }
  }, 300_000);
  afterAll(async () => fx?.close());

  it('sets the panel blind before the round opens (audited), and not after', async () => {
    const before = (await admin.request('GET', `${BASE}/settings`)).json();
    expect(before).toMatchObject({ year: YEAR, blind: false, editable: true, version: 0 });
    const set = await admin.request('PUT', `${BASE}/settings`, { blind: true, version: 0 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ blind: true, version: 1 });
    expect((await admin.request('PUT', `${BASE}/settings`, { blind: false, version: 0 })).json().code).toBe('stale_version');
    const audit = (await admin.request('GET', '/api/v1/audit?action=review.settings_changed')).json().entries;
    expect(audit[0]).toMatchObject({ actorLabel: 'admin', before: { blind: false }, after: { blind: true } });

    await setStage('review');
    const frozen = await admin.request('PUT', `${BASE}/settings`, { blind: false, version: 1 });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().code).toBe('review_settings_frozen');
    const assigned = await admin.request('POST', `${BASE}/assign`, { reviewersPerItem: 3 });
    expect(assigned.statusCode, assigned.body).toBe(200);
  });

  it('opens the dossier after the pledge: the item’s records and evidence, masked, the files inline to that reviewer only', async () => {
    const item = (await progress()).items.find((i) => i.orgUnitCode === OWN && i.indicatorCode === ITEM)!;
    const who = item.reviewers[0]!.username;
    const outsider = REVIEWERS.find((r) => !item.reviewers.some((x) => x.username === r))!;
    const list = await mine(who);
    expect(list).toMatchObject({ blind: true, pledgeSigned: false });
    const a = list.assignments.find((x) => x.indicator.code === ITEM)!;
    expect(a.orgUnit.name).toMatch(/^자치구 [A-Z]+$/);
    // Blind: no district code or name in the reviewer's list at all.
    expect(JSON.stringify(list)).not.toMatch(/광진|Gwangjin|11215/);

    const early = await reviewer[who]!.request('GET', `${BASE}/assignments/${a.id}/dossier`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('pledge_required');
    const refused = await reviewer[who]!.request('PUT', `${BASE}/assignments/${a.id}/scores`, { version: a.version, scores: {} });
    expect(refused.json().code).toBe('pledge_required');
    const signed = await reviewer[who]!.request('POST', `${BASE}/pledge`, { agree: true, signedName: '평가위원 서명' });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().signed).toMatchObject({ signedName: '평가위원 서명' });

    // Find the assignment that is the district's S7 (every one of the reviewer's S7 items is a candidate: match by record).
    let dossier: Record<string, unknown> | null = null;
    for (const x of list.assignments.filter((y) => y.indicator.code === ITEM)) {
      const d = (await reviewer[who]!.request('GET', `${BASE}/assignments/${x.id}/dossier`)).json();
      if ((d.records as Array<{ id: number }>).some((r) => r.id === recordId)) dossier = d;
    }
    expect(dossier).not.toBeNull();
    const d = dossier as {
      blind: boolean;
      district: { label: { ko: string }; code: string | null };
      submission: { comment: string };
      records: Array<{ title: string; summary: string }>;
      evidence: Array<{ id: number; name: string; inline: boolean; mediaType: string }>;
    };
    expect(d.blind).toBe(true);
    expect(d.district.code).toBeNull();
    expect(d.district.label.ko).toMatch(/^자치구 [A-Z]+$/);
    expect(d.records).toHaveLength(1);
    expect(d.records[0]!.title).toBe(`${d.district.label.ko} 사회적경제 특구 조성`);
    expect(d.submission.comment).toContain('대학·기업과 함께');
    expect(JSON.stringify(d)).not.toMatch(/광진|Gwangjin|11215/);
    expect(d.evidence.map((e) => [e.id, e.name, e.inline])).toEqual([
      [evidence.pdf, '증빙 1.pdf', true],
      [evidence.png, '증빙 2.png', true],
    ]);

    // The files open inline, under the masked name, for this reviewer; another reviewer gets 404 as for any stranger.
    const pdf = await reviewer[who]!.request('GET', `/api/v1/evidence/${evidence.pdf}?inline=1`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toMatch(/^inline;/);
    expect(decodeURIComponent(String(pdf.headers['content-disposition']))).toContain('증빙 1.pdf');
    expect(String(pdf.headers['content-disposition'])).not.toMatch(/%EA%B4%91|광진/);
    expect(pdf.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(pdf.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
    const png = await reviewer[who]!.request('GET', `/api/v1/evidence/${evidence.png}?inline=1`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(String(png.headers['content-security-policy'])).toContain('sandbox');
    const plain = await reviewer[who]!.request('GET', `/api/v1/evidence/${evidence.png}`);
    expect(String(plain.headers['content-disposition'])).toMatch(/^attachment;/);
    await reviewer[outsider]!.request('POST', `${BASE}/pledge`, { agree: true, signedName: outsider });
    expect((await reviewer[outsider]!.request('GET', `/api/v1/evidence/${evidence.pdf}?inline=1`)).statusCode).toBe(404);
    expect((await reviewer[outsider]!.request('GET', `${BASE}/assignments/${a.id}/dossier`)).statusCode).toBe(403);
  });

  it('moves a declared conflict’s assignments to other reviewers, balanced, and shows the admin the declaration', async () => {
    const before = await progress();
    const ownItems = before.items.filter((i) => i.orgUnitCode === OWN);
    const who = ownItems.flatMap((i) => i.reviewers.map((r) => r.username)).find((u) => u !== 'reviewer.3')!;
    const held = ownItems.filter((i) => i.reviewers.some((r) => r.username === who)).length;
    expect(held).toBeGreaterThan(0);
    await reviewer[who]!.request('POST', `${BASE}/pledge`, { agree: true, signedName: who });
    const declared = await reviewer[who]!.request('POST', `${BASE}/conflicts`, { orgUnitCode: OWN, reason: '최근 3년 내 해당 구 일자리 자문위원' });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json()).toEqual({ year: YEAR, orgUnitCode: OWN, withdrawn: held, reassigned: held, shortfall: 0 });
    // The reviewer is told how many moved, never to whom.
    expect(declared.body).not.toMatch(/reviewer\.\d/);
    expect((await reviewer[who]!.request('POST', `${BASE}/conflicts`, { orgUnitCode: OWN, reason: '다시' })).json().code).toBe('already_declared');

    const after = await progress();
    for (const i of after.items.filter((x) => x.orgUnitCode === OWN)) {
      expect(i.assigned).toBe(3);
      const names = i.reviewers.map((r) => r.username);
      expect(names).not.toContain(who);
      expect(names).not.toContain('reviewer.3');
    }
    // The moved items went to the least busy eligible reviewers: everyone else stays within one of each other, and
    // the panel's total is unchanged.
    const loads = after.reviewers.filter((r) => r.username !== who).map((r) => r.assigned);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    const total = (p: Progress) => p.reviewers.reduce((n, r) => n + r.assigned, 0);
    expect(total(after)).toBe(total(before));
    expect(after.reviewers.find((r) => r.username === who)!.assigned).toBe(before.reviewers.find((r) => r.username === who)!.assigned - held);
    // A later assignment run never gives it back.
    await admin.request('POST', `${BASE}/assign`, { reviewersPerItem: 4 });
    expect((await progress()).items.filter((x) => x.orgUnitCode === OWN).every((i) => !i.reviewers.some((r) => r.username === who))).toBe(true);

    const declarations = (await admin.request('GET', `${BASE}/declarations`)).json();
    const row = declarations.reviewers.find((r: { username: string }) => r.username === who);
    expect(row.pledge).toMatchObject({ signedName: who });
    expect(row.conflicts).toEqual([expect.objectContaining({ orgUnitCode: OWN, reason: '최근 3년 내 해당 구 일자리 자문위원' })]);
    const audit = (await admin.request('GET', `/api/v1/audit?orgUnitCode=${OWN}&action=review.`)).json().entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['review.conflict_declared', 'review.assignments_withdrawn', 'review.reassigned']));
  });

  it('tells a district nothing about the panel through any GET route it may call while the round is open', async () => {
    // Every reviewer signs and submits every sheet, with a marked comment; the round stays open.
    for (const r of REVIEWERS) {
      await reviewer[r]!.request('POST', `${BASE}/pledge`, { agree: true, signedName: r });
      for (const a of (await mine(r)).assignments) {
        const scores = Object.fromEntries(a.rubric.criteria.map((c, k) => [c.code, 1 + ((a.id + k) % 5)]));
        const res = await reviewer[r]!.request('POST', `${BASE}/assignments/${a.id}/submit`, { version: a.version, scores, comment: `${MARK} #${a.id}` });
        expect(res.statusCode, res.body).toBe(200);
      }
    }
    const panel = rowsOf<{ username: string; display_name: string }>(
      await fx.db.db.execute(sql`SELECT u.username, u.display_name FROM ${users} u JOIN ${roleMemberships} m ON m.user_id = u.id WHERE m.role = 'reviewer'`),
    );
    expect(panel.length).toBeGreaterThanOrEqual(5);
    const secrets = [MARK, ...panel.map((p) => p.username), ...panel.map((p) => p.display_name), '"scores":{', 'review.'];
    // The secrets are really out there: the reviewer's own list carries the comments and scores, the city's log the
    // panel's entries and names — so a route that passed them on would be caught below.
    const own = (await reviewer[REVIEWERS[0]!]!.request('GET', `${BASE}/mine`)).body;
    expect(own).toContain(MARK);
    expect(own).toContain('"scores":{');
    const cityLog = (await admin.request('GET', `/api/v1/audit?orgUnitCode=${OWN}&limit=500`)).body;
    expect(cityLog).toContain('review.submitted');
    expect(panel.some((p) => cityLog.includes(p.username))).toBe(true);

    const routes = apiRoutes(recorded)
      .filter((r, i, all) => all.findIndex((o) => routeKey(o) === routeKey(r)) === i)
      .filter((r) => r.method === 'GET' && districtMayCall(r.access));
    expect(routes.length).toBeGreaterThan(30);
    const leaks: string[] = [];
    let answered = 0;
    for (const [name, client] of [
      ['officer', officer],
      ['approver', approver],
    ] as const) {
      for (const r of routes) {
        const e = EXPECTATIONS[routeKey(r)] ?? { allow: [] };
        // The route as the authorisation matrix calls it, and again on the open round with the district's own ids.
        const urls = new Set([urlFor(r, e, fx.ids), urlFor(r, e, fx.ids, { year: YEAR, code: OWN, indicator: ITEM })]);
        for (const url of urls) {
          const res = await client.request('GET', url);
          if (res.statusCode === 200) answered++;
          expect(res.statusCode, `${name} ${url}`).toBeLessThan(500);
          for (const s of secrets) if (res.body.includes(s)) leaks.push(`${name} GET ${url} (${res.statusCode}) shows "${s}"`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(answered).toBeGreaterThan(40);
    // The feedback route exists and says "not yet".
    expect((await officer.request('GET', `/api/v1/cycles/${YEAR}/districts/${OWN}/review-feedback`)).json().code).toBe('feedback_not_ready');

    // The city follows the progress but reads no marks while the round is open: neither on a sheet nor in the log.
    const someone = (await mine(REVIEWERS[0]!)).assignments[0]!;
    const sheet = (await admin.request('GET', `${BASE}/assignments/${someone.id}`)).json();
    expect(sheet).toMatchObject({ status: 'submitted', scores: null, total: null, comment: null });
    const log = (await admin.request('GET', '/api/v1/audit?action=review.submitted&limit=500')).json().entries;
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((e: { after: { redacted?: boolean; scores?: unknown } }) => e.after.redacted === true && e.after.scores === undefined)).toBe(true);
  }, 600_000);

  it('gives the district its panel comments without reviewer identity after the final results', async () => {
    const closed = await admin.request('POST', `${BASE}/close`, { overrideReason: '시험 마감' });
    expect(closed.statusCode, closed.body).toBe(200);
    // The admin now reads the marks in the log.
    const log = (await admin.request('GET', '/api/v1/audit?action=review.submitted&limit=1')).json().entries;
    expect(log[0].after.scores).toBeTypeOf('object');
    await setStage('final');
    for (const client of [officer, approver]) {
      const res = await client.request('GET', `/api/v1/cycles/${YEAR}/districts/${OWN}/review-feedback`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ items: Array<{ indicatorCode: string; comments: string[] }> }>();
      const s7 = body.items.find((i) => i.indicatorCode === ITEM)!;
      expect(s7.comments.length).toBeGreaterThanOrEqual(3);
      expect(s7.comments.every((c) => c.startsWith(MARK))).toBe(true);
      // The comment text carries the marker only; the response adds no reviewer field of its own.
      expect(Object.keys(body.items[0]!).sort()).toEqual(['comments', 'indicatorCode', 'name']);
      // Only the district's own items: every comment's assignment is one of OWN's.
      const ownIds = new Set(
        rowsOf<{ id: number }>(
          await fx.db.db.execute(sql`SELECT a.id FROM review_assignments a JOIN org_units o ON o.id = a.org_unit_id WHERE o.code = ${OWN}`),
        ).map((r) => r.id),
      );
      for (const c of body.items.flatMap((i) => i.comments)) expect(ownIds.has(Number(c.split('#')[1]))).toBe(true);
    }
    expect((await fx.clients.city_admin.request('GET', `/api/v1/cycles/${YEAR}/districts/11110/review-feedback`)).statusCode).toBe(200);
    const otherOfficer = await signIn(fx.app, 'officer.11110', PASSWORD);
    expect((await otherOfficer.request('GET', `/api/v1/cycles/${YEAR}/districts/${OWN}/review-feedback`)).statusCode).toBe(403);
    // District users still read no panel entry in the audit log.
    const theirs = (await officer.request('GET', `/api/v1/audit?orgUnitCode=${OWN}&limit=500`)).json().entries;
    expect(theirs.some((e: { action: string }) => e.action.startsWith('review.'))).toBe(false);
    expect((await verifyAuditChain(fx.db.db)).ok).toBe(true);
  });

  it('reopens one item for re-review after the round closed: its reviewers score again, the scoring run waits for them', async () => {
    await setStage('objections');
    const sheets = rowsOf<{ id: number; username: string }>(
      await fx.db.db.execute(sql`SELECT a.id, u.username FROM review_assignments a JOIN org_units o ON o.id = a.org_unit_id JOIN users u ON u.id = a.reviewer_id
        WHERE o.code = ${OWN} AND a.indicator_code = ${ITEM} AND a.status = 'submitted' ORDER BY a.id`),
    );
    expect(sheets.length).toBeGreaterThanOrEqual(3);
    const adminPrincipal = await principalOf(fx.db, 'admin');
    await expect(
      reopenReviewItem(fx.db.db, await principalOf(fx.db, `officer.${OWN}`), YEAR, { orgUnitCode: OWN, indicatorCode: ITEM, reason: 'x' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const out = await reopenReviewItem(fx.db.db, adminPrincipal, YEAR, { orgUnitCode: OWN, indicatorCode: ITEM, reason: '이의신청 수용: 정성 재평가' });
    expect(out).toEqual({ reopened: sheets.length });
    await expect(panelScores(fx.db.db, YEAR)).rejects.toMatchObject({ code: 'review_items_reopened' });

    for (const [k, sheet] of sheets.entries()) {
      const a = (await mine(sheet.username)).assignments.find((x) => x.id === sheet.id)!;
      const scores = Object.fromEntries(a.rubric.criteria.map((c) => [c.code, 5]));
      const res = await reviewer[sheet.username]!.request('POST', `${BASE}/assignments/${a.id}/submit`, {
        version: a.version,
        scores,
        comment: `${MARK} 재평가 #${a.id}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      // Another of the reviewer's items stays closed.
      const other = (await mine(sheet.username)).assignments.find((x) => x.indicator.code !== ITEM)!;
      const refused = await reviewer[sheet.username]!.request('PUT', `${BASE}/assignments/${other.id}/scores`, { version: other.version, scores: {} });
      expect(refused.statusCode).toBe(409);
      if (k < sheets.length - 1) await expect(panelScores(fx.db.db, YEAR)).rejects.toMatchObject({ code: 'review_items_reopened' });
    }
    const scores = await panelScores(fx.db.db, YEAR);
    expect(scores.get(OWN)![ITEM]).toBe(100);
    const log = (await admin.request('GET', `/api/v1/audit?orgUnitCode=${OWN}&action=review.item_`)).json().entries.map((e: { action: string }) => e.action);
    expect(log).toEqual(['review.item_closed', 'review.item_reopened']);
    const theirs = (await officer.request('GET', `/api/v1/audit?orgUnitCode=${OWN}&limit=500`)).json().entries;
    expect(theirs.some((e: { action: string }) => e.action.startsWith('review.'))).toBe(false);
  });
});
