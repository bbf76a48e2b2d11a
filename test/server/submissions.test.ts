import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCycleByYear } from '../../src/db/repositories/cycles.js';
import { findOrgUnitByCode, setPopulation } from '../../src/db/repositories/org-units.js';
import { activityRecords, auditLog, orgUnitPopulations, recordTypes, submissions } from '../../src/db/schema.js';
import { seedRecordTypes } from '../../src/domain/activities/record-types.js';
import { LocalEvidenceStore, storeEvidence } from '../../src/domain/evidence/index.js';
import { pdfSample } from '../domain/evidence-samples.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';
const YEAR = 2020;
const url = (code: string, indicator?: string, tail = '') => `/api/v1/cycles/${YEAR}/districts/${code}/submissions${indicator ? `/${indicator}` : ''}${tail}`;

describe.each(backends())('district submissions on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let evidenceDir: string;
  let store: LocalEvidenceStore;
  let officer: Client;
  let approver: Client;
  let admin: Client;

  /** Uploads a PDF for a district through the evidence service and returns its id. */
  const upload = async (code: string, name = '증빙.pdf') =>
    (
      await storeEvidence(
        db.db,
        store,
        { fileName: name, content: pdfSample(name), orgUnitCode: code, actor: { userId: null, label: 'test' } },
        { maxBytes: 1 << 20 },
      )
    ).evidence.id;

  const setDeadline = (dueAt: Date) => admin.request('PUT', `/api/v1/cycles/${YEAR}/deadlines/open`, { dueAt: dueAt.toISOString() });

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await seedRecordTypes(db.db);
    evidenceDir = mkdtempSync(path.join(tmpdir(), 'hj-sub-evidence-'));
    store = new LocalEvidenceStore(evidenceDir);
    app = await testApp(db);
    officer = await signIn(app, 'officer.11215', PASSWORD);
    approver = await signIn(app, 'approver.11215', PASSWORD);
    admin = await signIn(app, 'admin', PASSWORD);
    expect((await setDeadline(new Date(Date.now() + 30 * 86_400_000))).statusCode).toBe(204);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    rmSync(evidenceDir, { recursive: true, force: true });
  });

  it('lists every framework indicator for the district, not-started ones included', async () => {
    const res = await officer.request('GET', url('11215'));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(20);
    expect(body.district).toEqual({ code: '11215', name: '광진구' });
    expect(body.totals.not_started).toBe(20);
    const j2 = body.items.find((i: { indicator: { code: string } }) => i.indicator.code === 'J2');
    expect(j2).toMatchObject({ status: 'not_started', version: 0, value: null, evidence: [] });
    expect(j2.problems.map((p: { path: string }) => p.path)).toEqual(['submissions.J2.value', 'submissions.J2.evidence']);
    expect(body.deadline.passed).toBe(false);
  });

  it('computes a formula indicator from the activity records, showing the records behind it', async () => {
    const unit = (await findOrgUnitByCode(db.db, '11215'))!;
    const [type] = await db.db.select().from(recordTypes).where(eq(recordTypes.code, 'company_visit'));
    const rows = ['2019-10-02', '2020-01-15', '2020-03-09'].map((d, i) => ({
      orgUnitId: unit.id,
      recordTypeId: type!.id,
      occurredOn: d,
      data: { company_name: `기업 ${i}`, purpose: '구인 지원', jobs_found: i },
    }));
    // One visit outside the 2020 data period (Sep 2019 – Aug 2020) does not count.
    rows.push({ ...rows[0]!, occurredOn: '2019-08-31' });
    const inserted = await db.db.insert(activityRecords).values(rows).returning({ id: activityRecords.id });

    const j1 = (await officer.request('GET', url('11215', 'J1'))).json();
    expect(j1.computation.value).toBe(3);
    expect(j1.computation.formula).toBe('count("company_visit")');
    expect(j1.computation.records).toEqual([{ yearsBack: 0, recordType: 'company_visit', ids: inserted.slice(0, 3).map((r) => r.id) }]);
    expect(j1.computation.trace.length).toBeGreaterThan(0);

    const saved = await officer.request('PUT', url('11215', 'J1'), { version: 0 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ status: 'draft', value: 3, valueSource: 'computed', computedValue: 3, version: 1 });

    const noComment = await officer.request('PUT', url('11215', 'J1'), { version: 1, value: 5 });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().code).toBe('override_comment_required');
    const override = await officer.request('PUT', url('11215', 'J1'), { version: 1, value: 5, comment: '2건은 공문으로만 확인됨' });
    expect(override.json()).toMatchObject({ value: 5, valueSource: 'entered', computedValue: 3, version: 2 });
    const back = await officer.request('PUT', url('11215', 'J1'), { version: 2, value: null });
    expect(back.json()).toMatchObject({ value: 3, valueSource: 'computed', version: 3 });
  });

  it('shows why a per-capita indicator has no value when the cycle year has no population, and computes once it is loaded', async () => {
    const unit = (await findOrgUnitByCode(db.db, '11215'))!;
    const where = and(eq(orgUnitPopulations.orgUnitId, unit.id), eq(orgUnitPopulations.year, YEAR));
    const [kept] = await db.db.select().from(orgUnitPopulations).where(where);
    await db.db.delete(orgUnitPopulations).where(where);
    try {
      const res = await officer.request('GET', url('11215', 'S2'));
      expect(res.statusCode).toBe(200);
      expect(res.json().computation).toMatchObject({
        value: null,
        error: {
          ko: `광진구(11215)의 ${YEAR}년 인구가 없습니다 — 인구를 먼저 등록하세요.`,
          en: `No population of 광진구 (11215) for ${YEAR} — load the populations first.`,
        },
      });
    } finally {
      if (kept) await setPopulation(db.db, unit.id, YEAR, kept.population);
    }
    const computed = (await officer.request('GET', url('11215', 'S2'))).json().computation;
    expect(computed.error).toBeUndefined();
    expect(typeof computed.value).toBe('number');
  });

  it('runs the happy path: draft → submit → approve → verify, auditing every step', async () => {
    const draft = await officer.request('PUT', url('11215', 'J2'), { version: 0, value: 87.5, comment: '목표 공시 기준' });
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({ status: 'draft', value: 87.5, valueSource: 'entered', version: 1 });

    const evidenceId = await upload('11215');
    const attached = await officer.request('POST', url('11215', 'J2', '/evidence'), { evidenceId, version: 1 });
    expect(attached.statusCode).toBe(200);
    expect(attached.json().evidence.map((e: { id: number }) => e.id)).toEqual([evidenceId]);
    expect(attached.json().problems).toEqual([]);

    const submitted = await officer.request('POST', url('11215', 'J2', '/submit'), { version: 2 });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().submission).toMatchObject({ status: 'submitted', late: false, version: 3 });
    expect(submitted.json().warnings).toEqual([]);

    const approved = await approver.request('POST', url('11215', 'J2', '/approve'), { version: 3 });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', version: 4 });

    const id = approved.json().id;
    const verified = await admin.request('POST', `/api/v1/cycles/${YEAR}/verification/verify`, { id, version: 4 });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'verified', version: 5 });
    expect(verified.json().verifiedAt).not.toBeNull();

    const audit = await db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(id)));
    expect(audit.map((a) => a.action)).toEqual([
      'submission.saved',
      'submission.evidence_attached',
      'submission.submitted',
      'submission.approved',
      'submission.verified',
    ]);
    expect(audit.every((a) => a.orgUnitCode === '11215')).toBe(true);
    expect(audit[0]!.after).toMatchObject({ value: 87.5, status: 'draft' });
    expect(audit[3]!.before).toMatchObject({ status: 'submitted' });
    expect(audit[3]!.after).toMatchObject({ status: 'approved' });
  });

  it('returns an item to the officer with a reason, and the officer corrects and resubmits it', async () => {
    let v = (await officer.request('PUT', url('11215', 'J10'), { version: 0, value: 91 })).json().version;
    v = (await officer.request('POST', url('11215', 'J10', '/evidence'), { evidenceId: await upload('11215', '집행.pdf'), version: v })).json().version;
    v = (await officer.request('POST', url('11215', 'J10', '/submit'), { version: v })).json().submission.version;

    const noReason = await approver.request('POST', url('11215', 'J10', '/return-to-officer'), { version: v, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const returned = await approver.request('POST', url('11215', 'J10', '/return-to-officer'), {
      version: v,
      reason: '집행률 산정 기준일을 8월 말로 고쳐 주세요',
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '집행률 산정 기준일을 8월 말로 고쳐 주세요' });

    const fixed = await officer.request('PUT', url('11215', 'J10'), { version: returned.json().version, value: 93.2 });
    expect(fixed.json()).toMatchObject({ status: 'returned', value: 93.2 });
    const resubmitted = await officer.request('POST', url('11215', 'J10', '/submit'), { version: fixed.json().version });
    expect(resubmitted.statusCode).toBe(200);
    expect(resubmitted.json().submission).toMatchObject({ status: 'submitted', value: 93.2, returnReason: null });

    const [entry] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'submission.resubmitted'), eq(auditLog.entityId, String(resubmitted.json().submission.id))));
    expect(entry).toMatchObject({ orgUnitCode: '11215' });
    expect(entry!.before).toMatchObject({ status: 'returned', value: 93.2 });
  });

  it('blocks submission on bounds and missing evidence, naming both in Korean and English', async () => {
    const saved = await officer.request('PUT', url('11215', 'J11'), { version: 0, value: 7 });
    expect(saved.json().problems.map((p: { path: string }) => p.path)).toEqual(['submissions.J11.value', 'submissions.J11.evidence']);
    const ko = await officer.request('POST', url('11215', 'J11', '/submit'), { version: 1 });
    expect(ko.statusCode).toBe(400);
    const problem = ko.json();
    expect(problem.code).toBe('submission_blocked');
    expect(problem.errors).toEqual([
      { path: 'submissions.J11.value', message: 'J11 생활임금·노동존중 시책 이행: 값 7 개 항목이 허용 상한 5 개 항목보다 큽니다.' },
      { path: 'submissions.J11.evidence', message: 'J11 생활임금·노동존중 시책 이행: 증빙자료를 1개 이상 첨부하세요.' },
    ]);
    const en = await officer.request('POST', url('11215', 'J11', '/submit'), { version: 1 }, { 'accept-language': 'en' });
    expect(en.json().errors.map((e: { message: string }) => e.message)).toEqual([
      'J11 Living wage and labour-respect measures: the value 7 개 항목 is above the maximum 5 개 항목.',
      'J11 Living wage and labour-respect measures: attach at least one evidence file.',
    ]);
    const row = (await officer.request('GET', url('11215', 'J11'))).json();
    expect(row).toMatchObject({ status: 'draft', version: 1 });
  });

  it('flags an outlier against the peers and the district’s own history, without blocking', async () => {
    const cycle2020 = (await findCycleByYear(db.db, YEAR))!;
    const peers = ['11110', '11140', '11170', '11380', '11230', '11260', '11290', '11305', '11320', '11350'];
    const peerValues = [98, 99, 100, 101, 102, 100, 99, 101, 100, 100];
    for (const [i, code] of peers.entries()) {
      const unit = (await findOrgUnitByCode(db.db, code))!;
      await db.db.insert(submissions).values({ cycleId: cycle2020.id, orgUnitId: unit.id, indicatorCode: 'J7', value: peerValues[i]!, status: 'draft' });
    }
    const me = (await findOrgUnitByCode(db.db, '11215'))!;
    for (const [i, year] of [2016, 2017, 2018, 2019].entries()) {
      const c = (await findCycleByYear(db.db, year))!;
      await db.db.insert(submissions).values({ cycleId: c.id, orgUnitId: me.id, indicatorCode: 'J7', value: [40, 42, 41, 43][i]!, status: 'verified' });
    }
    // J7 is a formula indicator: enter an override of 99 (with the comment it needs).
    const res = await officer.request('PUT', url('11215', 'J7'), { version: 0, value: 99, comment: '자체 집계' });
    expect(res.statusCode).toBe(200);
    const flags = res.json().flags;
    // history [40, 42, 41, 43]: median 41.5, MAD 1 → z = 0.6745 × 57.5 / 1 = 38.78…
    expect(flags).toEqual([{ kind: 'history', z: expect.closeTo(0.6745 * 57.5, 9), median: 41.5, n: 4 }]);
    const low = await officer.request('PUT', url('11215', 'J7'), { version: 1, value: 10 });
    // peers [98 … 102]: median 100, MAD 1 → z = 0.6745 × (10 − 100) = −60.705; history: 0.6745 × (10 − 41.5) = −21.25
    expect(low.json().flags).toEqual([
      { kind: 'history', z: expect.closeTo(0.6745 * -31.5, 9), median: 41.5, n: 4 },
      { kind: 'peers', z: expect.closeTo(0.6745 * -90, 9), median: 100, n: 10 },
    ]);
    // Flags never block: only the missing evidence does.
    expect(low.json().problems).toEqual([{ path: 'submissions.J7.evidence', message: expect.any(Object) }]);
    const matrix = (await admin.request('GET', `/api/v1/cycles/${YEAR}/verification`)).json();
    const cell = matrix.districts.find((d: { code: string }) => d.code === '11215').cells[
      matrix.indicators.findIndex((i: { code: string }) => i.code === 'J7')
    ];
    expect(cell.flags).toHaveLength(2);
    expect(matrix.flagged).toBeGreaterThanOrEqual(1);
  });

  it('refuses a stale write with 409 and the current version, losing nothing', async () => {
    const first = await officer.request('PUT', url('11215', 'J9'), { version: 0, value: 30, comment: '1차' });
    expect(first.json().version).toBe(1);
    const second = await officer.request('PUT', url('11215', 'J9'), { version: 1, value: 31, comment: '2차' });
    expect(second.json().version).toBe(2);
    const stale = await officer.request('PUT', url('11215', 'J9'), { version: 1, value: 99, comment: '오래된 화면' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', current: { version: 2, value: 31, comment: '2차' } });
    const staleCreate = await officer.request('PUT', url('11215', 'J9'), { version: 0, value: 5 });
    expect(staleCreate.statusCode).toBe(409);
    const staleSubmit = await officer.request('POST', url('11215', 'J9', '/submit'), { version: 1 });
    expect(staleSubmit.statusCode).toBe(409);
    expect((await officer.request('GET', url('11215', 'J9'))).json()).toMatchObject({ value: 31, version: 2 });
  });

  it('marks an item submitted after the collection deadline late, with a warning and no block', async () => {
    let v = (await officer.request('PUT', url('11215', 'J4'), { version: 0, value: 55, comment: '수기 집계' })).json().version;
    v = (await officer.request('POST', url('11215', 'J4', '/evidence'), { evidenceId: await upload('11215', '교육.pdf'), version: v })).json().version;
    await setDeadline(new Date(Date.now() - 3_600_000));
    try {
      const list = (await officer.request('GET', url('11215'))).json();
      expect(list.deadline.passed).toBe(true);
      const res = await officer.request('POST', url('11215', 'J4', '/submit'), { version: v });
      expect(res.statusCode).toBe(200);
      expect(res.json().submission).toMatchObject({ status: 'submitted', late: true });
      expect(res.json().warnings).toEqual([{ code: 'late', message: { ko: expect.stringContaining('기한'), en: expect.stringContaining('deadline') } }]);
    } finally {
      await setDeadline(new Date(Date.now() + 30 * 86_400_000));
    }
  });

  it('does not let the approver or the auditor edit values; the city corrects only with a reason', async () => {
    const current = (await officer.request('PUT', url('11215', 'J6'), { version: 0, value: 10, comment: '협약서 기준 집계' })).json();
    expect(current).toMatchObject({ status: 'draft', value: 10, version: 1 });
    expect((await approver.request('PUT', url('11215', 'J6'), { version: current.version, value: 1 })).statusCode).toBe(403);
    expect((await approver.request('POST', url('11215', 'J6', '/submit'), { version: current.version })).statusCode).toBe(403);
    const auditor = await signIn(app, 'auditor', PASSWORD);
    expect((await auditor.request('PUT', url('11215', 'J6'), { version: current.version, value: 1 })).statusCode).toBe(403);
    expect((await auditor.request('GET', url('11215'))).statusCode).toBe(200);

    const noReason = await admin.request('PUT', url('11215', 'J6'), { version: current.version, value: 12 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('reason_required');
    const corrected = await admin.request('PUT', url('11215', 'J6'), { version: current.version, value: 12, reason: '증빙과 대조하여 정정' });
    expect(corrected.statusCode).toBe(200);
    const [entry] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'submission.corrected'), eq(auditLog.entityId, String(current.id))));
    expect(entry).toMatchObject({ reason: '증빙과 대조하여 정정', orgUnitCode: '11215' });
    expect(entry!.before).toMatchObject({ value: 10 });
    expect(entry!.after).toMatchObject({ value: 12 });
  });

  it('refuses evidence uploaded for another district and detaches with a version', async () => {
    const foreign = await upload('11110', '남의것.pdf');
    const item = (await officer.request('PUT', url('11215', 'J8'), { version: 0, value: 2, comment: '쉼터·실태조사' })).json();
    expect(item).toMatchObject({ status: 'draft', version: 1 });
    const res = await officer.request('POST', url('11215', 'J8', '/evidence'), { evidenceId: foreign, version: item.version });
    expect(res.statusCode).toBe(403);
    const mine = await upload('11215', '내것.pdf');
    const attached = (await officer.request('POST', url('11215', 'J8', '/evidence'), { evidenceId: mine, version: item.version })).json();
    const detached = await officer.request('DELETE', url('11215', 'J8', `/evidence/${mine}?version=${attached.version}`));
    expect(detached.statusCode).toBe(200);
    expect(detached.json().evidence).toEqual([]);
    expect((await officer.request('DELETE', url('11215', 'J8', `/evidence/${mine}?version=${detached.json().version}`))).statusCode).toBe(404);
  });

  it('submits every ready draft at once and reports the blockers of the rest', async () => {
    const officer2 = await signIn(app, 'officer.11200', PASSWORD);
    const u = (ind: string, tail = '') => `/api/v1/cycles/${YEAR}/districts/11200/submissions/${ind}${tail}`;
    const v = (await officer2.request('PUT', u('J2'), { version: 0, value: 101 })).json().version;
    await officer2.request('POST', u('J2', '/evidence'), { evidenceId: await upload('11200'), version: v });
    await officer2.request('PUT', u('J10'), { version: 0, value: 120 });
    const res = await officer2.request('POST', `/api/v1/cycles/${YEAR}/districts/11200/submit-all`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.submitted).toEqual(['J2']);
    expect(body.blocked).toEqual([
      {
        indicator: 'J10',
        problems: [
          { path: 'submissions.J10.value', message: expect.any(Object) },
          { path: 'submissions.J10.evidence', message: expect.any(Object) },
        ],
      },
    ]);
    expect(body.notStarted).toHaveLength(18);
  });

  // Moves the cycle on for good, so it comes last; it sets up its own items.
  it('closes the items to the district once the cycle leaves data collection, except returned ones', async () => {
    // A draft, and an item verified by the city.
    const draft = (await officer.request('PUT', url('11215', 'J3'), { version: 0, value: 4, comment: '박람회 채용 집계' })).json();
    expect(draft).toMatchObject({ status: 'draft', version: 1 });
    let v = (await officer.request('PUT', url('11215', 'J5'), { version: 0, value: 250, comment: '센터 알선 집계' })).json().version;
    v = (await officer.request('POST', url('11215', 'J5', '/evidence'), { evidenceId: await upload('11215', '알선.pdf'), version: v })).json().version;
    v = (await officer.request('POST', url('11215', 'J5', '/submit'), { version: v })).json().submission.version;
    const approved = (await approver.request('POST', url('11215', 'J5', '/approve'), { version: v })).json();
    const verified = await admin.request('POST', `/api/v1/cycles/${YEAR}/verification/verify`, { id: approved.id, version: approved.version });
    expect(verified.json()).toMatchObject({ status: 'verified' });

    const cycle = (await admin.request('GET', `/api/v1/cycles/${YEAR}`)).json();
    const moved = await admin.request('POST', `/api/v1/cycles/${YEAR}/transition`, {
      to: 'verification',
      version: cycle.version,
      override: true,
      reason: '테스트',
    });
    expect(moved.statusCode).toBe(200);
    const res = await officer.request('PUT', url('11215', 'J3'), { version: draft.version, value: 5, comment: '박람회 채용 집계' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('stage_closed');

    // The city returns the verified J5; the district may fix and resubmit it during verification, not late.
    const j5 = (await officer.request('GET', url('11215', 'J5'))).json();
    const ret = await admin.request('POST', `/api/v1/cycles/${YEAR}/verification/return`, {
      id: j5.id,
      version: j5.version,
      reason: '증빙의 기준일 확인 필요',
    });
    expect(ret.statusCode).toBe(200);
    const fixed = await officer.request('PUT', url('11215', 'J5'), { version: ret.json().version, value: 260, comment: '센터 알선 재집계' });
    expect(fixed.statusCode).toBe(200);
    const resubmitted = await officer.request('POST', url('11215', 'J5', '/submit'), { version: fixed.json().version });
    expect(resubmitted.json().submission).toMatchObject({ status: 'submitted', late: false });
    expect(resubmitted.json().warnings).toEqual([]);
  });
});
