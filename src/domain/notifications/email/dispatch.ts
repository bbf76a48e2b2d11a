import type { NotificationKind } from '../../../contract/values.js';
import { notificationKinds } from '../../../contract/values.js';
import type { Db } from '../../../db/client.js';
import {
  claimDueEmail,
  emailRecipients,
  insertEmailMessage,
  jobPending,
  lockEmailQueueing,
  markEmailFailed,
  markEmailSent,
  markNotificationsEmailed,
  notificationsForDigest,
  notificationsNotEmailed,
  recordEmailAttempt,
  rescheduleEmail,
  type EmailRecipientRow,
  type MailableNotificationRow,
} from '../../../db/repositories/email.js';
import type { DbOrTx } from '../../../db/tx.js';
import type { Lang } from '../../../message.js';
import type { Principal } from '../../auth.js';
import { isSystem } from '../../authz.js';
import { forbidden } from '../../errors.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { JobHandler } from '../../jobs/worker.js';
import { seoulDay } from '../deadline-reminders.js';
import type { NotificationPayload } from '../notify.js';
import type { MailSettings } from './mailer.js';
import { effectiveModes, type EmailMode } from './settings.js';
import { renderDigest, renderImmediate, type MailNotification } from './templates.js';
import { unsubscribeToken } from './unsubscribe.js';

/** The job kind that queues and sends e-mail; the server enqueues one periodically while e-mail is configured. */
export const EMAIL_JOB_KIND = 'email.dispatch';

/** A notification older than this that was never mailed at once is left to the inbox (no late e-mail). */
const IMMEDIATE_WINDOW_MS = 2 * 86_400_000;
/** How long a claimed e-mail is someone's before another worker may try it (a crashed sender). */
const SEND_LEASE_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

export interface DispatchResult {
  /** E-mails queued in this run: one per notification mailed at once, one per digest. */
  queued: number;
  sent: number;
  /** Attempts that failed and will be tried again later. */
  retrying: number;
  /** E-mails given up after the last attempt (their notifications stay in the inbox). */
  failed: number;
}

const mailNotification = (n: MailableNotificationRow): MailNotification => {
  const payload = n.payload as NotificationPayload;
  return { kind: n.kind as NotificationKind, message: payload.message, link: typeof payload.link === 'string' ? payload.link : null, createdAt: n.createdAt };
};

const langOf = (r: EmailRecipientRow): Lang => (r.language === 'en' ? 'en' : 'ko');

