import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray, isNotNull, lt, lte, sql } from 'drizzle-orm';
import { emailAttempts, emailMessages, emailSigningKeys, jobs, notificationEmailPreferences, notifications, userEmailSettings, users } from '../schema.js';
import type { DbOrTx } from '../tx.js';

/** The SQL of e-mail notifications (src/domain/notifications/email): settings, preferences, the outbox and its attempts. */
export type EmailMessageRow = typeof emailMessages.$inferSelect;
export type NewEmailMessageRow = typeof emailMessages.$inferInsert;
export type EmailAttemptRow = typeof emailAttempts.$inferSelect;
export type EmailPreferenceRow = typeof notificationEmailPreferences.$inferSelect;

export interface EmailRecipientRow {
  userId: number;
  displayName: string;
  email: string | null;
  language: string;
  disabled: boolean;
}

export async function emailSettingsOf(db: DbOrTx, userId: number): Promise<{ email: string | null; language: string } | null> {
  const [row] = await db
    .select({ email: userEmailSettings.email, language: userEmailSettings.language })
    .from(userEmailSettings)
    .where(eq(userEmailSettings.userId, userId));
  return row ?? null;
}

export async function saveEmailSettings(db: DbOrTx, userId: number, email: string | null, language: string, at: Date): Promise<void> {
  await db
    .insert(userEmailSettings)
    .values({ userId, email, language, updatedAt: at })
    .onConflictDoUpdate({ target: userEmailSettings.userId, set: { email, language, updatedAt: at } });
}

export async function emailPreferencesOf(db: DbOrTx, userId: number): Promise<EmailPreferenceRow[]> {
  return db.select().from(notificationEmailPreferences).where(eq(notificationEmailPreferences.userId, userId));
}

/** Writes the user's mode for each given kind (the others keep theirs). */
export async function saveEmailPreferences(db: DbOrTx, userId: number, prefs: ReadonlyArray<{ kind: string; mode: string }>): Promise<void> {
  if (prefs.length === 0) return;
  await db
    .insert(notificationEmailPreferences)
    .values(prefs.map((p) => ({ userId, kind: p.kind, mode: p.mode })))
    .onConflictDoUpdate({
      target: [notificationEmailPreferences.userId, notificationEmailPreferences.kind],
      set: { mode: sql`excluded.mode` },
    });
}

/** The people who may receive e-mail: users with an address, with their name and language. */
export async function emailRecipients(db: DbOrTx, userIds?: readonly number[]): Promise<EmailRecipientRow[]> {
  if (userIds && userIds.length === 0) return [];
  return db
    .select({
      userId: users.id,
      displayName: users.displayName,
      email: userEmailSettings.email,
      language: userEmailSettings.language,
      disabled: sql<boolean>`${users.disabledAt} IS NOT NULL`,
    })
    .from(userEmailSettings)
    .innerJoin(users, eq(users.id, userEmailSettings.userId))
    .where(and(isNotNull(userEmailSettings.email), userIds ? inArray(users.id, [...userIds]) : undefined))
    .orderBy(asc(users.id));
}

export type MailableNotificationRow = Pick<typeof notifications.$inferSelect, 'id' | 'userId' | 'kind' | 'payload' | 'createdAt'>;

const mailable = {
  id: notifications.id,
  userId: notifications.userId,
  kind: notifications.kind,
  payload: notifications.payload,
  createdAt: notifications.createdAt,
};

/** Notifications addressed to one person, not yet e-mailed, made since `since`, oldest first. */
export async function notificationsNotEmailed(db: DbOrTx, since: Date, limit: number): Promise<MailableNotificationRow[]> {
  return db
    .select(mailable)
    .from(notifications)
    .where(and(eq(notifications.emailed, false), isNotNull(notifications.userId), gte(notifications.createdAt, since)))
    .orderBy(asc(notifications.id))
    .limit(limit);
}

/** A user's own notifications of the given kinds made in [from, to), not yet e-mailed, oldest first. */
export async function notificationsForDigest(db: DbOrTx, userId: number, kinds: readonly string[], from: Date, to: Date): Promise<MailableNotificationRow[]> {
  if (kinds.length === 0) return [];
  return db
    .select(mailable)
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        inArray(notifications.kind, [...kinds]),
        eq(notifications.emailed, false),
        gte(notifications.createdAt, from),
        lt(notifications.createdAt, to),
      ),
    )
    .orderBy(asc(notifications.id));
}

