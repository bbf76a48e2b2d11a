import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import { deleteSession, deleteSessionsOfUser, findLiveSession, insertSession, touchSession } from '../db/repositories/sessions.js';
import {
  findUserById,
  findUserByUsername,
  grantRole,
  membershipsOf,
  recordSignIn,
  setPasswordHash,
  updateUserFields,
  type Membership,
} from '../db/repositories/users.js';
import type { Role } from '../db/repositories/users.js';
import type { DbOrTx } from '../db/tx.js';
import { appendAudit, type Actor } from './audit.js';
import { DomainError } from './errors.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { attemptsDelayed, clearAttempts, defaultSignInPolicy, signInKey, takeAttempt, type SignInPolicy } from './sign-in-protection.js';
import { passwordProblems } from './users/password-policy.js';
import { checkSecondFactor, secondFactorState, type SecondFactorPolicy, type SecondFactorState } from './totp.js';
import { findTotp } from '../db/repositories/totp.js';

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000; // one working day, sliding

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  isDemo: boolean;
  /** The password was set by someone else (a new account, a reset): nothing but choosing one's own until then. */
  mustChangePassword: boolean;
  roles: Membership[];
}

export interface Principal {
  user: SessionUser;
  tokenHash: string;
  csrfToken: string;
  /**
   * The session's second factor (src/domain/totp.ts): what it must do before anything else and whether it may do
   * what needs the factor. Absent on principals made by code (the system has its own pass; any other counts as not
   * having passed).
   */
  secondFactor?: SecondFactorState;
  /** The identity provider's issuer when single sign-on opened this session (src/domain/sso.ts), null for a password. */
  identityProvider?: string | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Verifying against a real hash (same argon2id parameters) keeps the work for "no such name" that of "wrong password".
const dummyHash = '$argon2id$v=19$m=19456,t=2,p=1$V/ubJOdhXKYxBY+WUmM0oA$jnGq+OCFFej9z6aZ/CXxeZYa4v10OoJkU3CcW06j6bM';

// One answer for a name that does not exist, a wrong password and a disabled account.
const badCredentials = () =>
  new DomainError('unauthenticated', 'bad_credentials', {
    ko: '아이디 또는 비밀번호가 올바르지 않거나, 사용할 수 없는 계정입니다.',
    en: 'Wrong username or password, or the account cannot be used.',
  });

const demoDisabled = () =>
  new DomainError('forbidden', 'demo_account_disabled', {
    ko: '데모 계정은 데모 모드(HOPEJOBS_DEMO=1)에서만 로그인할 수 있습니다.',
    en: 'Demo accounts can sign in only in demo mode (HOPEJOBS_DEMO=1).',
  });

/** Who a failed attempt on a name that has no account is recorded as (the name itself is not kept: it may be a password typed in the wrong field). */
const anonymousActor: Actor = { userId: null, label: 'anonymous' };

export interface LoginResult {
  token: string;
  principal: Principal;
}

/** Whether demo accounts (shared, printed passwords) may be used: only while the installation runs in demo mode. */
export interface DemoPolicy extends SecondFactorPolicy {
  allowDemo?: boolean;
}

/** How password guessing is slowed (src/domain/sign-in-protection.ts); the defaults unless the configuration says otherwise. */
export interface GuessingPolicy {
  signInPolicy?: SignInPolicy;
}

/** PASSWORD_SIGN_IN=off: only single sign-on opens sessions. */
export interface PasswordPolicy {
  passwordSignIn?: boolean;
}

const passwordSignInOff = () =>
  new DomainError('forbidden', 'password_sign_in_off', {
    ko: '이 기관은 비밀번호 로그인을 쓰지 않습니다. 기관 계정(통합 로그인)으로 로그인하세요.',
    en: 'Password sign-in is switched off here. Sign in with your organisation’s account (single sign-on).',
  });

/**
 * Checks the password (argon2id) and opens a fresh session (a new token on every login: session fixation is
 * impossible); `previousToken`, if any, is revoked.
 *
 * The attempt is counted per name and address before the password is checked, and refused while that counter's
 * wait runs (sign-in-protection.ts). A name without an account, a wrong password and a disabled account get one
 * answer after the same work (an argon2 check, a counted failure, an audit entry), and a refused attempt gets one
 * answer whatever the name: nothing tells a guesser which names exist or what state they are in.
 */
export async function login(
  db: Db,
  input: { username: string; password: string; ip: string | null; userAgent: string | null; previousToken?: string | null } & DemoPolicy &
    GuessingPolicy &
    PasswordPolicy,
): Promise<LoginResult> {
  if (input.passwordSignIn === false) throw passwordSignInOff();
  const attempt = await takeAttempt(db, signInKey(input.username, input.ip), input.signInPolicy ?? defaultSignInPolicy);
  const user = await findUserByUsername(db, input.username);
  const actor: Actor = user ? { userId: user.id, label: user.username } : anonymousActor;
  if (!attempt.ok) {
    await audited(db, actor, 'auth.login_throttled', user?.id ?? null, { address: attempt.key.address, retryAfter: attempt.retryAfterSeconds });
    throw attemptsDelayed(attempt.retryAfterSeconds);
  }
  const passwordRight = await verifyPassword(user?.passwordHash ?? dummyHash, input.password);
  if (!user || !passwordRight || user.disabledAt) {
    await audited(db, actor, 'auth.login_failed', user?.id ?? null, { address: attempt.key.address, failures: attempt.failures, delay: attempt.delayIfWrong });
    throw badCredentials();
  }
  // Demo names and their password are printed for everyone: saying so after the right password tells nobody anything.
  if (user.isDemo && input.allowDemo === false) throw demoDisabled();
  const opened = await db.transaction(async (tx) => {
    if (input.previousToken) await deleteSession(tx, hashToken(input.previousToken));
    await clearAttempts(tx, attempt.key);
    await recordSignIn(tx, user.id);
    const session = await openSession(tx, user.id, input);
    await appendAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return session;
  });
  return { token: opened.token, principal: await principalOf(db, user, opened, input) };
}

/** An audit entry of its own (a refused or failed attempt changes nothing else). */
function audited(db: Db, actor: Actor, action: string, userId: number | null, after: Record<string, unknown>): Promise<void> {
  return db.transaction((tx) => appendAudit(tx, actor, { action, entityType: 'user', entityId: userId, after }));
}

export interface OpenedSession {
  token: string;
  tokenHash: string;
  csrfToken: string;
}

/** A new session: a random token for the cookie (only its SHA-256 is stored) and a CSRF token. */
export async function openSession(
  tx: DbOrTx,
  userId: number,
  client: { ip: string | null; userAgent: string | null },
  opts: { secondFactorAt?: Date | null; identityProvider?: string | null } = {},
): Promise<OpenedSession & { secondFactorAt: Date | null; identityProvider: string | null }> {
  const secondFactorAt = opts.secondFactorAt ?? null;
  const identityProvider = opts.identityProvider ?? null;
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const tokenHash = hashToken(token);
  await insertSession(tx, {
    tokenHash,
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
    secondFactorAt,
    identityProvider,
  });
  return { token, tokenHash, csrfToken, secondFactorAt, identityProvider };
}

type UserRecord = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export async function principalOf(
  db: DbOrTx,
  user: UserRecord,
  session: { tokenHash: string; csrfToken: string; secondFactorAt: Date | null; identityProvider?: string | null },
  policy: SecondFactorPolicy,
): Promise<Principal> {
  const roles = await membershipsOf(db, user.id);
  const totp = await findTotp(db, user.id);
  // A session opened by single sign-on never used the password: a temporary one set by an administrator asks nothing of it.
  const mustChangePassword = user.mustChangePassword && !session.identityProvider;
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName, isDemo: user.isDemo, mustChangePassword, roles },
    tokenHash: session.tokenHash,
    csrfToken: session.csrfToken,
    secondFactor: secondFactorState({ enrolled: totp?.confirmedAt != null, passed: session.secondFactorAt !== null, isDemo: user.isDemo, roles, policy }),
    identityProvider: session.identityProvider ?? null,
  };
}