/** Queues one e-mail per new notification its person wants at once, and yesterday's (Seoul) digest for each person. */
async function queueEmails(db: Db, settings: MailSettings, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    await lockEmailQueueing(tx);
    let queued = 0;
    const modesOf = new Map<number, Record<NotificationKind, EmailMode>>();
    const modes = async (tx: DbOrTx, userId: number) => {
      let m = modesOf.get(userId);
      if (!m) modesOf.set(userId, (m = await effectiveModes(tx, userId)));
      return m;
    };

    const fresh = await notificationsNotEmailed(tx, new Date(now.getTime() - IMMEDIATE_WINDOW_MS), 500);
    const people = new Map((await emailRecipients(tx, [...new Set(fresh.map((n) => n.userId!))])).map((r) => [r.userId, r]));
    for (const n of fresh) {
      const person = people.get(n.userId!);
      if (!person?.email || person.disabled) continue;
      if ((await modes(tx, person.userId))[n.kind as NotificationKind] !== 'immediate') continue;
      const mail = renderImmediate({ lang: langOf(person), displayName: person.displayName, notification: mailNotification(n), publicUrl: settings.publicUrl });
      await insertEmailMessage(tx, {
        userId: person.userId,
        kind: 'immediate',
        notificationIds: [n.id],
        toAddress: person.email,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html,
        nextAttemptAt: now,
      });
      await markNotificationsEmailed(tx, [n.id]);
      queued += 1;
    }

    // The digest of the Seoul day that ended last: one e-mail per person, at most once (unique per user and day).
    const day = seoulDay(new Date(now.getTime() - DAY_MS));
    const from = new Date(`${day}T00:00:00+09:00`);
    const to = new Date(from.getTime() + DAY_MS);
    for (const person of await emailRecipients(tx)) {
      if (!person.email || person.disabled) continue;
      const m = await modes(tx, person.userId);
      const kinds = notificationKinds.filter((k) => m[k] === 'digest');
      const rows = await notificationsForDigest(tx, person.userId, kinds, from, to);
      if (rows.length === 0) continue;
      const token = await unsubscribeToken(tx, person.userId);
      const mail = renderDigest({
        lang: langOf(person),
        displayName: person.displayName,
        day,
        notifications: rows.map(mailNotification),
        publicUrl: settings.publicUrl,
        unsubscribeUrl: `${settings.publicUrl}/email/unsubscribe?token=${token}`,
      });
      const id = await insertEmailMessage(tx, {
        userId: person.userId,
        kind: 'digest',
        digestDay: day,
        notificationIds: rows.map((r) => r.id),
        toAddress: person.email,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html,
        // RFC 8058: mail clients offer "unsubscribe" and POST "List-Unsubscribe=One-Click" to this address.
        headers: {
          'List-Unsubscribe': `<${settings.publicUrl}/api/v1/email/unsubscribe?token=${token}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
        nextAttemptAt: now,
      });
      if (id === null) continue;
      await markNotificationsEmailed(
        tx,
        rows.map((r) => r.id),
      );
      queued += 1;
    }
    return queued;
  });
}

function describeSendError(err: unknown): string {
  const e = err as { response?: unknown; message?: unknown };
  if (typeof e?.response === 'string' && e.response) return e.response;
  return err instanceof Error ? err.message : String(err);
}

/**
 * Sends every pending e-mail whose time has come. Each attempt is recorded with the server's answer; a refused
 * e-mail is tried again after `retryBaseMs`, then twice as long each time, until `maxAttempts`, then given up.
 */
async function sendDue(db: Db, settings: MailSettings, now: Date): Promise<Omit<DispatchResult, 'queued'>> {
  const out = { sent: 0, retrying: 0, failed: 0 };
  for (let i = 0; i < 200; i += 1) {
    const mail = await claimDueEmail(db, now, SEND_LEASE_MS);
    if (!mail) break;
    const attempt = mail.attempts;
    try {
      const info = await settings.mailer.send({
        from: settings.from,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
        headers: mail.headers,
      });
      await db.transaction(async (tx) => {
        await recordEmailAttempt(tx, mail.id, attempt, now, true, info.response || 'sent');
        await markEmailSent(tx, mail.id, now, info.messageId);
      });
      out.sent += 1;
    } catch (err) {
      await db.transaction(async (tx) => {
        await recordEmailAttempt(tx, mail.id, attempt, now, false, describeSendError(err));
        if (attempt >= settings.maxAttempts) {
          await markEmailFailed(tx, mail.id);
          out.failed += 1;
        } else {
          await rescheduleEmail(tx, mail.id, new Date(now.getTime() + settings.retryBaseMs * 2 ** (attempt - 1)));
          out.retrying += 1;
        }
      });
    }
  }
  return out;
}

/**
 * One e-mail run, as the system: queues what is due (e-mails at once, yesterday's digests) and sends what waits.
 * The notifications themselves are never touched beyond their `emailed` mark, so the inbox keeps them whatever the
 * SMTP server says.
 */
export async function dispatchEmail(db: Db, principal: Principal | null, settings: MailSettings, now = new Date()): Promise<DispatchResult> {
  if (!isSystem(principal)) throw forbidden();
  const queued = await queueEmails(db, settings, now);
  return { queued, ...(await sendDue(db, settings, now)) };
}

/** The job worker's handler for {@link EMAIL_JOB_KIND}. `clock` lets tests move time forward. */
export function emailDispatchJobHandler(db: Db, principal: Principal, settings: MailSettings, clock: () => Date = () => new Date()): JobHandler {
  return async () => dispatchEmail(db, principal, settings, clock());
}

/** Enqueues an e-mail run unless one already waits or runs (the periodic trigger of every app server). */
export async function requestEmailDispatch(db: DbOrTx): Promise<boolean> {
  if (await jobPending(db, EMAIL_JOB_KIND)) return false;
  await enqueueJob(db, EMAIL_JOB_KIND, {});
  return true;
}
