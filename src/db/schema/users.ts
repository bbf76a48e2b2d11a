import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { orgUnits } from './org-units.js';
import type { Role } from '../../contract/values.js';

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    // No longer written or read: failed sign-ins are counted per name and address in sign_in_failures. The columns
    // stay so that backups made before that restore as they are.
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Set by a city admin: the account cannot sign in and its sessions are over; kept for the audit trail. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** A password someone else saw (a new account, a reset): the user must choose their own before anything else. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    /** Single sign-on: the identity provider (its issuer) and its stable subject for this person, set on the first SSO sign-in. */
    externalIssuer: text('external_issuer'),
    externalSubject: text('external_subject'),
  },
  (t) => [
    unique('users_external_identity_unique').on(t.externalIssuer, t.externalSubject),
    check('users_external_identity_check', sql`(${t.externalIssuer} is null) = (${t.externalSubject} is null)`),
  ],
);

export { roles, type Role } from '../../contract/values.js';

/** A user holds a role, scoped to an org unit for the district roles (and for a reviewer's conflicts of interest). */
export const roleMemberships = pgTable(
  'role_memberships',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<Role>().notNull(),
    orgUnitId: integer('org_unit_id').references(() => orgUnits.id),
  },
  (t) => [
    unique('role_memberships_unique').on(t.userId, t.role, t.orgUnitId).nullsNotDistinct(),
    check('role_memberships_role_check', sql`${t.role} in ('city_admin', 'district_officer', 'district_approver', 'reviewer', 'auditor')`),
    check('role_memberships_scope_check', sql`${t.role} not in ('district_officer', 'district_approver') or ${t.orgUnitId} is not null`),
    index('role_memberships_user_idx').on(t.userId),
  ],
);

/** Server-side sessions: the cookie carries a random token, the table keeps only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** When this session passed the second factor (TOTP or a recovery code); null: not (yet) passed. */
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),

    /** The issuer when the session was opened by single sign-on (sign-out then ends the session there too), null for a password. */
    identityProvider: text('identity_provider'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);