/**
 * The signed-in principal for a cookie token, or null when the session is unknown or expired (or belongs to a demo
 * account while demo mode is off).
 */
export async function resolveSession(db: Db, token: string, policy: DemoPolicy = {}): Promise<Principal | null> {
  const tokenHash = hashToken(token);
  const session = await findLiveSession(db, tokenHash);
  if (!session) return null;
  const user = await findUserById(db, session.userId);
  if (!user || user.disabledAt) return null;
  if (user.isDemo && policy.allowDemo === false) return null;
  await touchSession(db, tokenHash, new Date(Date.now() + SESSION_TTL_MS));
  return principalOf(
    db,
    user,
    { tokenHash, csrfToken: session.csrfToken, secondFactorAt: session.secondFactorAt, identityProvider: session.identityProvider },
    policy,
  );
}

/** Ends this session; the caller learns whether single sign-on opened it (then the identity provider's session may be ended too). */
export async function logout(db: Db, principal: Principal): Promise<{ identityProvider: string | null }> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, principal.tokenHash);
    await appendAudit(
      tx,
      { userId: principal.user.id, label: principal.user.username },
      { action: 'auth.logout', entityType: 'user', entityId: principal.user.id },
    );
  });
  return { identityProvider: principal.identityProvider ?? null };
}