export async function markNotificationsEmailed(db: DbOrTx, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(notifications)
    .set({ emailed: true })
    .where(inArray(notifications.id, [...ids]));
}

/** Queues an e-mail; a second digest for the same user and day is ignored (returns null). */
export async function insertEmailMessage(db: DbOrTx, row: NewEmailMessageRow): Promise<number | null> {
  const [inserted] = await db.insert(emailMessages).values(row).onConflictDoNothing().returning({ id: emailMessages.id });
  return inserted?.id ?? null;
}

/**
 * Claims the oldest pending e-mail whose time has come: counts the attempt and moves its next time `leaseMs` ahead, so
 * another worker does not send it meanwhile (and a crashed worker's attempt is retried after the lease).
 */
export async function claimDueEmail(db: DbOrTx, now: Date, leaseMs: number): Promise<EmailMessageRow | null> {
  const next = db
    .select({ id: emailMessages.id })
    .from(emailMessages)
    .where(and(eq(emailMessages.status, 'pending'), lte(emailMessages.nextAttemptAt, now)))
    .orderBy(asc(emailMessages.nextAttemptAt), asc(emailMessages.id))
    .limit(1)
    .for('update', { skipLocked: true });
  const [row] = await db
    .update(emailMessages)
    .set({ attempts: sql`${emailMessages.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + leaseMs) })
    .where(eq(emailMessages.id, sql`(${next})`))
    .returning();
  return row ?? null;
}

export async function recordEmailAttempt(db: DbOrTx, emailMessageId: number, attemptNo: number, at: Date, ok: boolean, result: string): Promise<void> {
  await db.insert(emailAttempts).values({ emailMessageId, attemptNo, attemptedAt: at, ok, result: result.slice(0, 2000) });
}

export async function markEmailSent(db: DbOrTx, id: number, at: Date, messageId: string | null): Promise<void> {
  await db.update(emailMessages).set({ status: 'sent', sentAt: at, messageId }).where(eq(emailMessages.id, id));
}

export async function rescheduleEmail(db: DbOrTx, id: number, nextAttemptAt: Date): Promise<void> {
  await db.update(emailMessages).set({ nextAttemptAt }).where(eq(emailMessages.id, id));
}

export async function markEmailFailed(db: DbOrTx, id: number): Promise<void> {
  await db.update(emailMessages).set({ status: 'failed' }).where(eq(emailMessages.id, id));
}

export async function emailMessagesOf(db: DbOrTx, userId: number): Promise<EmailMessageRow[]> {
  return db.select().from(emailMessages).where(eq(emailMessages.userId, userId)).orderBy(asc(emailMessages.id));
}

export async function emailAttemptsOf(db: DbOrTx, emailMessageId: number): Promise<EmailAttemptRow[]> {
  return db.select().from(emailAttempts).where(eq(emailAttempts.emailMessageId, emailMessageId)).orderBy(asc(emailAttempts.attemptNo));
}

/** The installation's unsubscribe-link key, made on first use (every app server reads the same one). */
export async function emailSigningKey(db: DbOrTx): Promise<string> {
  await db
    .insert(emailSigningKeys)
    .values({ id: 1, secret: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select({ secret: emailSigningKeys.secret }).from(emailSigningKeys).where(eq(emailSigningKeys.id, 1));
  if (!row) throw new Error('email signing key missing');
  return row.secret;
}

export async function userExists(db: DbOrTx, userId: number): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
  return rows.length > 0;
}

/** True when a job of `kind` waits or runs (so a periodic trigger does not pile jobs up). */
export async function jobPending(db: DbOrTx, kind: string): Promise<boolean> {
  const rows = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.kind, kind), inArray(jobs.status, ['queued', 'running'])))
    .limit(1);
  return rows.length > 0;
}

/** Serialises the queueing step of e-mail dispatch runs until the transaction ends. */
export async function lockEmailQueueing(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7302, 2)`);
}
