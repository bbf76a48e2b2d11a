import { bigint, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * A user's TOTP second factor (src/domain/totp.ts). `secret` is the shared key, AES-256-GCM encrypted when the
 * installation has HOPEJOBS_TOTP_KEY (`enc:v1:…`), as is otherwise (`plain:…`); it is never sent to anyone after the
 * enrolment is confirmed. `confirmed_at` null: an enrolment begun but not yet confirmed with a code.
 * `last_used_step`: the 30-second step of the last code accepted, so a code (or one of an earlier step) is refused.
 */
export const userTotp = pgTable('user_totp', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secret: text('secret').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Single-use recovery codes of a confirmed TOTP enrolment, kept as SHA-256 (of the user id and the code). */
export const totpRecoveryCodes = pgTable(
  'totp_recovery_codes',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('totp_recovery_codes_user_idx').on(t.userId)],
);