/**
 * Session rotation on a change of privilege: when a user's roles or password change, every session of that user
 * ends, so the next request must sign in again and gets a fresh token (and CSRF token) that carries the new
 * privileges. A token stolen before the change is worthless after it. Recorded in the audit log.
 */
export async function endSessionsOnPrivilegeChange(tx: DbOrTx, actor: Actor, userId: number, change: string): Promise<void> {
  await deleteSessionsOfUser(tx, userId);
  await appendAudit(tx, actor, { action: 'auth.sessions_rotated', entityType: 'user', entityId: userId, after: { change } });
}

/** Grants a role (scoped to an org unit for the district roles) and ends the user's sessions. */
export async function grantRoleWithRotation(tx: DbOrTx, actor: Actor, userId: number, role: Role, orgUnitId: number | null): Promise<void> {
  await grantRole(tx, userId, role, orgUnitId);
  await endSessionsOnPrivilegeChange(tx, actor, userId, `role ${role} granted`);
}

/** Sets a new password (argon2id) and ends the user's sessions. */
export async function setPasswordWithRotation(tx: DbOrTx, actor: Actor, userId: number, password: string): Promise<void> {
  await setPasswordHash(tx, userId, await hashPassword(password));
  await endSessionsOnPrivilegeChange(tx, actor, userId, 'password set');
}

/**
 * A signed-in user replaces their own password: the current one must be right (a session left open on a shared PC
 * is not enough), the new one must pass the policy and differ from it. Every session of the user ends — other
 * browsers are signed out — and this browser gets a new one (a new token and CSRF token), so a token stolen before
 * the change is worthless.
 */
