import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import {
  deleteSession,
  deleteSessionsOfUser,
  findLiveSession,
  insertSession,
  touchSession,
} from '../db/repositories/sessions.js';
import {
  findUserById,
  findUserByUsername,
  membershipsOf,
  recordLoginFailure,
  recordLoginSuccess,
  type Membership,
} from '../db/repositories/users.js';
import { appendAudit } from './audit.js';
import { DomainError } from './errors.js';
import { verifyPassword } from './passwords.js';

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000; // one working day, sliding
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  isDemo: boolean;
  roles: Membership[];
}

export interface Principal {
  user: SessionUser;
  tokenHash: string;
  csrfToken: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Verifying against a real hash keeps the timing of "no such user" like that of "wrong password".
const dummyHash = '$argon2id$v=19$m=19456,t=2,p=1$V/ubJOdhXKYxBY+WUmM0oA$jnGq+OCFFej9z6aZ/CXxeZYa4v10OoJkU3CcW06j6bM';

const badCredentials = () =>
  new DomainError('unauthenticated', 'bad_credentials', {
    ko: '아이디 또는 비밀번호가 올바르지 않습니다.',
    en: 'Wrong username or password.',
  });

export interface LoginResult {
  token: string;
  principal: Principal;
}

/**
 * Checks the password (argon2id), locks the account for LOCK_MINUTES after LOCK_AFTER_FAILURES failures, and
 * opens a fresh session (a new token on every login: session fixation is impossible). `previousToken`, if any, is
 * revoked.
 */
export async function login(
  db: Db,
  input: { username: string; password: string; ip: string | null; userAgent: string | null; previousToken?: string | null },
): Promise<LoginResult> {
  const user = await findUserByUsername(db, input.username);
  if (!user) {
    await verifyPassword(dummyHash, input.password);
    throw badCredentials();
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    throw new DomainError('locked', 'account_locked', {
      ko: `로그인 실패가 반복되어 계정이 잠겼습니다. ${LOCK_MINUTES}분 후 다시 시도하세요.`,
      en: `Too many failed sign-ins: the account is locked. Try again in ${LOCK_MINUTES} minutes.`,
    });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await db.transaction(async (tx) => {
      await recordLoginFailure(tx, user.id, LOCK_AFTER_FAILURES, LOCK_MINUTES);
      await appendAudit(tx, { userId: user.id, label: user.username }, { action: 'auth.login_failed', entityType: 'user', entityId: user.id });
    });
    throw badCredentials();
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const tokenHash = hashToken(token);
  await db.transaction(async (tx) => {
    if (input.previousToken) await deleteSession(tx, hashToken(input.previousToken));
    await recordLoginSuccess(tx, user.id);
    await insertSession(tx, {
      tokenHash,
      userId: user.id,
      csrfToken,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(tx, { userId: user.id, label: user.username }, { action: 'auth.login', entityType: 'user', entityId: user.id });
  });
  const roles = await membershipsOf(db, user.id);
  return {
    token,
    principal: {
      user: { id: user.id, username: user.username, displayName: user.displayName, isDemo: user.isDemo, roles },
      tokenHash,
      csrfToken,
    },
  };
}

/** The signed-in principal for a cookie token, or null when the session is unknown or expired. */
export async function resolveSession(db: Db, token: string): Promise<Principal | null> {
  const tokenHash = hashToken(token);
  const session = await findLiveSession(db, tokenHash);
  if (!session) return null;
  const user = await findUserById(db, session.userId);
  if (!user) return null;
  await touchSession(db, tokenHash, new Date(Date.now() + SESSION_TTL_MS));
  const roles = await membershipsOf(db, user.id);
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName, isDemo: user.isDemo, roles },
    tokenHash,
    csrfToken: session.csrfToken,
  };
}

export async function logout(db: Db, principal: Principal): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, principal.tokenHash);
    await appendAudit(tx, { userId: principal.user.id, label: principal.user.username }, { action: 'auth.logout', entityType: 'user', entityId: principal.user.id });
  });
}

export async function logoutEverywhere(db: Db, userId: number): Promise<void> {
  await deleteSessionsOfUser(db, userId);
}
