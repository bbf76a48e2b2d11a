import { and, asc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { orgUnits, roleMemberships, users, type Role } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export { roles, type Role } from '../schema.js';

export interface Membership {
  role: Role;
  orgUnitCode: string | null;
}

export async function findUserByUsername(db: DbOrTx, username: string) {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return row ?? null;
}

/** The account linked to this identity at this identity provider (single sign-on), if any. */
export async function findUserByExternalIdentity(db: DbOrTx, issuer: string, subject: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.externalIssuer, issuer), eq(users.externalSubject, subject)))
    .limit(1);
  return row ?? null;
}

/** Links an account to an identity at an identity provider; false when it is linked to another one already (or the identity to another account). */
export async function linkExternalIdentity(db: DbOrTx, userId: number, issuer: string, subject: string): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ externalIssuer: issuer, externalSubject: subject, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, userId), isNull(users.externalIssuer)))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** A new account known only through single sign-on (its password hash is of a random secret nobody knows). */
export async function insertExternalUser(
  db: DbOrTx,
  input: { username: string; displayName: string; passwordHash: string; externalIssuer: string; externalSubject: string },
): Promise<number | null> {
  const [row] = await db.insert(users).values(input).onConflictDoNothing().returning({ id: users.id });
  return row?.id ?? null;
}

export async function findUserById(db: DbOrTx, id: number) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function membershipsOf(db: DbOrTx, userId: number): Promise<Membership[]> {
  const rows = await db
    .select({ role: roleMemberships.role, orgUnitCode: orgUnits.code })
    .from(roleMemberships)
    .leftJoin(orgUnits, eq(orgUnits.id, roleMemberships.orgUnitId))
    .where(eq(roleMemberships.userId, userId))
    .orderBy(roleMemberships.role, orgUnits.code);
  return rows.map((r) => ({ role: r.role, orgUnitCode: r.orgUnitCode ?? null }));
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  isDemo?: boolean;
}

/** Creates the user, or replaces the password/display name of an existing one with that username. */
export async function upsertUser(db: DbOrTx, input: NewUser): Promise<number> {
  const [row] = await db
    .insert(users)
    .values({ ...input, isDemo: input.isDemo ?? false })
    .onConflictDoUpdate({
      target: users.username,
      set: {
        displayName: input.displayName,
        passwordHash: input.passwordHash,
        isDemo: input.isDemo ?? false,
        version: sql`${users.version} + 1`,
      },
    })
    .returning({ id: users.id });
  if (!row) throw new Error(`upsert of user ${input.username} returned nothing`);
  return row.id;
}

export async function grantRole(db: DbOrTx, userId: number, role: Role, orgUnitId: number | null): Promise<void> {
  await db.insert(roleMemberships).values({ userId, role, orgUnitId }).onConflictDoNothing();
}

export async function recordSignIn(db: DbOrTx, userId: number) {
  await db
    .update(users)
    .set({ lastSignInAt: sql`now()` })
    .where(eq(users.id, userId));
}

/** A new password; bumps the version. */
export async function setPasswordHash(db: DbOrTx, userId: number, passwordHash: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, version: sql`${users.version} + 1` })
    .where(eq(users.id, userId));
}

export async function countDemoUsers(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.isDemo, true));
  return row?.n ?? 0;
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

export type UserRow = typeof users.$inferSelect;

export interface MembershipWithName extends Membership {
  orgUnitName: string | null;
}

export interface UserFilter {
  /** Part of the username or display name. */
  q?: string | undefined;
  role?: Role | undefined;
  orgUnitCode?: string | undefined;
}

/** Users matching the filter, by username, without their password hashes. */
export async function listUsers(db: DbOrTx, filter: UserFilter = {}): Promise<UserRow[]> {
  const conditions = [];
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.username, like), ilike(users.displayName, like)));
  }
  if (filter.role || filter.orgUnitCode) {
    const holders = db
      .select({ id: roleMemberships.userId })
      .from(roleMemberships)
      .leftJoin(orgUnits, eq(orgUnits.id, roleMemberships.orgUnitId))
      .where(and(filter.role ? eq(roleMemberships.role, filter.role) : undefined, filter.orgUnitCode ? eq(orgUnits.code, filter.orgUnitCode) : undefined));
    conditions.push(inArray(users.id, holders));
  }
  return db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.username));
}

/** Every membership of the given users, with the org unit's code and name. */
export async function membershipsOfUsers(db: DbOrTx, userIds: number[]): Promise<Map<number, MembershipWithName[]>> {
  const out = new Map<number, MembershipWithName[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .select({ userId: roleMemberships.userId, role: roleMemberships.role, orgUnitCode: orgUnits.code, orgUnitName: orgUnits.name })
    .from(roleMemberships)
    .leftJoin(orgUnits, eq(orgUnits.id, roleMemberships.orgUnitId))
    .where(inArray(roleMemberships.userId, userIds))
    .orderBy(roleMemberships.role, orgUnits.code);
  for (const r of rows) {
    out.set(r.userId, [...(out.get(r.userId) ?? []), { role: r.role, orgUnitCode: r.orgUnitCode ?? null, orgUnitName: r.orgUnitName ?? null }]);
  }
  return out;
}

/** Locks the user's row for the rest of the transaction (serialises concurrent edits of one account). */
export async function lockUser(db: DbOrTx, id: number): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).for('update').limit(1);
  return row ?? null;
}

export async function insertUser(
  db: DbOrTx,
  input: { username: string; displayName: string; passwordHash: string; mustChangePassword: boolean },
): Promise<number | null> {
  const [row] = await db.insert(users).values(input).onConflictDoNothing({ target: users.username }).returning({ id: users.id });
  return row?.id ?? null;
}

/** Changes the given fields and bumps the version. */
export async function updateUserFields(
  db: DbOrTx,
  id: number,
  fields: Partial<Pick<UserRow, 'displayName' | 'disabledAt' | 'mustChangePassword' | 'passwordHash'>>,
): Promise<void> {
  await db
    .update(users)
    .set({ ...fields, version: sql`${users.version} + 1` })
    .where(eq(users.id, id));
}

/** Replaces every membership of the user. */
export async function replaceRoles(db: DbOrTx, userId: number, memberships: Array<{ role: Role; orgUnitId: number | null }>): Promise<void> {
  await db.delete(roleMemberships).where(eq(roleMemberships.userId, userId));
  if (memberships.length > 0) await db.insert(roleMemberships).values(memberships.map((m) => ({ userId, ...m })));
}

/** Enabled accounts holding the city admin role, the rows locked (so two admins cannot remove each other at once). */
export async function enabledCityAdminIds(db: DbOrTx): Promise<number[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(roleMemberships, and(eq(roleMemberships.userId, users.id), eq(roleMemberships.role, 'city_admin')))
    .where(isNull(users.disabledAt))
    .for('update', { of: users });
  return [...new Set(rows.map((r) => r.id))];
}