export async function changeOwnPassword(
  db: Db,
  principal: Principal,
  input: { currentPassword: string; newPassword: string; ip: string | null; userAgent: string | null } & GuessingPolicy & SecondFactorPolicy,
): Promise<LoginResult> {
  const user = await findUserById(db, principal.user.id);
  if (!user) throw badCredentials();
  // The same counter as signing in: a session left open is no way around the delay.
  const attempt = await takeAttempt(db, signInKey(user.username, input.ip), input.signInPolicy ?? defaultSignInPolicy);
  const actor: Actor = { userId: user.id, label: user.username };
  if (!attempt.ok) {
    await audited(db, actor, 'auth.password_change_throttled', user.id, { address: attempt.key.address, retryAfter: attempt.retryAfterSeconds });
    throw attemptsDelayed(attempt.retryAfterSeconds);
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await audited(db, actor, 'auth.password_change_failed', user.id, { address: attempt.key.address, failures: attempt.failures, delay: attempt.delayIfWrong });
    throw new DomainError('invalid', 'wrong_password', { ko: '현재 비밀번호가 올바르지 않습니다.', en: 'The current password is wrong.' }, [
      { path: 'body.currentPassword', message: { ko: '현재 비밀번호가 올바르지 않습니다.', en: 'The current password is wrong.' } },
    ]);
  }
  await clearAttempts(db, attempt.key);
  // Demo accounts share one printed password: nobody may change it for the others.
  if (user.isDemo) {
    throw new DomainError('forbidden', 'demo_account', { ko: '데모 계정의 비밀번호는 바꿀 수 없습니다.', en: 'A demo account’s password cannot be changed.' });
  }
  const problems = passwordProblems({ password: input.newPassword, username: user.username });
  if (input.newPassword === input.currentPassword) {
    problems.push({ path: 'body.newPassword', message: { ko: '지금과 다른 비밀번호를 고르세요.', en: 'Choose a password other than the current one.' } });
  }
  if (problems.length > 0) {
    throw new DomainError('invalid', 'weak_password', { ko: '새 비밀번호를 쓸 수 없습니다.', en: 'The new password cannot be used.' }, problems);
  }
  const passwordHash = await hashPassword(input.newPassword);
  const opened = await db.transaction(async (tx) => {
    await updateUserFields(tx, user.id, { passwordHash, mustChangePassword: false });
    await appendAudit(tx, actor, { action: 'auth.password_changed', entityType: 'user', entityId: user.id });
    await endSessionsOnPrivilegeChange(tx, actor, user.id, 'password changed by the user');
    // Passing the second factor is kept across the change: this is the same person in the same browser.
    return openSession(tx, user.id, input, {
      secondFactorAt: principal.secondFactor?.passed === true ? new Date() : null,
      identityProvider: principal.identityProvider ?? null,
    });
  });
  return { token: opened.token, principal: await principalOf(db, { ...user, mustChangePassword: false }, opened, input) };
}

/**
 * The second step of signing in: a code from the authenticator app (or a recovery code) for a session opened by the
 * password. On success that session ends and a new one (a new token and CSRF token) opens, marked as having passed
 * the factor; codes are counted and single-use (src/domain/totp.ts).
 */
export async function completeSecondFactor(
  db: Db,
  principal: Principal,
  input: { code: string; ip: string | null; userAgent: string | null; now?: number } & GuessingPolicy & SecondFactorPolicy,
): Promise<LoginResult & { recoveryCodesLeft: number }> {
  const user = await findUserById(db, principal.user.id);
  if (!user) throw badCredentials();
  const checked = await checkSecondFactor(db, principal, { code: input.code, now: input.now, signInPolicy: input.signInPolicy }, input);
  const actor: Actor = { userId: user.id, label: user.username };
  const opened = await db.transaction(async (tx) => {
    await checked.clear(tx);
    await deleteSession(tx, principal.tokenHash);
    await appendAudit(tx, actor, {
      action: 'auth.second_factor_passed',
      entityType: 'user',
      entityId: user.id,
      after: { method: checked.method, ...(checked.method === 'recovery_code' ? { recoveryCodesLeft: checked.recoveryCodesLeft } : {}) },
    });
    return openSession(tx, user.id, input, { secondFactorAt: new Date(), identityProvider: principal.identityProvider ?? null });
  });
  return { token: opened.token, principal: await principalOf(db, user, opened, input), recoveryCodesLeft: checked.recoveryCodesLeft };
}
