import type { DeciderRow } from '../../db/repositories/objections.js';
import type { DbOrTx } from '../../db/tx.js';
import { notify, notifyDistrict, type NotificationKind, type NotificationPayload } from '../notifications/notify.js';

/** The deciders of a cycle's objections: its named committee, or every city admin when none is named. */
export async function notifyDeciders(tx: DbOrTx, committee: DeciderRow[], kind: NotificationKind, payload: NotificationPayload): Promise<void> {
  if (committee.length === 0) {
    await notify(tx, { role: 'city_admin' }, kind, payload);
    return;
  }
  for (const m of committee) await notify(tx, { userId: m.userId }, kind, payload);
}

/** The officers and approvers of each district named (once each). */
export async function notifyDistricts(tx: DbOrTx, codes: string[], kind: NotificationKind, payload: NotificationPayload): Promise<void> {
  for (const code of new Set(codes)) await notifyDistrict(tx, code, ['district_officer', 'district_approver'], kind, payload);
}
