import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * A user's e-mail settings: the address notifications go to (none: nothing is mailed) and the language of the
 * e-mails ('ko' or 'en'). Absent row = no address, Korean.
 */
export const userEmailSettings = pgTable(
  'user_email_settings',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email'),
    language: text('language').notNull().default('ko'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('user_email_settings_language_check', sql`${t.language} in ('ko', 'en')`)],
);

/** How a user wants one kind of notification by e-mail: at once, in the daily digest, or not. Absent row = the kind's default. */
export const notificationEmailPreferences = pgTable(
  'notification_email_preferences',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    mode: text('mode').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] }), check('notification_email_preferences_mode_check', sql`${t.mode} in ('immediate', 'digest', 'off')`)],
);

/**
 * One e-mail to send (an outbox): one notification at once, or a user's daily digest of a Seoul day. The job worker
 * sends the pending ones whose `next_attempt_at` has come, and after a failure waits longer (backoff) until
 * `max attempts`; the notifications it carries stay in the inbox whatever happens to the e-mail.
 */
export const emailMessages = pgTable(
  'email_messages',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'immediate' or 'digest'. */
    kind: text('kind').notNull(),
    /** The Seoul day a digest collects (YYYY-MM-DD); null for an immediate e-mail. */
    digestDay: text('digest_day'),
    notificationIds: jsonb('notification_ids').$type<number[]>().notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    /** 'pending', 'sent' or 'failed' (gave up). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** The SMTP server's Message-ID once sent. */
    messageId: text('message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('email_messages_due_idx').on(t.status, t.nextAttemptAt),
    unique('email_messages_digest_unique').on(t.userId, t.digestDay),
    check('email_messages_status_check', sql`${t.status} in ('pending', 'sent', 'failed')`),
    check('email_messages_kind_check', sql`${t.kind} in ('immediate', 'digest')`),
  ],
);

/** Every attempt to hand an e-mail to the SMTP server, with its outcome. */
export const emailAttempts = pgTable(
  'email_attempts',
  {
    id: serial('id').primaryKey(),
    emailMessageId: integer('email_message_id')
      .notNull()
      .references(() => emailMessages.id, { onDelete: 'cascade' }),
    attemptNo: integer('attempt_no').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
    ok: boolean('ok').notNull(),
    /** The SMTP server's answer (e.g. "250 OK: queued") or the error text. */
    result: text('result').notNull(),
  },
  (t) => [unique('email_attempts_unique').on(t.emailMessageId, t.attemptNo)],
);

/** The installation's key for signing unsubscribe links (one row, made on first use). */
export const emailSigningKeys = pgTable('email_signing_keys', {
  id: integer('id').primaryKey(),
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
