import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema.js';
import { LocalEvidenceStore, storeEvidence } from '../../src/domain/evidence/index.js';
import { deadlineReminders, notify } from '../../src/domain/notifications/index.js';
import { pdfSample } from '../domain/evidence-samples.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { systemPrincipal } from '../../src/domain/authz.js';

const PASSWORD = 'test-password-1';
const YEAR = 2020;
const DAY = 86_400_000;

describe.each(backends())('notifications on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let evidenceDir: string;
  let officer: Client;
  let approver: Client;
  let admin: Client;
  const base = `/api/v1/cycles/${YEAR}/districts/11215/submissions`;

  async function submitted(indicator: string, value: number): Promise<number> {
    const store = new LocalEvidenceStore(evidenceDir);
    const { evidence } = await storeEvidence(
      db.db,
      store,
      { fileName: `${indicator}.pdf`, content: pdfSample(indicator), orgUnitCode: '11215', actor: { userId: null, label: 'test' } },
      { maxBytes: 1 << 20 },
    );
    let v = (await officer.request('PUT', `${base}/${indicator}`, { version: 0, value })).json().version;
    v = (await officer.request('POST', `${base}/${indicator}/evidence`, { evidenceId: evidence.id, version: v })).json().version;
    return (await officer.request('POST', `${base}/${indicator}/submit`, { version: v })).json().submission.version;
  }

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    evidenceDir = mkdtempSync(path.join(tmpdir(), 'hj-notify-evidence-'));
    app = await testApp(db);
    officer = await signIn(app, 'officer.11215', PASSWORD);
    approver = await signIn(app, 'approver.11215', PASSWORD);
    admin = await signIn(app, 'admin', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    rmSync(evidenceDir, { recursive: true, force: true });
  });

  it('tells the officer when the approver approves or returns an item, newest first with an unread count', async () => {
    expect((await officer.request('GET', '/api/v1/notifications')).json()).toEqual({ notifications: [], unread: 0, nextCursor: null });
    const v2 = await submitted('J2', 100);
    expect((await approver.request('POST', `${base}/J2/approve`, { version: v2 })).statusCode).toBe(200);
    const v10 = await submitted('J10', 90);
    expect((await approver.request('POST', `${base}/J10/return-to-officer`, { version: v10, reason: '기준일 확인' })).statusCode).toBe(200);

    const inbox = (await officer.request('GET', '/api/v1/notifications')).json();
    expect(inbox.unread).toBe(2);
    expect(inbox.notifications.map((n: { kind: string }) => n.kind)).toEqual(['item_returned', 'submission_approved']);
    expect(inbox.notifications[0].payload).toMatchObject({
      year: YEAR,
      orgUnitCode: '11215',
      indicator: 'J10',
      by: 'district_approver',
      reason: '기준일 확인',
      link: `/cycles/${YEAR}/districts/11215/submissions/J10`,
      message: { ko: expect.stringContaining('반려'), en: expect.stringContaining('returned') },
    });
    // The approver was told of each submission, and of nothing they did themselves.
    const approverInbox = (await approver.request('GET', '/api/v1/notifications')).json();
    expect(approverInbox.notifications.map((n: { kind: string; payload: { indicator: string } }) => `${n.kind}:${n.payload.indicator}`)).toEqual([
      'submission_submitted:J10',
      'submission_submitted:J2',
    ]);
  });

  it('marks a notification read (idempotent); someone else’s answers exactly like one that does not exist', async () => {
    const [first] = (await officer.request('GET', '/api/v1/notifications')).json().notifications;
    const other = await signIn(app, 'officer.11110', PASSWORD);
    // Ids cannot be probed: another user's notification and a missing one get the same answer, apart from the id.
    const someoneElses = await other.request('POST', `/api/v1/notifications/${first.id}/read`);
    const missing = await other.request('POST', '/api/v1/notifications/999999/read');
    expect(someoneElses.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(someoneElses.json()).toEqual(JSON.parse(missing.body.replaceAll('999999', String(first.id))));
    expect((await officer.request('GET', '/api/v1/notifications?unread=true')).json().notifications.map((n: { id: number }) => n.id)).toContain(first.id);

    const read = await officer.request('POST', `/api/v1/notifications/${first.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    const again = await officer.request('POST', `/api/v1/notifications/${first.id}/read`);
    expect(again.json().readAt).toBe(read.json().readAt);
    const inbox = (await officer.request('GET', '/api/v1/notifications')).json();
    expect(inbox.unread).toBe(1);
    expect((await officer.request('GET', '/api/v1/notifications?unread=true')).json().notifications).toHaveLength(1);
  });

  it('pages with a cursor and marks everything read at once', async () => {
    const page1 = (await officer.request('GET', '/api/v1/notifications?limit=1')).json();
    expect(page1.notifications).toHaveLength(1);
    expect(page1.nextCursor).toBe(page1.notifications[0].id);
    const page2 = (await officer.request('GET', `/api/v1/notifications?limit=1&before=${page1.nextCursor}`)).json();
    expect(page2.notifications[0].id).toBeLessThan(page1.notifications[0].id);
    expect(page2.nextCursor).toBeNull();
    expect((await officer.request('POST', '/api/v1/notifications/read-all')).json()).toEqual({ marked: 1 });
    expect((await officer.request('GET', '/api/v1/notifications')).json().unread).toBe(0);
  });

  it('reminds of a stage deadline within three days, once per stage and day', async () => {
    const now = new Date();
    expect((await admin.request('PUT', `/api/v1/cycles/${YEAR}/deadlines/open`, { dueAt: new Date(now.getTime() + 5 * DAY).toISOString() })).statusCode).toBe(
      204,
    );
    expect(await deadlineReminders(db.db, systemPrincipal, now)).toEqual([]);

    const dueAt = new Date(now.getTime() + 2 * DAY);
    await admin.request('PUT', `/api/v1/cycles/${YEAR}/deadlines/open`, { dueAt: dueAt.toISOString() });
    const sent = await deadlineReminders(db.db, systemPrincipal, now);
    // Only those with work left: every district's officers (none has submitted everything); no approver, since no
    // item waits for approval (J2 is approved, J10 was returned).
    expect(sent).toEqual([{ year: YEAR, stage: 'open', dueAt, notifications: 25 }]);
    expect((await approver.request('GET', '/api/v1/notifications')).json().notifications.some((n: { kind: string }) => n.kind === 'deadline_near')).toBe(false);
    expect(await deadlineReminders(db.db, systemPrincipal, new Date(now.getTime() + 60_000))).toEqual([]);
    const inbox = (await officer.request('GET', '/api/v1/notifications')).json();
    expect(inbox.notifications[0]).toMatchObject({
      kind: 'deadline_near',
      payload: { year: YEAR, stage: 'open', message: { ko: expect.stringContaining('마감') } },
    });
    expect((await admin.request('GET', '/api/v1/notifications')).json().notifications.some((n: { kind: string }) => n.kind === 'deadline_near')).toBe(false);

    // The next day brings one more reminder; the route runs the same function for the city admin.
    const tomorrow = await deadlineReminders(db.db, systemPrincipal, new Date(now.getTime() + DAY));
    expect(tomorrow).toHaveLength(1);
    const viaRoute = await admin.request('POST', '/api/v1/notifications/deadline-reminders');
    expect(viaRoute.statusCode).toBe(200);
    expect(viaRoute.json().sent).toEqual([]);
    expect((await officer.request('POST', '/api/v1/notifications/deadline-reminders')).statusCode).toBe(403);
  });

  it('fans a role notification out to each holder, or keeps one for the role when nobody holds it', async () => {
    const fanned = await db.db.transaction((tx) => notify(tx, { role: 'auditor' }, 'deadline_near', { message: { ko: '테스트', en: 'test' } }));
    expect(fanned).toBe(1);
    const auditor = await signIn(app, 'auditor', PASSWORD);
    expect((await auditor.request('GET', '/api/v1/notifications')).json().unread).toBe(1);

    const kept = await db.db.transaction((tx) =>
      notify(tx, { role: 'reviewer', orgUnitCode: '11110' }, 'deadline_near', { message: { ko: '역할', en: 'role' } }),
    );
    expect(kept).toBe(1);
    const rows = await db.db.select().from(notifications).where(eq(notifications.role, 'reviewer'));
    expect(rows).toMatchObject([{ userId: null, role: 'reviewer' }]);
    // Reviewer 3 is tied to 11215, not 11110: it does not see it.
    const reviewer3 = await signIn(app, 'reviewer.3', PASSWORD);
    expect((await reviewer3.request('GET', '/api/v1/notifications')).json().unread).toBe(0);
  });
});
