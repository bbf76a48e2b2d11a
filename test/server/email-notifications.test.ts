import type { AddressInfo } from 'node:net';
import { asc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailAttempts, emailMessages, notifications, users } from '../../src/db/schema.js';
import { systemPrincipal } from '../../src/domain/authz.js';
import { JobWorker } from '../../src/domain/jobs/index.js';
import { loadConfig } from '../../src/config.js';
import {
  EMAIL_JOB_KIND,
  emailDispatchJobHandler,
  requestEmailDispatch,
  smtpMailer,
  smtpOptions,
  type MailSettings,
} from '../../src/domain/notifications/email/index.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';
const MINUTE = 60_000;

interface Received {
  from: string;
  to: string[];
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
}

/** Decodes RFC 2047 encoded words ("=?UTF-8?B?...?="), joining adjacent ones before decoding the bytes. */
function decodeWords(value: string): string {
  return value.replace(/(?:=\?UTF-8\?([BQ])\?[^?]*\?=\s*)+/gi, (run) => {
    const bytes: Buffer[] = [];
    for (const m of run.matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)) {
      if (m[1]!.toUpperCase() === 'B') bytes.push(Buffer.from(m[2]!, 'base64'));
      else bytes.push(quotedPrintable(m[2]!.replace(/_/g, ' ')));
    }
    return Buffer.concat(bytes).toString('utf8') + (/\s$/.test(run) ? ' ' : '');
  });
}

function quotedPrintable(s: string): Buffer {
  const out: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(out);
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return headers;
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') return quotedPrintable(body).toString('utf8');
  return body;
}

/** Just enough MIME to read what nodemailer sends: a multipart/alternative of text and HTML. */
function parseMail(raw: string, to: string[], from: string): Received {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const parts: Array<{ type: string; content: string }> = [];
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const at = chunk.search(/\r?\n\r?\n/);
      const h = parseHeaders(chunk.slice(0, at));
      parts.push({
        type: h.get('content-type') ?? '',
        content: decodeBody(
          h,
          chunk
            .slice(at)
            .replace(/^\r?\n\r?\n/, '')
            .replace(/\r?\n$/, ''),
        ),
      });
    }
  } else parts.push({ type: headers.get('content-type') ?? '', content: decodeBody(headers, body) });
  return {
    from,
    to,
    headers,
    subject: decodeWords(headers.get('subject') ?? ''),
    text: parts.find((p) => p.type.startsWith('text/plain'))?.content.replace(/\r\n/g, '\n') ?? '',
    html: parts.find((p) => p.type.startsWith('text/html'))?.content ?? '',
  };
}

