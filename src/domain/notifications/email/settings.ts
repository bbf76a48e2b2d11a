import { emailModes, type EmailMode } from '../../../contract/email.js';
import { notificationKinds, type NotificationKind } from '../../../contract/values.js';
import { emailPreferencesOf, emailSettingsOf, saveEmailPreferences, saveEmailSettings } from '../../../db/repositories/email.js';
import type { Db } from '../../../db/client.js';
import type { DbOrTx } from '../../../db/tx.js';
import type { Lang } from '../../../message.js';
import type { Principal } from '../../auth.js';
import { requireSignedIn } from '../../authz.js';

export { emailModes, type EmailMode };

/**
 * How a kind is mailed until the user chooses: what asks for action soon (a return, a change to submit again, a
 * deadline, a reply or a confirmation to give) at once, the rest in the daily digest.
 */
export const defaultEmailModes: Record<NotificationKind, EmailMode> = {
  item_returned: 'immediate',
  submission_approved: 'digest',
  objection_filed: 'digest',
  objection_reply_requested: 'immediate',
  objection_replied: 'digest',
  review_reopened: 'immediate',
  objection_decided: 'digest',
  deadline_near: 'immediate',
  submission_submitted: 'digest',
  item_changed: 'immediate',
  adjustment_recorded: 'digest',
  adjustment_pending: 'immediate',
};

export interface EmailSettingsView {
  email: string | null;
  language: Lang;
  preferences: Array<{ kind: NotificationKind; mode: EmailMode }>;
  delivery: boolean;
}

/** Each kind's mode for a user: their choice, or the default. */
export async function effectiveModes(db: DbOrTx, userId: number): Promise<Record<NotificationKind, EmailMode>> {
  const modes = { ...defaultEmailModes };
  for (const row of await emailPreferencesOf(db, userId)) {
    if ((notificationKinds as readonly string[]).includes(row.kind) && (emailModes as readonly string[]).includes(row.mode)) {
      modes[row.kind as NotificationKind] = row.mode as EmailMode;
    }
  }
  return modes;
}

async function viewOf(db: DbOrTx, userId: number, delivery: boolean): Promise<EmailSettingsView> {
  const settings = await emailSettingsOf(db, userId);
  const modes = await effectiveModes(db, userId);
  return {
    email: settings?.email ?? null,
    language: settings?.language === 'en' ? 'en' : 'ko',
    preferences: notificationKinds.map((kind) => ({ kind, mode: modes[kind] })),
    delivery,
  };
}

/** The signed-in user's own e-mail settings (nobody reads or edits another's). */
export async function getEmailSettings(db: DbOrTx, principal: Principal | null, delivery: boolean): Promise<EmailSettingsView> {
  requireSignedIn(principal);
  return viewOf(db, principal.user.id, delivery);
}

/** Saves the signed-in user's own address, language and modes (kinds not listed keep theirs). Personal state, not audited. */
export async function updateEmailSettings(
  db: Db,
  principal: Principal | null,
  input: { email: string | null; language: Lang; preferences: ReadonlyArray<{ kind: NotificationKind; mode: EmailMode }> },
  delivery: boolean,
  now = new Date(),
): Promise<EmailSettingsView> {
  requireSignedIn(principal);
  const userId = principal.user.id;
  return db.transaction(async (tx) => {
    await saveEmailSettings(tx, userId, input.email?.trim() || null, input.language, now);
    await saveEmailPreferences(tx, userId, input.preferences);
    return viewOf(tx, userId, delivery);
  });
}
