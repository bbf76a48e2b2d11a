import { findOrgUnitByCode } from '../../db/repositories/org-units.js';
import { insertNotifications, usersHoldingRole, usersHoldingRoles } from '../../db/repositories/notifications.js';
import type { Role } from '../../db/repositories/users.js';
import type { DbOrTx } from '../../db/tx.js';
import type { NotificationKind } from '../../contract/values.js';
import { notFound, type Message } from '../errors.js';

export { notificationKinds, type NotificationKind } from '../../contract/values.js';

/** One user, or everyone holding a role (in one org unit when given). */
export type NotificationTarget = { userId: number } | { role: Role; orgUnitCode?: string | null };

/** What the inbox shows: a bilingual message, the facts behind it, and where in the app to look. */
export interface NotificationPayload {
  message: Message;
  /** An app path, e.g. /cycles/2020/districts/11215/submissions/J2. */
  link?: string;
  [key: string]: unknown;
}

/**
 * Writes in-app notifications inside the caller's transaction, so they exist exactly when the change they announce
 * commits. A role target is fanned out to one row per user holding the role (each reads it on their own); when
 * nobody holds it yet, one row addressed to the role is kept for whoever will. Returns the number of rows written.
 */
export async function notify(tx: DbOrTx, target: NotificationTarget, kind: NotificationKind, payload: NotificationPayload): Promise<number> {
  if ('userId' in target) {
    return (await insertNotifications(tx, [{ userId: target.userId, kind, payload }])).length;
  }
  let orgUnitId: number | null = null;
  if (target.orgUnitCode) {
    const unit = await findOrgUnitByCode(tx, target.orgUnitCode);
    if (!unit) throw notFound({ ko: `기관 ${target.orgUnitCode}`, en: `Org unit ${target.orgUnitCode}` });
    orgUnitId = unit.id;
  }
  const userIds = await usersHoldingRole(tx, target.role, orgUnitId);
  const base = { role: target.role, orgUnitId, kind, payload };
  const rows = userIds.length > 0 ? userIds.map((userId) => ({ ...base, userId })) : [{ ...base, userId: null }];
  return (await insertNotifications(tx, rows)).length;
}

/** The officers (and, when asked, the approvers) of a district. */
export async function notifyDistrict(
  tx: DbOrTx,
  orgUnitCode: string,
  roles: readonly Role[],
  kind: NotificationKind,
  payload: NotificationPayload,
): Promise<number> {
  let n = 0;
  for (const role of roles) n += await notify(tx, { role, orgUnitCode }, kind, payload);
  return n;
}

/** A role to notify, in one org unit when given; `orgUnitId` is that unit's id when the caller has read it already. */
export interface NotifiedRole {
  role: Role;
  orgUnitCode?: string | null;
  orgUnitId?: number;
}

/**
 * Everyone the targets reach, once each — a user holding two of the roles gets one notification, not two — except
 * `except` (whoever acted needs no notice of their own act). A role nobody holds keeps one row addressed to the role
 * for whoever will; a role held only by the actor keeps nothing. Returns the number of rows written.
 */
export async function notifyPeople(
  tx: DbOrTx,
  targets: ReadonlyArray<NotifiedRole>,
  kind: NotificationKind,
  payload: NotificationPayload,
  opts: { except?: number | null } = {},
): Promise<number> {
  const people = new Set<number>();
  const unheld: Array<{ role: Role; orgUnitId: number | null }> = [];
  const unitIds = new Map<string, number>();
  const resolved: Array<{ role: Role; orgUnitId: number | null }> = [];
  for (const target of targets) {
    let orgUnitId: number | null = null;
    if (target.orgUnitCode) {
      orgUnitId = target.orgUnitId ?? unitIds.get(target.orgUnitCode) ?? null;
      if (orgUnitId === null) {
        const unit = await findOrgUnitByCode(tx, target.orgUnitCode);
        if (!unit) throw notFound({ ko: `기관 ${target.orgUnitCode}`, en: `Org unit ${target.orgUnitCode}` });
        orgUnitId = unit.id;
      }
      unitIds.set(target.orgUnitCode, orgUnitId);
    }
    resolved.push({ role: target.role, orgUnitId });
  }
  const holders = await usersHoldingRoles(tx, resolved);
  resolved.forEach((target, i) => {
    const userIds = holders[i]!;
    if (userIds.length === 0) unheld.push(target);
    for (const id of userIds) if (id !== opts.except) people.add(id);
  });
  const rows = [
    ...[...people].sort((a, b) => a - b).map((userId) => ({ userId, kind, payload })),
    ...unheld.map((u) => ({ userId: null, role: u.role, orgUnitId: u.orgUnitId, kind, payload })),
  ];
  return (await insertNotifications(tx, rows)).length;
}
