import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { notifications, roleMemberships, type Role } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotificationRow = typeof notifications.$inferInsert;

export async function insertNotifications(db: DbOrTx, rows: NewNotificationRow[]): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  return db.insert(notifications).values(rows).returning();
}

/** Users holding a role, in one org unit when given. */
export async function usersHoldingRole(db: DbOrTx, role: Role, orgUnitId: number | null): Promise<number[]> {
  const rows = await db
    .selectDistinct({ userId: roleMemberships.userId })
    .from(roleMemberships)
    .where(and(eq(roleMemberships.role, role), orgUnitId === null ? undefined : eq(roleMemberships.orgUnitId, orgUnitId)))
    .orderBy(roleMemberships.userId);
  return rows.map((r) => r.userId);
}

/**
 * For each (role, unit) pair, the users holding the role (in that unit; in any unit when null), ascending: one query
 * for all of them.
 */
export async function usersHoldingRoles(db: DbOrTx, targets: ReadonlyArray<{ role: Role; orgUnitId: number | null }>): Promise<number[][]> {
  if (targets.length === 0) return [];
  const rows = await db
    .selectDistinct({ role: roleMemberships.role, orgUnitId: roleMemberships.orgUnitId, userId: roleMemberships.userId })
    .from(roleMemberships)
    .where(or(...targets.map((t) => and(eq(roleMemberships.role, t.role), t.orgUnitId === null ? undefined : eq(roleMemberships.orgUnitId, t.orgUnitId)))))
    .orderBy(roleMemberships.userId);
  return targets.map((t) => [...new Set(rows.filter((r) => r.role === t.role && (t.orgUnitId === null || r.orgUnitId === t.orgUnitId)).map((r) => r.userId))]);
}

/** A notification a user sees: addressed to them, or to a role they hold (in the notification's unit, if any). */
function visibleTo(userId: number): SQL {
  return sql`(${notifications.userId} = ${userId} OR (${notifications.userId} IS NULL AND EXISTS (
    SELECT 1 FROM ${roleMemberships} m
     WHERE m.user_id = ${userId} AND m.role = ${notifications.role}
       AND (${notifications.orgUnitId} IS NULL OR m.org_unit_id = ${notifications.orgUnitId}))))`;
}

export async function notificationsOf(
  db: DbOrTx,
  userId: number,
  opts: { beforeId?: number | undefined; limit: number; unreadOnly?: boolean | undefined },
): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        visibleTo(userId),
        opts.beforeId === undefined ? undefined : lt(notifications.id, opts.beforeId),
        opts.unreadOnly ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(opts.limit);
}

export async function unreadCountOf(db: DbOrTx, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(visibleTo(userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function isNotificationVisible(db: DbOrTx, id: number, userId: number): Promise<boolean> {
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, id), visibleTo(userId)))
    .limit(1);
  return rows.length > 0;
}

/** Marks one notification read (keeps the first read time); returns the row. */
export async function markNotificationRead(db: DbOrTx, id: number, at: Date): Promise<NotificationRow | null> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(eq(notifications.id, id))
    .returning();
  return row ?? null;
}

export async function markAllNotificationsRead(db: DbOrTx, userId: number, at: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(visibleTo(userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** True when a notification of `kind` whose payload contains `match` (jsonb containment) exists. */
export async function notificationExists(db: DbOrTx, kind: string, match: Record<string, unknown>): Promise<boolean> {
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.kind, kind), sql`${notifications.payload} @> ${JSON.stringify(match)}::jsonb`))
    .limit(1);
  return rows.length > 0;
}

/** Serialises reminder runs (several app servers may run them at once) until the transaction ends. */
export async function lockReminderRun(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7302, 1)`);
}