describe.each(backends())('e-mail notifications through a real SMTP server on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let smtp: SMTPServer;
  let settings: MailSettings;
  let worker: JobWorker;
  let officer: Client;
  let approver: Client;
  let admin: Client;
  const ids: Record<string, number> = {};
  const received: Received[] = [];
  /** Recipients the server refuses this many more times with a temporary error (451). */
  const refuseTimes = new Map<string, number>();
  /** Recipients the server always refuses (550). */
  const bounce = new Set<string>();
  let clock = new Date('2020-08-29T06:01:00Z');

  /** One e-mail run as the server does it: a job on the queue, claimed and run by the job worker. */
  async function run(at: Date) {
    clock = at;
    expect(await requestEmailDispatch(db.db)).toBe(true);
    expect(await worker.runOnce()).toBe(true);
  }

  async function notifyAt(userId: number, kind: string, createdAt: Date, ko: string, en: string, link = '/cycles/2020') {
    const [row] = await db.db
      .insert(notifications)
      .values({ userId, kind, payload: { message: { ko, en }, link }, createdAt })
      .returning({ id: notifications.id });
    return row!.id;
  }

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const to = address.address;
        if (bounce.has(to)) return callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
        const left = refuseTimes.get(to) ?? 0;
        if (left > 0) {
          refuseTimes.set(to, left - 1);
          return callback(Object.assign(new Error('4.3.0 try again later'), { responseCode: 451 }));
        }
        return callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          received.push(
            parseMail(
              Buffer.concat(chunks).toString('utf8'),
              session.envelope.rcptTo.map((r) => r.address),
              from,
            ),
          );
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    settings = {
      mailer: await smtpMailer({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }),
      from: '희망일자리 평가 <noreply@hopejobs.example>',
      publicUrl: 'https://jobs.example.go.kr',
      maxAttempts: 3,
      retryBaseMs: MINUTE,
    };
    worker = new JobWorker(db.db, { [EMAIL_JOB_KIND]: emailDispatchJobHandler(db.db, systemPrincipal, settings, () => clock) as never });
    app = await testApp(db);
    officer = await signIn(app, 'officer.11215', PASSWORD);
    approver = await signIn(app, 'approver.11215', PASSWORD);
    admin = await signIn(app, 'admin', PASSWORD);
    for (const u of await db.db
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(inArray(users.username, ['officer.11215', 'approver.11215', 'admin']))) {
      ids[u.username] = u.id;
    }
  }, 120_000);
  afterAll(async () => {
    settings?.mailer.close();
    await app?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await db?.destroy();
  });

  it('keeps each user to their own settings: address, language and a mode per kind', async () => {
    const before = (await officer.request('GET', '/api/v1/me/email-settings')).json();
    expect(before).toMatchObject({ email: null, language: 'ko', delivery: false });
    expect(before.preferences).toContainEqual({ kind: 'deadline_near', mode: 'immediate' });
    expect(before.preferences).toContainEqual({ kind: 'submission_approved', mode: 'digest' });
    const saved = await officer.request('PUT', '/api/v1/me/email-settings', {
      email: 'officer@gu.example.kr',
      language: 'ko',
      preferences: [{ kind: 'objection_decided', mode: 'immediate' }],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().preferences).toContainEqual({ kind: 'objection_decided', mode: 'immediate' });
    expect((await officer.request('GET', '/api/v1/me/email-settings')).json()).toMatchObject({ email: 'officer@gu.example.kr' });
    // The approver's settings are theirs: untouched by the officer's.
    expect((await approver.request('GET', '/api/v1/me/email-settings')).json()).toMatchObject({ email: null });
    const bad = await officer.request('PUT', '/api/v1/me/email-settings', { email: 'not an address', language: 'ko', preferences: [] });
    expect(bad.statusCode).toBe(400);
    expect((await approver.request('PUT', '/api/v1/me/email-settings', { email: 'approver@gu.example.kr', language: 'en', preferences: [] })).statusCode).toBe(
      200,
    );
    expect((await app.inject({ method: 'GET', url: '/api/v1/me/email-settings' })).statusCode).toBe(401);
  });

  it('mails a notification at once in Korean, with the right particles and the time in Seoul, and in English by preference', async () => {
    const at = new Date('2020-08-29T06:00:00Z'); // 15:00 in Seoul
    await notifyAt(
      ids['officer.11215']!,
      'deadline_near',
      at,
      "2020년 평가 '자료 제출' 단계 마감이 다가옵니다",
      '2020 evaluation: data collection closes soon',
    );
    await notifyAt(ids['officer.11215']!, 'objection_decided', at, '이의신청이 결정되었습니다', 'Your objection was decided');
    await notifyAt(
      ids['approver.11215']!,
      'deadline_near',
      at,
      "2020년 평가 '자료 제출' 단계 마감이 다가옵니다",
      '2020 evaluation: data collection closes soon',
    );
    // Wanted in the digest, not at once.
    await notifyAt(ids['officer.11215']!, 'submission_approved', at, '승인되었습니다', 'Approved');
    await run(new Date('2020-08-29T06:01:00Z'));

    expect(received).toHaveLength(3);
    const [deadline, decided] = received.filter((m) => m.to[0] === 'officer@gu.example.kr');
    expect(deadline!.from).toBe('noreply@hopejobs.example');
    expect(deadline!.subject).toBe("[희망일자리 평가] 마감 안내: 2020년 평가 '자료 제출' 단계 마감이 다가옵니다");
    expect(deadline!.text.startsWith('광진구 일자리 담당자 (데모)님, ')).toBe(true);
    expect(deadline!.text).toContain("새 알림 '마감 안내'가 도착했습니다.");
    expect(deadline!.text).toContain('알림 시각: 2020년 8월 29일 15:00 (한국 시간)');
    expect(deadline!.text).toContain('바로 가기: https://jobs.example.go.kr/cycles/2020');
    expect(deadline!.html).toContain('<html lang="ko">');
    expect(deadline!.html).toContain('href="https://jobs.example.go.kr/cycles/2020"');
    expect(decided!.text).toContain("새 알림 '이의신청 결정'이 도착했습니다.");
    const english = received.find((m) => m.to[0] === 'approver@gu.example.kr')!;
    expect(english.subject).toBe('[HopeJobs evaluation] Deadline: 2020 evaluation: data collection closes soon');
    expect(english.text).toContain('you have a new notification: Deadline.');
    expect(english.text).toContain('Sent: 29 August 2020, 15:00 KST');
    expect(english.html).toContain('<html lang="en">');

    const sent = await db.db.select().from(emailMessages).orderBy(asc(emailMessages.id));
    expect(sent.map((m) => [m.kind, m.status, m.attempts])).toEqual([
      ['immediate', 'sent', 1],
      ['immediate', 'sent', 1],
      ['immediate', 'sent', 1],
    ]);
    // A second run mails nothing again.
    await run(new Date('2020-08-29T06:02:00Z'));
    expect(received).toHaveLength(3);
  });

  it('retries with a growing wait after the server refuses, recording each attempt', async () => {
    refuseTimes.set('officer@gu.example.kr', 2);
    const id = await notifyAt(ids['officer.11215']!, 'item_returned', new Date('2020-08-29T07:00:00Z'), 'J2 항목이 반려되었습니다', 'J2 was returned');
    const t0 = new Date('2020-08-29T07:01:00Z');
    await run(t0);
    const [mail] = await db.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.notificationIds, [id]));
    expect(mail).toMatchObject({ status: 'pending', attempts: 1 });
    expect(mail!.nextAttemptAt.getTime()).toBe(t0.getTime() + MINUTE);
    // Not before its time.
    await run(new Date(t0.getTime() + 30_000));
    expect((await db.db.select().from(emailAttempts).where(eq(emailAttempts.emailMessageId, mail!.id))).length).toBe(1);
    await run(new Date(t0.getTime() + MINUTE));
    const [again] = await db.db.select().from(emailMessages).where(eq(emailMessages.id, mail!.id));
    // The second wait is twice the first.
    expect(again!.nextAttemptAt.getTime()).toBe(t0.getTime() + MINUTE + 2 * MINUTE);
    await run(new Date(t0.getTime() + 3 * MINUTE));

    const attempts = await db.db.select().from(emailAttempts).where(eq(emailAttempts.emailMessageId, mail!.id)).orderBy(asc(emailAttempts.attemptNo));
    expect(attempts.map((a) => [a.attemptNo, a.ok])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(attempts[0]!.result).toContain('451');
    expect(attempts.map((a) => a.attemptedAt.getTime())).toEqual([t0.getTime(), t0.getTime() + MINUTE, t0.getTime() + 3 * MINUTE]);
    expect((await db.db.select().from(emailMessages).where(eq(emailMessages.id, mail!.id)))[0]).toMatchObject({ status: 'sent', attempts: 3 });
    expect(received.filter((m) => m.subject.includes('J2 항목이 반려되었습니다'))).toHaveLength(1);
  });

  it('gives up on an address the server always refuses, and the notification stays in the inbox', async () => {
    bounce.add('nobody@city.example.kr');
    expect((await admin.request('PUT', '/api/v1/me/email-settings', { email: 'nobody@city.example.kr', language: 'ko', preferences: [] })).statusCode).toBe(
      200,
    );
    const id = await notifyAt(ids['admin']!, 'adjustment_pending', new Date('2020-08-29T08:00:00Z'), '가점 확인 요청', 'Bonus to confirm');
    const t0 = new Date('2020-08-29T08:01:00Z');
    for (const after of [0, 1, 3, 7]) await run(new Date(t0.getTime() + after * MINUTE));
    const [mail] = await db.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.notificationIds, [id]));
    expect(mail).toMatchObject({ status: 'failed', attempts: 3, sentAt: null });
    const attempts = await db.db.select().from(emailAttempts).where(eq(emailAttempts.emailMessageId, mail!.id));
    expect(attempts.map((a) => a.ok)).toEqual([false, false, false]);
    expect(attempts.every((a) => a.result.includes('550'))).toBe(true);
    const inbox = (await admin.request('GET', '/api/v1/notifications')).json();
    expect(inbox.notifications.find((n: { id: number }) => n.id === id)).toMatchObject({ kind: 'adjustment_pending', readAt: null });
    expect(received.some((m) => m.to.includes('nobody@city.example.kr'))).toBe(false);
  });

  it("collects a Seoul day's digest kinds in one e-mail with one-click unsubscribe, and honours only a signed link", async () => {
    const officerId = ids['officer.11215']!;
    await notifyAt(officerId, 'submission_approved', new Date('2020-08-28T01:00:00Z'), 'J2 항목이 승인되었습니다', 'J2 was approved'); // 10:00 on the 28th in Seoul
    await notifyAt(officerId, 'objection_replied', new Date('2020-08-28T14:30:00Z'), '이의신청에 답변이 왔습니다', 'Your objection was answered'); // 23:30 on the 28th
    await notifyAt(officerId, 'submission_approved', new Date('2020-08-28T15:30:00Z'), 'J10 항목이 승인되었습니다', 'J10 was approved'); // 00:30 on the 29th
    const before = received.length;
    await run(new Date('2020-08-29T09:00:00Z'));
    const digests = received.slice(before).filter((m) => m.subject.includes('알림'));
    expect(digests).toHaveLength(1);
    const digest = digests[0]!;
    expect(digest.to).toEqual(['officer@gu.example.kr']);
    expect(digest.subject).toBe('[희망일자리 평가] 2020년 8월 28일 (금) 알림 2건');
    expect(digest.text).toContain('2020년 8월 28일 (금)(한국 시간)에 온 알림 2건을 모았습니다.');
    expect(digest.text).toContain('- [10:00] 승인: J2 항목이 승인되었습니다');
    expect(digest.text).toContain('- [23:30] 이의신청 답변: 이의신청에 답변이 왔습니다');
    expect(digest.text).not.toContain('J10');
    expect(digest.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(https:\/\/jobs\.example\.go\.kr\/api\/v1\/email\/unsubscribe\?token=([^>]+))>$/.exec(digest.headers.get('list-unsubscribe') ?? '');
    expect(link).not.toBeNull();
    const token = decodeURIComponent(link![2]!);
    expect(digest.text).toContain(`https://jobs.example.go.kr/email/unsubscribe?token=${token}`);

    // One digest per day: the next run sends none.
    await run(new Date('2020-08-29T10:00:00Z'));
    expect(received.filter((m) => m.subject.includes('2020년 8월 28일'))).toHaveLength(1);

    // Tampered, foreign or overlong tokens: one answer, nothing changes.
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const otherUser = token.replace(/^\d+/, String(ids['approver.11215']));
    const unknownUser = token.replace(/^\d+/, '999999');
    const refusals = [];
    for (const t of [tampered, otherUser, unknownUser]) {
      const res = await app.inject({ method: 'POST', url: `/api/v1/email/unsubscribe?token=${encodeURIComponent(t)}` });
      expect(res.statusCode).toBe(400);
      refusals.push(res.json().detail);
    }
    expect(new Set(refusals).size).toBe(1);
    expect((await app.inject({ method: 'POST', url: `/api/v1/email/unsubscribe?token=${'a'.repeat(500)}` })).statusCode).toBe(400);
    expect((await officer.request('GET', '/api/v1/me/email-settings')).json().preferences).toContainEqual({ kind: 'submission_approved', mode: 'digest' });

    // The mail client's one-click POST (RFC 8058), without a session.
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/email/unsubscribe?token=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ unsubscribed: true });
    const prefs = (await officer.request('GET', '/api/v1/me/email-settings')).json().preferences as Array<{ kind: string; mode: string }>;
    expect(prefs).toContainEqual({ kind: 'submission_approved', mode: 'off' });
    expect(prefs).toContainEqual({ kind: 'objection_replied', mode: 'off' });
    // What was mailed at once stays so.
    expect(prefs).toContainEqual({ kind: 'deadline_near', mode: 'immediate' });
    expect(prefs.some((p) => p.mode === 'digest')).toBe(false);
  });
});

