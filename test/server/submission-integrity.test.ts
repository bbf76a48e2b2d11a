import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../../src/db/schema.js';
import { seedRecordTypes } from '../../src/domain/activities/record-types.js';
import { systemActor } from '../../src/domain/audit.js';
import { systemPrincipal } from '../../src/domain/authz.js';
import { LocalEvidenceStore, storeEvidence } from '../../src/domain/evidence/index.js';
import { hashPassword } from '../../src/domain/passwords.js';
import { createAccount } from '../../src/domain/users/index.js';
import { pdfSample } from '../domain/evidence-samples.js';
import { columnOfKey, multipartFile, readXlsx, xlsxBuffer } from '../fixtures/imports/upload.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';
const YEAR = 2020;
const D = '11215';
const item = (indicator: string, tail = '') => `/api/v1/cycles/${YEAR}/districts/${D}/submissions/${indicator}${tail}`;
const IMPORTS = `/api/v1/cycles/${YEAR}/districts/${D}/imports`;
const visit = (occurredOn: string, name: string) => ({
  recordType: 'company_visit',
  occurredOn,
  data: { company_name: name, purpose: '구인 지원', jobs_found: 1 },
});

interface Note {
  kind: string;
  payload: { indicator?: string; message: { ko: string } };
}

/**
 * Issue 12: a submitted value cannot go stale. Records (one at a time, an xlsx template, a CSV in the background)
 * and evidence that change a submitted or approved value send the item back to the district, marked and notified;
 * a verified value's records are locked until the city returns the item. Separation of duties on approve/verify,
 * and the counts on 내 업무.
 */
