import { and, eq, sql } from 'drizzle-orm';
import { orgUnits, roleMemberships, users, type Role } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export interface Membership {
  role: Role;
  orgUnitCode: string | null;
}

export async function findUserByUsername(db: DbOrTx, username: string) {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return row ?? null;
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
        failedLogins: 0,
        lockedUntil: null,
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

export async function recordLoginFailure(db: DbOrTx, userId: number, lockAfter: number, lockMinutes: number) {
  await db
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`CASE WHEN ${users.failedLogins} + 1 >= ${lockAfter}
                            THEN now() + make_interval(mins => ${lockMinutes}) ELSE ${users.lockedUntil} END`,
    })
    .where(eq(users.id, userId));
}

export async function recordLoginSuccess(db: DbOrTx, userId: number) {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(and(eq(users.id, userId)));
}

/** A new password: clears failures and a lockout, and bumps the version. */
export async function setPasswordHash(db: DbOrTx, userId: number, passwordHash: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, failedLogins: 0, lockedUntil: null, version: sql`${users.version} + 1` })
    .where(eq(users.id, userId));
}

export async function countDemoUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.isDemo, true));
  return row?.n ?? 0;
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}