describe('e-mail configuration', () => {
  it('sends nothing without an SMTP server, and wants a sender with one', () => {
    const base = { HOPEJOBS_DATA_DIR: '.tmp/unused' };
    expect(smtpOptions(loadConfig(base))).toBeNull();
    expect(() => loadConfig({ ...base, SMTP_HOST: 'smtp.example.go.kr' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ ...base, SMTP_URL: 'http://smtp.example.go.kr', MAIL_FROM: 'a@b.kr' })).toThrow(/SMTP_URL/);
    const parts = loadConfig({ ...base, SMTP_HOST: 'smtp.example.go.kr', SMTP_PORT: '465', SMTP_USER: 'u', SMTP_PASS: 'p', MAIL_FROM: '희망일자리 <a@b.kr>' });
    expect(smtpOptions(parts)).toEqual({ host: 'smtp.example.go.kr', port: 465, secure: true, auth: { user: 'u', pass: 'p' } });
    const url = 'smtp://u:p@smtp.example.go.kr:587';
    expect(smtpOptions(loadConfig({ ...base, SMTP_URL: url, MAIL_FROM: 'a@b.kr' }))).toBe(url);
    // A wrong password is never echoed in the error.
    expect(() => loadConfig({ ...base, SMTP_HOST: 'h', SMTP_PORT: 'x', SMTP_PASS: 'secret-pass', MAIL_FROM: 'a@b.kr' })).not.toThrow(/secret-pass/);
  });
});