describe.each(backends())('submission integrity on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let evidenceDir: string;
  let store: LocalEvidenceStore;
  let officer: Client;
  let approver: Client;
  let admin: Client;
  let admin2: Client;
  let twoRoles: Client;
  let otherOfficer: Client;

  const upload = async (name = '증빙.pdf') =>
    (await storeEvidence(db.db, store, { fileName: name, content: pdfSample(name), orgUnitCode: D, actor: systemActor }, { maxBytes: 1 << 20 })).evidence.id;
  const get = async (indicator: string) => (await officer.request('GET', item(indicator))).json();
  const inbox = async (c: Client): Promise<Note[]> => (await c.request('GET', '/api/v1/notifications?unread=true')).json().notifications;
  const readAll = async (...cs: Client[]) => {
    for (const c of cs) await c.request('POST', '/api/v1/notifications/read-all');
  };
  const changedOf = (notes: Note[], indicator: string) => notes.filter((n) => n.kind === 'item_changed' && n.payload.indicator === indicator);
  const recordCount = async () =>
    Number(
      (
        (await db.db.execute(
          sql`SELECT count(*)::int AS n FROM activity_records r JOIN org_units u ON u.id = r.org_unit_id WHERE u.code = ${D} AND r.deleted_at IS NULL`,
        )) as unknown as {
          rows: Array<{ n: number }>;
        }
      ).rows[0]!.n,
    );
  const account = async (username: string, roles: Array<{ role: 'city_admin' | 'district_officer' | 'district_approver'; orgUnitCode?: string }>) => {
    const { user } = await createAccount(db.db, systemPrincipal, { username, displayName: username, roles });
    await db.db
      .update(users)
      .set({ passwordHash: await hashPassword(PASSWORD), mustChangePassword: false })
      .where(eq(users.id, user.id));
    return signIn(app, username, PASSWORD);
  };
  /** Saves (from the current version), attaches evidence when none, and submits; returns the submitted view. */
  const submit = async (indicator: string, c: Client = officer, body: Record<string, unknown> = {}) => {
    let cur = await get(indicator);
    const saved = await c.request('PUT', item(indicator), { version: cur.version, ...body });
    expect(saved.statusCode, saved.body).toBe(200);
    cur = saved.json();
    if (cur.evidence.length === 0) {
      const att = await c.request('POST', item(indicator, '/evidence'), { evidenceId: await upload(), version: cur.version });
      expect(att.statusCode, att.body).toBe(200);
      cur = att.json();
    }
    const res = await c.request('POST', item(indicator, '/submit'), { version: cur.version });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().submission;
  };
  const approve = async (indicator: string) => {
    const res = await approver.request('POST', item(indicator, '/approve'), { version: (await get(indicator)).version });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const uploadFile = (c: Client, url: string, fileName: string, content: Buffer) => {
    const body = multipartFile(fileName, content);
    return c.request('POST', url, body.payload, body.headers);
  };
  /** A template with `n` company visits filled in on the given date. */
  const visitsWorkbook = async (n: number, date: Date) => {
    const res = await officer.request('GET', `/api/v1/cycles/${YEAR}/districts/${D}/template.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = await readXlsx(res.rawPayload);
    const ws = wb.worksheets.find((w) => {
      try {
        columnOfKey(w, 'company_name');
        return true;
      } catch {
        return false;
      }
    })!;
    for (let i = 0; i < n; i++) {
      const row = ws.getRow(3 + i);
      row.getCell(columnOfKey(ws, 'occurred_on')).value = date;
      row.getCell(columnOfKey(ws, 'company_name')).value = `엑셀 기업 ${i}`;
      row.getCell(columnOfKey(ws, 'purpose')).value = '구인 지원';
      row.getCell(columnOfKey(ws, 'jobs_found')).value = 1;
    }
    return xlsxBuffer(wb);
  };
  /** A company-visit CSV imported by the background job; resolves to the settled import view. */
  const csvInBackground = async (lines: string[]) => {
    const res = await uploadFile(
      officer,
      `${IMPORTS}?type=company_visit&background=1`,
      'visits.csv',
      Buffer.from(['실적 일자,기업명,방문 목적,발굴 일자리 수', ...lines].join('\n')),
    );
    expect(res.statusCode, res.body).toBe(202);
    let view = (await officer.request('GET', res.json().statusUrl)).json();
    const settled = (v: { status: string; job?: { status: string } | null }) =>
      (v.status === 'committed' || v.status === 'failed') && (v.job?.status === 'done' || v.job?.status === 'failed');
    for (let i = 0; i < 600 && !settled(view); i++) {
      await sleep(50);
      view = (await officer.request('GET', res.json().statusUrl)).json();
    }
    return view;
  };

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await seedRecordTypes(db.db);
    evidenceDir = mkdtempSync(path.join(tmpdir(), 'hj-integrity-'));
    store = new LocalEvidenceStore(evidenceDir);
    app = await testApp(db);
    officer = await signIn(app, 'officer.11215', PASSWORD);
    approver = await signIn(app, 'approver.11215', PASSWORD);
    admin = await signIn(app, 'admin', PASSWORD);
    otherOfficer = await signIn(app, 'officer.11110', PASSWORD);
    admin2 = await account('admin.two', [{ role: 'city_admin' }]);
    twoRoles = await account('both.11215', [
      { role: 'district_officer', orgUnitCode: D },
      { role: 'district_approver', orgUnitCode: D },
    ]);
    for (const [i, d] of ['2019-10-02', '2020-01-15', '2020-03-09'].entries()) {
      expect((await officer.request('POST', `/api/v1/districts/${D}/records`, visit(d, `기업 ${i}`))).statusCode).toBe(201);
    }
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    rmSync(evidenceDir, { recursive: true, force: true });
  });

  it('submitted: a new record returns J1 to the district, marked and notified; the approver hears of the submit', async () => {
    const sub = await submit('J1');
    expect(sub).toMatchObject({ status: 'submitted', value: 3, changedAfterSubmit: null });
    expect((await inbox(approver)).map((n) => `${n.kind}:${n.payload.indicator}`)).toEqual(['submission_submitted:J1']);
    await readAll(officer, approver, admin, admin2, twoRoles);

    const created = await officer.request('POST', `/api/v1/districts/${D}/records`, visit('2020-05-01', '추가 기업'));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().returnedItems).toEqual([expect.objectContaining({ indicator: 'J1', status: 'submitted', submittedValue: 3, currentValue: 4 })]);
    const j1 = await get('J1');
    expect(j1).toMatchObject({
      status: 'returned',
      value: 3,
      changedAfterSubmit: { source: { kind: 'record', action: 'created' }, previousStatus: 'submitted', submittedValue: 3, currentValue: 4 },
    });
    // Both sides of the district are told (the officer who made the change knows it from the response) — nobody else.
    expect(changedOf(await inbox(approver), 'J1')).toHaveLength(1);
    expect(changedOf(await inbox(twoRoles), 'J1')).toHaveLength(1); // one notification, though two roles
    expect(await inbox(officer)).toEqual([]);
    expect(await inbox(admin)).toEqual([]); // not yet the city's: it was only submitted
    expect(await inbox(otherOfficer)).toEqual([]);
    const audit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'submission.changed_after_submit'), eq(auditLog.entityId, String(j1.id))));
    expect(audit).toHaveLength(1);

    // Submitting again takes the new value and clears the mark.
    const again = await submit('J1');
    expect(again).toMatchObject({ status: 'submitted', value: 4, changedAfterSubmit: null });
  });

  it('a change that does not alter the value (another record type, or a date outside the period) leaves a submitted item alone', async () => {
    await readAll(approver, twoRoles);
    const outside = await officer.request('POST', `/api/v1/districts/${D}/records`, visit('2018-01-01', '기간 밖'));
    expect(outside.statusCode).toBe(201);
    expect(outside.json().returnedItems).toBeUndefined();
    expect((await get('J1')).status).toBe('submitted');
    expect(changedOf(await inbox(approver), 'J1')).toEqual([]);
  });

  it('approved: an xlsx import returns J1 and tells the officers, approvers and the city verifiers', async () => {
    await approve('J1');
    await readAll(officer, approver, admin, admin2, twoRoles);
    const res = await uploadFile(officer, IMPORTS, 'visits.xlsx', await visitsWorkbook(2, new Date(Date.UTC(2020, 5, 1))));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().returnedItems).toEqual([expect.objectContaining({ indicator: 'J1', status: 'approved', submittedValue: 4, currentValue: 6 })]);
    expect(await get('J1')).toMatchObject({
      status: 'returned',
      approvedAt: null,
      changedAfterSubmit: { source: { kind: 'xlsx_import' }, previousStatus: 'approved', submittedValue: 4, currentValue: 6 },
    });
    for (const c of [approver, twoRoles, admin, admin2]) expect(changedOf(await inbox(c), 'J1')).toHaveLength(1);
    expect(changedOf(await inbox(otherOfficer), 'J1')).toEqual([]);
  });

  it('approved: a CSV imported by the background job returns J1 the same way', async () => {
    await submit('J1');
    await approve('J1');
    await readAll(officer, approver, admin, admin2, twoRoles);
    const view = await csvInBackground(['2020-07-01,CSV 기업,구인 지원,1']);
    expect(view).toMatchObject({ status: 'committed' });
    expect(await get('J1')).toMatchObject({
      status: 'returned',
      changedAfterSubmit: { source: { kind: 'csv_import' }, previousStatus: 'approved', submittedValue: 6, currentValue: 7 },
    });
    expect(changedOf(await inbox(admin), 'J1')).toHaveLength(1);
    expect(changedOf(await inbox(approver), 'J1')).toHaveLength(1);
  });

  it('separation of duties: a two-role account cannot approve its own submission; whoever approved cannot verify', async () => {
    const sub = await submit('J1', twoRoles);
    expect(sub).toMatchObject({ status: 'submitted', value: 7 });
    const own = await twoRoles.request('POST', item('J1', '/approve'), { version: sub.version });
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'separation_of_duties' });
    const en = await twoRoles.request('POST', item('J1', '/approve'), { version: sub.version }, { 'accept-language': 'en' });
    expect(en.json().detail ?? en.json().title).toMatch(/cannot approve/);
    expect((await get('J1')).status).toBe('submitted');
    const approved = await approve('J1'); // another approver may
    expect(approved.status).toBe('approved');

    // The city admin who corrects an item may not verify it; another admin may.
    const corrected = await admin.request('PUT', item('J1'), { version: approved.version, comment: '시 확인: 방문 일지 대조', reason: '의견 보완' });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const mine = await admin.request('POST', `/api/v1/cycles/${YEAR}/verification/verify`, { id: approved.id, version: corrected.json().version });
    expect(mine.statusCode).toBe(403);
    expect(mine.json().code).toBe('separation_of_duties');
    const bulk = await admin.request('POST', `/api/v1/cycles/${YEAR}/verification/bulk-verify`, {
      items: [{ id: approved.id, version: corrected.json().version }],
    });
    expect(bulk.statusCode).toBe(409);
    expect(bulk.json().ownWork).toEqual([expect.objectContaining({ id: approved.id })]);
    const ok = await admin2.request('POST', `/api/v1/cycles/${YEAR}/verification/verify`, { id: approved.id, version: corrected.json().version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('verified');
  });

  it('verified: every path that would change J1 is refused and writes nothing (records locked)', async () => {
    const before = await get('J1');
    const count = await recordCount();
    await readAll(officer, approver, admin, admin2, twoRoles);

    const single = await officer.request('POST', `/api/v1/districts/${D}/records`, visit('2020-06-15', '잠긴 기업'));
    expect(single.statusCode).toBe(409);
    expect(single.json()).toMatchObject({
      code: 'records_locked',
      items: [expect.objectContaining({ indicator: 'J1', status: 'verified', submittedValue: 7, currentValue: 8 })],
    });
    expect(single.json().detail ?? single.json().title).toMatch(/반려|return/);

    const list = (await officer.request('GET', `/api/v1/districts/${D}/records?recordType=company_visit&from=2019-09-01&to=2020-08-31`)).json().items;
    const first = list[0];
    const edit = await officer.request('PATCH', `/api/v1/records/${first.id}`, { version: first.version, occurredOn: '2018-05-05', data: first.data });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('records_locked');
    const del = await officer.request('DELETE', `/api/v1/records/${first.id}?version=${first.version}`);
    expect(del.statusCode).toBe(409);
    // An edit that leaves the value and the records behind it as they are is fine.
    const harmless = await officer.request('PATCH', `/api/v1/records/${first.id}`, {
      version: first.version,
      occurredOn: first.occurredOn,
      data: { ...first.data, company_name: '이름만 고침' },
    });
    expect(harmless.statusCode, harmless.body).toBe(200);

    const xlsx = await uploadFile(officer, IMPORTS, 'locked.xlsx', await visitsWorkbook(1, new Date(Date.UTC(2020, 6, 2))));
    expect(xlsx.statusCode).toBe(400);
    expect(xlsx.json().errors).toEqual([expect.objectContaining({ path: 'submissions.J1' })]);

    const csv = await csvInBackground(['2020-07-03,잠긴 CSV,구인 지원,1']);
    expect(csv).toMatchObject({ status: 'failed' });
    expect(JSON.stringify(csv.errors)).toContain('submissions.J1');

    const evidence = await admin.request('POST', item('J1', '/evidence'), { evidenceId: await upload('추가.pdf'), version: before.version, reason: '보완' });
    expect(evidence.statusCode).toBe(409);
    expect(evidence.json().code).toBe('item_verified');
    const correction = await admin.request('PUT', item('J1'), { version: before.version, value: 99, comment: 'x', reason: 'y' });
    expect(correction.statusCode).toBe(409);

    expect(await recordCount()).toBe(count);
    expect(await get('J1')).toMatchObject({ status: 'verified', value: 7, version: before.version });
    expect(changedOf(await inbox(approver), 'J1')).toEqual([]);
  });

  it('once the city returns (reopens) the verified item, the records can change again', async () => {
    const cur = await get('J1');
    const ret = await admin.request('POST', `/api/v1/cycles/${YEAR}/verification/return`, { id: cur.id, version: cur.version, reason: '방문 실적 추가 요청' });
    expect(ret.statusCode, ret.body).toBe(200);
    // The city's return reaches the officers and the approvers, not the admin who returned it.
    expect((await inbox(approver)).some((n) => n.kind === 'item_returned' && n.payload.indicator === 'J1')).toBe(true);
    expect((await inbox(officer)).some((n) => n.kind === 'item_returned' && n.payload.indicator === 'J1')).toBe(true);
    const created = await officer.request('POST', `/api/v1/districts/${D}/records`, visit('2020-06-15', '이제 되는 기업'));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().returnedItems).toBeUndefined();
    expect(await get('J1')).toMatchObject({ status: 'returned', changedAfterSubmit: null });
  });

  it('evidence: the city changing the evidence of a submitted item returns it to the district, notified', async () => {
    const sub = await submit('J2', officer, { value: 88, comment: '공시 기준' });
    await readAll(officer, approver, admin, admin2, twoRoles);
    const res = await admin.request('POST', item('J2', '/evidence'), { evidenceId: await upload('시 보완.pdf'), version: sub.version, reason: '증빙 보완' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'returned',
      changedAfterSubmit: { source: { kind: 'evidence', action: 'attached' }, previousStatus: 'submitted' },
    });
    expect(changedOf(await inbox(officer), 'J2')).toHaveLength(1);
    expect(changedOf(await inbox(approver), 'J2')).toHaveLength(1);
    expect(changedOf(await inbox(admin), 'J2')).toEqual([]); // the actor
    // The district itself cannot change the evidence of a submitted item at all.
    const again = await submit('J2');
    const refused = await officer.request('DELETE', item('J2', `/evidence/${again.evidence[0].id}?version=${again.version}`));
    expect(refused.statusCode).toBe(409);
  });

  it('내 업무 counts what waits for each role, and nothing for others', async () => {
    const counts = async (c: Client) => (await c.request('GET', '/api/v1/me/work')).json().cycles.find((x: { year: number }) => x.year === YEAR);
    // J1 is returned (by the city), J2 submitted, the rest not started.
    const o = await counts(officer);
    expect(o.districts).toEqual([expect.objectContaining({ code: D, roles: ['district_officer'], returned: 1, changed: 0, toApprove: 1, toSubmit: 18 })]);
    expect(o.city).toBeNull();
    const a = await counts(approver);
    expect(a.districts[0]).toMatchObject({ code: D, roles: ['district_approver'], toApprove: 1 });
    const city = await counts(admin);
    expect(city.city).toMatchObject({ toVerify: 0, returned: 1, changed: 0 });
    expect(city.districts).toEqual([]);
    // A change after submission shows as such, for the district and for the city.
    await officer.request('POST', `/api/v1/districts/${D}/records`, visit('2020-04-04', '또 다른 기업'));
    const j1 = await submit('J1');
    expect(j1.status).toBe('submitted');
    await officer.request('POST', `/api/v1/districts/${D}/records`, visit('2020-04-05', '다시 바뀜'));
    expect((await counts(officer)).districts[0]).toMatchObject({ changed: 1, returned: 0, toApprove: 1 });
    expect((await counts(admin)).city).toMatchObject({ changed: 1 });
    const other = await counts(otherOfficer);
    expect(other.districts[0]).toMatchObject({ code: '11110', returned: 0, changed: 0, toApprove: 0, toSubmit: 20 });
  });

  it('warns the city admin when one person gets both district roles (allowed, audited with the warning)', async () => {
    const list = (await admin.request('GET', '/api/v1/users?q=both.11215')).json().users;
    expect(list[0].dutyWarnings).toEqual([expect.objectContaining({ code: 'officer_and_approver', orgUnitCode: D })]);
    const plain = (await admin.request('GET', '/api/v1/users?q=officer.11110')).json().users[0];
    expect(plain.dutyWarnings).toEqual([]);
    const res = await admin.request('PUT', `/api/v1/users/${plain.id}/roles`, {
      version: plain.version,
      roles: [
        { role: 'district_officer', orgUnitCode: '11110' },
        { role: 'district_approver', orgUnitCode: '11110' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.dutyWarnings).toEqual([
      expect.objectContaining({ orgUnitCode: '11110', message: { ko: expect.stringContaining('직무 분리'), en: expect.stringContaining('another approver') } }),
    ]);
    const [entry] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.roles_set'), eq(auditLog.entityId, String(plain.id))));
    expect(entry!.reason).toContain('직무 분리');
  });
});
