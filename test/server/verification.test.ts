import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCycleByYear } from '../../src/db/repositories/cycles.js';
import { findOrgUnitByCode } from '../../src/db/repositories/org-units.js';
import { submissions } from '../../src/db/schema.js';
import { LocalEvidenceStore, storeEvidence } from '../../src/domain/evidence/index.js';
import { pdfSample } from '../domain/evidence-samples.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';
const YEAR = 2020;
const DISTRICTS = ['11110', '11140', '11215'];
const VALUES: Record<string, number> = { '11110': 80, '11140': 95, '11215': 120 };

describe.each(backends())('verification on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let evidenceDir: string;
  let admin: Client;
  const ids = new Map<string, { id: number; version: number }>();

  /** Draft → evidence → submit → approve through the API, as the district would. */
  async function approvedItem(code: string, indicator: string, value: number) {
    const officer = await signIn(app, `officer.${code}`, PASSWORD);
    const approver = await signIn(app, `approver.${code}`, PASSWORD);
    const base = `/api/v1/cycles/${YEAR}/districts/${code}/submissions/${indicator}`;
    const store = new LocalEvidenceStore(evidenceDir);
    const { evidence } = await storeEvidence(
      db.db,
      store,
      { fileName: `${code}.pdf`, content: pdfSample(code), orgUnitCode: code, actor: { userId: null, label: 'test' } },
      { maxBytes: 1 << 20 },
    );
    let v = (await officer.request('PUT', base, { version: 0, value })).json().version;
    v = (await officer.request('POST', `${base}/evidence`, { evidenceId: evidence.id, version: v })).json().version;
    v = (await officer.request('POST', `${base}/submit`, { version: v })).json().submission.version;
    const approved = (await approver.request('POST', `${base}/approve`, { version: v })).json();
    expect(approved.status).toBe('approved');
    return { id: approved.id as number, version: approved.version as number };
  }

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    evidenceDir = mkdtempSync(path.join(tmpdir(), 'hj-ver-evidence-'));
    app = await testApp(db);
    admin = await signIn(app, 'admin', PASSWORD);
    for (const code of DISTRICTS) ids.set(code, await approvedItem(code, 'J2', VALUES[code]!));
    // Last year's verified value of 11215's J2, for the comparison.
    const c2019 = (await findCycleByYear(db.db, 2019))!;
    const unit = (await findOrgUnitByCode(db.db, '11215'))!;
    await db.db.insert(submissions).values({ cycleId: c2019.id, orgUnitId: unit.id, indicatorCode: 'J2', value: 104, status: 'verified' });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    rmSync(evidenceDir, { recursive: true, force: true });
  });

  it('shows the progress matrix of 25 districts × 20 indicators with totals per status', async () => {
    const res = await admin.request('GET', `/api/v1/cycles/${YEAR}/verification`);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.districts).toHaveLength(25);
    expect(m.indicators).toHaveLength(20);
    expect(m.districts.every((d: { cells: unknown[] }) => d.cells.length === 20)).toBe(true);
    expect(m.totals).toEqual({ not_started: 497, draft: 0, submitted: 0, approved: 3, verified: 0, returned: 0 });
    const j2 = m.indicators.findIndex((i: { code: string }) => i.code === 'J2');
    const gwangjin = m.districts.find((d: { code: string }) => d.code === '11215');
    expect(gwangjin.cells[j2]).toMatchObject({ id: ids.get('11215')!.id, status: 'approved', value: 120, late: false, version: ids.get('11215')!.version });
    expect(gwangjin.cells[0]).toBeNull();

    const auditor = await signIn(app, 'auditor', PASSWORD);
    expect((await auditor.request('GET', `/api/v1/cycles/${YEAR}/verification`)).statusCode).toBe(200);
    expect((await auditor.request('POST', `/api/v1/cycles/${YEAR}/verification/verify`, ids.get('11215'))).statusCode).toBe(403);
  });

  it('compares an item with last year and with its peers, listing its evidence', async () => {
    const res = await admin.request('GET', `/api/v1/cycles/${YEAR}/verification/11215/J2/compare`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.item).toMatchObject({ status: 'approved', value: 120 });
    expect(c.item.evidence).toEqual([expect.objectContaining({ originalName: '11215.pdf', mediaType: 'application/pdf' })]);
    expect(c.lastYear).toEqual({ year: 2019, value: 104 });
    expect(c.history).toEqual([{ year: 2019, value: 104 }]);
    expect(c.peers).toEqual({ n: 2, median: 87.5, min: 80, max: 95 });
  });

  it('verifies nothing in a bulk request with a stale item, and reports it with its current version', async () => {
    const items = DISTRICTS.map((c) => ({ ...ids.get(c)! }));
    items[1]!.version -= 1;
    const res = await admin.request('POST', `/api/v1/cycles/${YEAR}/verification/bulk-verify`, { items });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'bulk_verify_rejected',
      stale: [{ id: items[1]!.id, version: items[1]!.version + 1, status: 'approved' }],
      notApproved: [],
      missing: [],
    });
    const rows = await db.db
      .select({ status: submissions.status })
      .from(submissions)
      .where(
        inArray(
          submissions.id,
          items.map((i) => i.id),
        ),
      );
    expect(rows.every((r) => r.status === 'approved')).toBe(true);
  });

  it('returns an item to the district with a reason, notifying its officers', async () => {
    const item = ids.get('11140')!;
    expect((await admin.request('POST', `/api/v1/cycles/${YEAR}/verification/return`, { ...item, reason: '' })).statusCode).toBe(400);
    const res = await admin.request('POST', `/api/v1/cycles/${YEAR}/verification/return`, { ...item, reason: '공시 목표 문서와 수치가 다릅니다' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'returned', returnReason: '공시 목표 문서와 수치가 다릅니다', approvedAt: null });
    ids.set('11140', { id: item.id, version: res.json().version });
    const officer = await signIn(app, 'officer.11140', PASSWORD);
    const inbox = (await officer.request('GET', '/api/v1/notifications')).json();
    expect(inbox.notifications[0]).toMatchObject({
      kind: 'item_returned',
      payload: { indicator: 'J2', by: 'city_admin', reason: '공시 목표 문서와 수치가 다릅니다' },
    });
    expect(inbox.unread).toBeGreaterThanOrEqual(1);
  });

  it('refuses to verify an item that is not approved, and bulk-verifies the approved ones all together', async () => {
    const returned = ids.get('11140')!;
    const one = await admin.request('POST', `/api/v1/cycles/${YEAR}/verification/verify`, returned);
    expect(one.statusCode, one.body).toBe(409);
    expect(one.json().code).toBe('invalid_status');
    const withReturned = await admin.request('POST', `/api/v1/cycles/${YEAR}/verification/bulk-verify`, { items: [ids.get('11110'), returned] });
    expect(withReturned.json()).toMatchObject({ code: 'bulk_verify_rejected', notApproved: [{ id: returned.id, status: 'returned' }] });

    const res = await admin.request('POST', `/api/v1/cycles/${YEAR}/verification/bulk-verify`, { items: [ids.get('11110'), ids.get('11215')] });
    expect(res.statusCode).toBe(200);
    expect(res.json().verified).toEqual([ids.get('11110')!.id, ids.get('11215')!.id]);
    const matrix = (await admin.request('GET', `/api/v1/cycles/${YEAR}/verification`)).json();
    expect(matrix.totals).toMatchObject({ verified: 2, returned: 1, approved: 0 });
  });

  it('keeps verification to its stages', async () => {
    const { version } = (await admin.request('GET', `/api/v1/cycles/${YEAR}`)).json();
    await admin.request('POST', `/api/v1/cycles/${YEAR}/transition`, { to: 'verification', version, override: true, reason: '테스트' });
    const cycle = (await admin.request('GET', `/api/v1/cycles/${YEAR}`)).json();
    const moved = await admin.request('POST', `/api/v1/cycles/${YEAR}/transition`, { to: 'review', version: cycle.version, override: true, reason: '테스트' });
    expect(moved.statusCode, moved.body).toBe(200);
    const [row] = await db.db
      .select()
      .from(submissions)
      .where(and(eq(submissions.id, ids.get('11140')!.id)));
    const res = await admin.request('POST', `/api/v1/cycles/${YEAR}/verification/return`, { id: row!.id, version: row!.version, reason: 'x' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('stage_closed');
  });
});
