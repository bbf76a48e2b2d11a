import { createHmac, timingSafeEqual } from 'node:crypto';
import { notificationKinds } from '../../../contract/values.js';
import { emailSigningKey, saveEmailPreferences, userExists } from '../../../db/repositories/email.js';
import type { Db } from '../../../db/client.js';
import type { DbOrTx } from '../../../db/tx.js';
import { DomainError } from '../../errors.js';
import { effectiveModes } from './settings.js';

/*
 * One-click unsubscribe from the daily digest (RFC 8058). The link carries `<user id>.<HMAC-SHA256 of
 * "digest-unsubscribe:<user id>">` under the installation's own key, so it names no one to a reader, cannot be made
 * for another user, and needs no session. Every refused token gets the same answer, whatever it names.
 */
const PURPOSE = 'digest-unsubscribe';

const mac = (key: string, userId: number) => createHmac('sha256', key).update(`${PURPOSE}:${userId}`).digest('base64url');

export async function unsubscribeToken(db: DbOrTx, userId: number): Promise<string> {
  return `${userId}.${mac(await emailSigningKey(db), userId)}`;
}

const invalidLink = () =>
  new DomainError('invalid', 'invalid_unsubscribe_link', {
    ko: '수신 거부 링크가 올바르지 않습니다. 받은 메일의 링크를 그대로 여세요. 알림 설정에서도 바꿀 수 있습니다.',
    en: 'This unsubscribe link is not valid. Open the link from the e-mail as it is, or change your notification settings.',
  });

/**
 * Turns every kind the token's user receives in the daily digest off (a kind mailed at once stays as it is).
 * Idempotent: a second click answers the same. Throws the one "invalid link" error for anything not signed by us.
 */
export async function unsubscribeFromDigest(db: Db, token: string): Promise<{ unsubscribed: true }> {
  const match = /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) throw invalidLink();
  const userId = Number(match[1]);
  const expected = Buffer.from(mac(await emailSigningKey(db), userId));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidLink();
  await db.transaction(async (tx) => {
    if (!(await userExists(tx, userId))) return;
    const modes = await effectiveModes(tx, userId);
    const off = notificationKinds.filter((k) => modes[k] === 'digest').map((kind) => ({ kind, mode: 'off' }));
    await saveEmailPreferences(tx, userId, off);
  });
  return { unsubscribed: true };
}
