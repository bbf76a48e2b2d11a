import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Failed password checks per (name as typed, client address), shared by every app server: the progressive sign-in
 * delay of src/domain/sign-in-protection.ts. Kept for every name, whether an account has it or not, so the answers
 * never tell which names exist. `address` is the throttle's address key (IPv4, or the IPv6 /64).
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    name: text('name').notNull(),
    address: text('address').notNull(),
    /** Counted attempts since the last quiet period; an attempt is counted before its password is checked. */
    failures: integer('failures').notNull().default(0),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull().defaultNow(),
    /** No attempt before this time: the wait the last failure imposed (set when the attempt is counted). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.name, t.address] }), index('sign_in_failures_last_idx').on(t.lastFailureAt)],
);
