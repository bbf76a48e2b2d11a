import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Db } from '../db/client.js';
import {
  beginTotp,
  confirmTotp,
  deleteTotp,
  findTotp,
  markSessionSecondFactor,
  replaceRecoveryCodes,
  unusedRecoveryCodes,
  useRecoveryCode,
  useTotpStep,
} from '../db/repositories/totp.js';
import { findUserById } from '../db/repositories/users.js';
import type { DbOrTx } from '../db/tx.js';
import { appendAudit, type Actor } from './audit.js';
import { endSessionsOnPrivilegeChange, type Principal } from './auth.js';
import { actorOf, isSystem, requireRole, requireSignedIn } from './authz.js';
import { DomainError, notFound } from './errors.js';
import { clearAttempts, defaultSignInPolicy, takeAttempt, waitInWords, type SignInPolicy } from './sign-in-protection.js';
import type { SignInKey } from '../db/repositories/sign-in-failures.js';

/**
 * The second factor: TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, one step of clock drift either way) and
 * single-use recovery codes.
 *
 * - A user with a confirmed TOTP signs in in two steps: the password opens a session that can do nothing but take
 *   the code (or a recovery code) and sign out; the code marks a fresh session as having passed.
 * - Codes are counted like passwords (sign-in-protection.ts), on one counter per user whatever the address, and an
 *   accepted code's step is remembered: the same code (or one from an earlier step) is refused afterwards.
 * - Policy (HOPEJOBS_TOTP_REQUIRED; unset: on unless in demo mode): city admins and auditors must enrol before anything else, and
 *   publishing results or changing roles needs a session that passed the second factor. Demo accounts (shared,
 *   printed passwords, usable only in demo mode) cannot enrol and are exempt: one visitor's phone would lock the
 *   others out.
 */

export const TOTP_ISSUER = 'HopeJobs';
export const RECOVERY_CODE_COUNT = 10;
const PERIOD = 30;

/** What the server knows of the second factor (from the configuration). */
export interface SecondFactorPolicy {
  /** HOPEJOBS_TOTP_REQUIRED: city admins and auditors must enrol; publication and role changes need the factor. */
  totpRequired?: boolean;
  /** HOPEJOBS_TOTP_KEY (32 bytes): secrets are stored AES-256-GCM encrypted with it. */
  totpKey?: Buffer | null;
}

/** What a session must do before anything else: nothing, enter a code, or enrol (required by the policy). */
export type SecondFactorPending = 'none' | 'code' | 'enrol';

export interface SecondFactorState {
  /** The user has a confirmed TOTP. */
  enrolled: boolean;
  /** This session passed the second factor. */
  passed: boolean;
  pending: SecondFactorPending;
  /** May do what needs the second factor: passed, or the policy is off, or a demo account. */
  satisfied: boolean;
}

/** Roles that must have a second factor when the policy is on. */
const FACTOR_ROLES = ['city_admin', 'auditor'] as const;

export function secondFactorState(input: {
  enrolled: boolean;
  passed: boolean;
  isDemo: boolean;
  roles: ReadonlyArray<{ role: string }>;
  policy: SecondFactorPolicy;
}): SecondFactorState {
  const required = input.policy.totpRequired === true && !input.isDemo;
  const needsEnrolment = required && !input.enrolled && input.roles.some((r) => (FACTOR_ROLES as readonly string[]).includes(r.role));
  const pending: SecondFactorPending = input.enrolled && !input.passed ? 'code' : needsEnrolment ? 'enrol' : 'none';
  return { enrolled: input.enrolled, passed: input.passed, pending, satisfied: input.passed || !required };
}

/**
 * The guard of the acts that need the second factor (publishing results, changing roles, resetting another's
 * factor): refused unless the acting session passed it (or the policy is off, or the system acts).
 */
