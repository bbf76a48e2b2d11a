import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import { findOrgUnitByCode } from '../db/repositories/org-units.js';
import { findUserByUsername, grantRole, updateUserFields, upsertUser } from '../db/repositories/users.js';
import { appendAudit, systemActor } from './audit.js';
import { endSessionsOnPrivilegeChange } from './auth.js';
import { DomainError } from './errors.js';
import { hashPassword } from './passwords.js';
import { seedReferenceUnits } from './seed.js';
import { seoulCity } from './reference/seoul.js';
import { forgetAttemptsOfName } from './sign-in-protection.js';
import { USERNAME_PATTERN } from './users/accounts.js';
import { josaPick } from '../korean.js';

export interface AdminAccountResult {
  username: string;
  /** Shown once to whoever ran the command; only its argon2id hash is stored. */
  password: string;
  created: boolean;
}

/** 24 characters of base64url: 144 random bits, far beyond guessing under the login throttle and lockout. */
export function adminPassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The first real city administrator of an installation (`hopejobs seed --admin <username>`), with a random password
 * returned once: no installation ever has a fixed default password. Run again for an existing (non-demo) user, it
 * sets a new random password, enables the account and grants the city admin role — the way back in when the last admin's password is
 * lost — and ends that user's sessions (rotation on a change of privilege). Demo usernames are refused: demo
 * accounts stay demo.
 */
export async function createAdmin(db: Db, username: string, opts: { displayName?: string } = {}): Promise<AdminAccountResult> {
  const name = username.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(name)) {
    throw new DomainError('invalid', 'invalid_username', {
      ko: `사용자 이름 "${username}"${josaPick(username, '은/는')} 영문 소문자·숫자·. _ - 로 3–64자여야 합니다.`,
      en: `Username "${username}" must be 3–64 lowercase letters, digits, ".", "_" or "-".`,
    });
  }
  await seedReferenceUnits(db);
  const password = adminPassword();
  const passwordHash = await hashPassword(password);
  const created = await db.transaction(async (tx) => {
    const city = await findOrgUnitByCode(tx, seoulCity.code);
    const existing = await findUserByUsername(tx, name);
    if (existing?.isDemo) {
      throw new DomainError('invalid', 'demo_username', {
        ko: `"${name}"${josaPick(name, '은/는')} 데모 계정입니다. 다른 사용자 이름을 고르세요.`,
        en: `"${name}" is a demo account; choose another username.`,
      });
    }
    if (existing) {
      // the way back in: a new password, no sign-in delay, enabled again, to be replaced at the first sign-in
      await updateUserFields(tx, existing.id, { passwordHash, disabledAt: null, mustChangePassword: true });
      await forgetAttemptsOfName(tx, name);
      await grantRole(tx, existing.id, 'city_admin', city?.id ?? null);
      await endSessionsOnPrivilegeChange(tx, systemActor, existing.id, 'admin password reset, city_admin granted');
      return false;
    }
    const userId = await upsertUser(tx, { username: name, displayName: opts.displayName ?? name, passwordHash, isDemo: false });
    await updateUserFields(tx, userId, { mustChangePassword: true });
    await grantRole(tx, userId, 'city_admin', city?.id ?? null);
    await appendAudit(tx, systemActor, { action: 'user.admin_created', entityType: 'user', entityId: userId, after: { username: name, role: 'city_admin' } });
    return true;
  });
  return { username: name, password, created };
}
