import type { Db } from '../../db/client.js';
import {
  isNotificationVisible,
  markAllNotificationsRead,
  markNotificationRead,
  notificationsOf,
  unreadCountOf,
  type NotificationRow,
} from '../../db/repositories/notifications.js';
import type { DbOrTx } from '../../db/tx.js';
import type { Principal } from '../auth.js';
import { requireSignedIn } from '../authz.js';
import { notFound } from '../errors.js';
import type { NotificationKind, NotificationPayload } from './notify.js';

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  payload: NotificationPayload;
  createdAt: Date;
  readAt: Date | null;
}

export interface Inbox {
  notifications: NotificationView[];
  unread: number;
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextCursor: number | null;
}

const view = (n: NotificationRow): NotificationView => ({
  id: n.id,
  kind: n.kind as NotificationKind,
  payload: n.payload as NotificationPayload,
  createdAt: n.createdAt,
  readAt: n.readAt,
});

/** The signed-in user's notifications — addressed to them or to a role they hold — newest first, with the unread count. */
export async function listNotifications(
  db: DbOrTx,
  principal: Principal | null,
  opts: { before?: number | undefined; limit?: number | undefined; unreadOnly?: boolean | undefined } = {},
): Promise<Inbox> {
  requireSignedIn(principal);
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const rows = await notificationsOf(db, principal.user.id, { beforeId: opts.before, limit: limit + 1, unreadOnly: opts.unreadOnly });
  const page = rows.slice(0, limit);
  return {
    notifications: page.map(view),
    unread: await unreadCountOf(db, principal.user.id),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/**
 * Marks one of the user's notifications read (idempotent). Someone else's notification answers exactly like one
 * that does not exist (404), so ids cannot be probed. Reading a
 * notification is personal state, not evaluation data, so it is not written to the audit log.
 */
export async function markNotificationAsRead(db: Db, principal: Principal | null, id: number, now = new Date()): Promise<NotificationView> {
  requireSignedIn(principal);
  if (!(await isNotificationVisible(db, id, principal.user.id))) throw notFound({ ko: `알림 ${id}`, en: `Notification ${id}` });
  return view((await markNotificationRead(db, id, now))!);
}

export async function markAllAsRead(db: Db, principal: Principal | null, now = new Date()): Promise<{ marked: number }> {
  requireSignedIn(principal);
  return { marked: await markAllNotificationsRead(db, principal.user.id, now) };
}