export function requireSecondFactor(p: Principal): void {
  if (isSystem(p) || p.secondFactor?.satisfied === true) return;
  throw new DomainError('forbidden', 'second_factor_required', {
    ko: '이 작업은 2단계 인증(OTP)을 거친 로그인에서만 할 수 있습니다. 계정 보안에서 OTP를 등록한 뒤 다시 로그인하세요.',
    en: 'This needs a session that passed the second factor (one-time code). Set it up under account security and sign in again.',
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Secrets at rest

const ENC_PREFIX = 'enc:v1:';
const PLAIN_PREFIX = 'plain:';

/** HOPEJOBS_TOTP_KEY as 32 bytes (64 hex digits or base64), or null when the text is no such key. */
export function parseTotpKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  const b = Buffer.from(t, 'base64');
  return b.length === 32 ? b : null;
}

export function sealSecret(base32: string, key: Buffer | null | undefined): string {
  if (!key) return PLAIN_PREFIX + base32;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
  return `${ENC_PREFIX}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
}

export function openSecret(stored: string, key: Buffer | null | undefined): string {
  if (stored.startsWith(PLAIN_PREFIX)) return stored.slice(PLAIN_PREFIX.length);
  if (!stored.startsWith(ENC_PREFIX)) throw new Error('unknown TOTP secret format');
  if (!key) {
    throw new DomainError('unavailable', 'totp_key_missing', {
      ko: 'OTP 비밀키가 암호화되어 있지만 서버에 HOPEJOBS_TOTP_KEY가 설정되어 있지 않습니다. 운영 담당자에게 알리세요.',
      en: 'The one-time code secrets are encrypted but the server has no HOPEJOBS_TOTP_KEY. Tell the operators.',
    });
  }
  const [iv, tag, ct] = stored.slice(ENC_PREFIX.length).split(':');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64'));
  decipher.setAuthTag(Buffer.from(tag!, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ct!, 'base64')), decipher.final()]).toString('utf8');
}

function totpOf(base32: string, label: string): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(base32) });
}

/** The step of an accepted code (±1 step of drift), or null. */
function acceptedStep(totp: TOTP, code: string, now: number): number | null {
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

// ---------------------------------------------------------------------------------------------------------------
// Recovery codes

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten characters from 31 (≈ 49.5 bits), shown as two groups of five. */
function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * SHA-256, not argon2: a recovery code is 50 random bits, not a person's password, so a slow hash adds nothing
 * against a stolen table (2^49 guesses per code) while checking one typed code against ten argon2 hashes would cost
 * ten times a password check on every attempt. The user id in the hashed text keeps equal codes of two users apart.
 */
function recoveryCodeHash(userId: number, code: string): string {
  return createHash('sha256')
    .update(`${userId}:${normaliseRecoveryCode(code)}`)
    .digest('hex');
}

// ---------------------------------------------------------------------------------------------------------------
// Attempts

/** One counter per user for codes, whatever the address (the password is already known to whoever types them). */
function codeKey(userId: number): SignInKey {
  return { name: `totp:${userId}`, address: '' };
}

async function takeCodeAttempt(db: Db, actor: Actor, userId: number, policy: SignInPolicy | undefined) {
  const attempt = await takeAttempt(db, codeKey(userId), policy ?? defaultSignInPolicy);
  if (!attempt.ok) {
    await db.transaction((tx) =>
      appendAudit(tx, actor, {
        action: 'auth.second_factor_throttled',
        entityType: 'user',
        entityId: userId,
        after: { retryAfter: attempt.retryAfterSeconds },
      }),
    );
    const wait = waitInWords(attempt.retryAfterSeconds);
    throw new DomainError(
      'too_many_requests',
      'code_throttled',
      { ko: `인증 코드가 여러 번 틀려 잠시 기다려야 합니다. ${wait.ko} 후 다시 시도하세요.`, en: `Too many wrong codes. Try again in ${wait.en}.` },
      [],
      { retryAfter: attempt.retryAfterSeconds },
    );
  }
  return attempt;
}

async function codeFailed(db: Db, actor: Actor, userId: number, why: string, failures: number): Promise<never> {
  await db.transaction((tx) => appendAudit(tx, actor, { action: 'auth.second_factor_failed', entityType: 'user', entityId: userId, after: { why, failures } }));
  const msg = { ko: '인증 코드가 올바르지 않거나 이미 사용되었습니다.', en: 'The code is wrong or was used already.' };
  throw new DomainError('invalid', 'wrong_code', msg, [{ path: 'body.code', message: msg }]);
}

// ---------------------------------------------------------------------------------------------------------------
// Services

export interface SecondFactorStatus {
  enrolled: boolean;
  enrolledAt: string | null;
  recoveryCodesLeft: number;
  /** The policy requires this user to have it. */
  required: boolean;
  /** Demo accounts cannot enrol. */
  canEnrol: boolean;
}

export async function secondFactorStatus(db: DbOrTx, principal: Principal | null, policy: SecondFactorPolicy): Promise<SecondFactorStatus> {
  requireSignedIn(principal);
  const row = await findTotp(db, principal.user.id);
  const enrolled = row?.confirmedAt != null;
  return {
    enrolled,
    enrolledAt: row?.confirmedAt?.toISOString() ?? null,
    recoveryCodesLeft: enrolled ? await unusedRecoveryCodes(db, principal.user.id) : 0,
    required: policy.totpRequired === true && !principal.user.isDemo && principal.user.roles.some((r) => (FACTOR_ROLES as readonly string[]).includes(r.role)),
    canEnrol: !principal.user.isDemo && !enrolled,
  };
}

export interface Enrolment {
  /** The secret in base32, for typing into an app by hand. */
  secret: string;
  otpauthUri: string;
  /** The URI as a QR code (SVG). */
  qrSvg: string;
}

/**
 * Starts an enrolment: a new secret, kept unconfirmed until a code from it is entered. Starting again replaces an
 * unconfirmed secret; a confirmed one must be reset by a city admin first. The secret is shown only here.
 */
export async function beginEnrolment(db: DbOrTx, principal: Principal | null, policy: SecondFactorPolicy): Promise<Enrolment> {
  requireSignedIn(principal);
  if (isSystem(principal)) throw new DomainError('forbidden', 'forbidden', { ko: '시스템은 OTP를 등록할 수 없습니다.', en: 'The system cannot enrol.' });
  if (principal.user.isDemo) {
    throw new DomainError('conflict', 'demo_account', {
      ko: '데모 계정에는 OTP를 등록할 수 없습니다. 여러 사람이 함께 쓰는 계정이기 때문입니다.',
      en: 'Demo accounts cannot have a second factor: they are shared.',
    });
  }
  const secret = new Secret({ size: 20 }).base32;
  if (!(await beginTotp(db, principal.user.id, sealSecret(secret, policy.totpKey)))) {
    throw new DomainError('conflict', 'totp_enrolled', {
      ko: '이미 OTP가 등록되어 있습니다. 새 기기로 바꾸려면 시 관리자에게 초기화를 요청하세요.',
      en: 'A second factor is set up already. To move to a new device, ask a city admin to reset it.',
    });
  }
  const otpauthUri = totpOf(secret, principal.user.username).toString();
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri, qrSvg };
}

/**
 * Confirms an enrolment with a code from the new secret: the factor is on, this session counts as having passed it,
 * and the recovery codes are made — returned here, once, and kept only as hashes.
 */
export async function confirmEnrolment(
  db: Db,
  principal: Principal | null,
  input: { code: string; now?: number; signInPolicy?: SignInPolicy | undefined },
  policy: SecondFactorPolicy,
): Promise<{ recoveryCodes: string[] }> {
  requireSignedIn(principal);
  const userId = principal.user.id;
  const actor = actorOf(principal);
  const row = await findTotp(db, userId);
  if (!row || row.confirmedAt) {
    throw new DomainError('conflict', 'no_enrolment', {
      ko: '확인할 OTP 등록이 없습니다. 등록을 처음부터 다시 시작하세요.',
      en: 'There is no enrolment to confirm. Start again.',
    });
  }
  const attempt = await takeCodeAttempt(db, actor, userId, input.signInPolicy);
  const now = input.now ?? Date.now();
  const step = acceptedStep(totpOf(openSecret(row.secret, policy.totpKey), principal.user.username), input.code.trim(), now);
  if (step === null) return codeFailed(db, actor, userId, 'enrolment', attempt.failures);
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.transaction(async (tx) => {
    if (!(await confirmTotp(tx, userId, step))) throw new DomainError('conflict', 'no_enrolment', { ko: '이미 확인된 등록입니다.', en: 'Already confirmed.' });
    await replaceRecoveryCodes(
      tx,
      userId,
      recoveryCodes.map((c) => recoveryCodeHash(userId, c)),
    );
    await clearAttempts(tx, attempt.key);
    if (principal.tokenHash) await markSessionSecondFactor(tx, principal.tokenHash);
    await appendAudit(tx, actor, {
      action: 'auth.second_factor_enrolled',
      entityType: 'user',
      entityId: userId,
      after: { recoveryCodes: RECOVERY_CODE_COUNT, encrypted: !!policy.totpKey },
    });
  });
  return { recoveryCodes };
}

/**
 * Checks a code (6 digits) or a recovery code for the signed-in user of a half-open session. On success the caller
 * opens the full session (auth.ts). Codes from an already used step and used recovery codes are refused.
 */
export async function checkSecondFactor(
  db: Db,
  principal: Principal,
  input: { code: string; now?: number; signInPolicy?: SignInPolicy | undefined },
  policy: SecondFactorPolicy,
): Promise<{ method: 'totp' | 'recovery_code'; recoveryCodesLeft: number; clear: (tx: DbOrTx) => Promise<void> }> {
  const userId = principal.user.id;
  const actor = actorOf(principal);
  const row = await findTotp(db, userId);
  if (!row?.confirmedAt) {
    throw new DomainError('conflict', 'not_enrolled', { ko: '등록된 OTP가 없습니다.', en: 'No second factor is set up.' });
  }
  const attempt = await takeCodeAttempt(db, actor, userId, input.signInPolicy);
  const code = input.code.trim();
  let method: 'totp' | 'recovery_code';
  if (/^\d{6}$/.test(code)) {
    const step = acceptedStep(totpOf(openSecret(row.secret, policy.totpKey), principal.user.username), code, input.now ?? Date.now());
    if (step === null) return codeFailed(db, actor, userId, 'wrong', attempt.failures);
    if (!(await useTotpStep(db, userId, step))) return codeFailed(db, actor, userId, 'reused', attempt.failures);
    method = 'totp';
  } else {
    if (!(await useRecoveryCode(db, userId, recoveryCodeHash(userId, code)))) return codeFailed(db, actor, userId, 'recovery', attempt.failures);
    method = 'recovery_code';
  }
  return { method, recoveryCodesLeft: await unusedRecoveryCodes(db, userId), clear: (tx) => clearAttempts(tx, attempt.key) };
}

/**
 * A city admin removes another user's second factor (a lost phone): audited, the user's sessions end and, where
 * the policy requires it, they must enrol again at the next sign-in. One's own cannot be reset (another admin must
 * do it), and the acting session must itself have passed the second factor.
 */
export async function resetSecondFactor(db: Db, principal: Principal | null, userId: number): Promise<void> {
  requireRole(principal, 'city_admin');
  requireSecondFactor(principal);
  const actor = actorOf(principal);
  if (actor.userId === userId) {
    throw new DomainError('conflict', 'self', {
      ko: '자신의 2단계 인증은 초기화할 수 없습니다. 다른 시 관리자에게 요청하세요.',
      en: 'You cannot reset your own second factor; ask another city admin.',
    });
  }
  await db.transaction(async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw notFound({ ko: `사용자 ${userId}`, en: `User ${userId}` });
    const had = await deleteTotp(tx, userId);
    await clearAttempts(tx, codeKey(userId));
    await appendAudit(tx, actor, { action: 'user.second_factor_reset', entityType: 'user', entityId: userId, after: { hadSecondFactor: had } });
    await endSessionsOnPrivilegeChange(tx, actor, userId, 'second factor reset');
  });
}
