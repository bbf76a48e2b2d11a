import { isIPv6 } from 'node:net';
import type { Db } from '../db/client.js';
import {
  deleteFailureCount,
  deleteFailureCountsOfName,
  lockFailureCount,
  pruneIdleFailureCounts,
  recentFailuresOfName,
  setFailureCount,
  waitsOfNames,
  type SignInKey,
} from '../db/repositories/sign-in-failures.js';
import type { DbOrTx } from '../db/tx.js';
import { DomainError, type Message } from './errors.js';

/**
 * Progressive delay of password guessing, per name and client address (OWASP Authentication Cheat Sheet: an
 * exponential delay instead of a fixed lock-out, and no lock-out a stranger can trigger).
 *
 * Every password check — a sign-in, or the current password on a password change — is one attempt on the counter of
 * (name as typed, client address). The first `freeFailures` cost nothing; after them each attempt must wait
 * `firstDelaySeconds`, doubling with every further failure up to `maxDelaySeconds`, and an attempt inside the wait
 * is refused before any password is checked (the right password too). A successful check clears the counter of that
 * address only, so a guesser is never let off by the real user's sign-in. A counter is forgotten after a quiet
 * period (`forgetAfterSeconds`).
 *
 * Failures from one address slow only that address: the real user signing in from elsewhere is not affected. Against
 * guessing from many addresses there is a ceiling per name: while the name collected `nameCeiling` failures within
 * NAME_WINDOW_SECONDS from all addresses together, every address gets a single free failure instead of
 * `freeFailures` — an address with no failures still signs in at once.
 *
 * Names with no account are counted exactly like names with one, so the answers never tell which names exist.
 * The counters live in PostgreSQL, so all app servers share them.
 */
export interface SignInPolicy {
  freeFailures: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** Failures of one name from all addresses within NAME_WINDOW_SECONDS that end the free failures; 0 = no ceiling. */
  nameCeiling: number;
}

export const defaultSignInPolicy: SignInPolicy = { freeFailures: 5, firstDelaySeconds: 15, maxDelaySeconds: 900, nameCeiling: 30 };

export const NAME_WINDOW_SECONDS = 15 * 60;

/** The quiet period after which a counter starts again from zero: an hour, or twice the longest delay. */
export function forgetAfterSeconds(policy: SignInPolicy): number {
  return Math.max(3600, 2 * policy.maxDelaySeconds);
}

/**
 * The wait before the next attempt after `failures` counted ones, when `free` of them cost nothing:
 * 0 while failures < free, else min(max, first · 2^(failures − free)).
 *
 * @example delaySeconds(5, 5, defaultSignInPolicy) // 15; then 30, 60, …, 900
 */
export function delaySeconds(failures: number, free: number, policy: SignInPolicy): number {
  if (failures < free) return 0;
  return Math.min(policy.maxDelaySeconds, policy.firstDelaySeconds * 2 ** Math.min(failures - free, 30));
}

/** The counter an attempt goes to: the name as typed (lower case) and the client's address as the throttle counts it. */
export function signInKey(name: string, ip: string | null): SignInKey {
  return { name: name.trim().toLowerCase().slice(0, 200), address: ip === null ? '' : addressKey(ip) };
}

/** Where an address counts: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 prefix (one subscriber's block). */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}

export type Attempt = { ok: true; key: SignInKey; failures: number; delayIfWrong: number } | { ok: false; key: SignInKey; retryAfterSeconds: number };

/**
 * Counts an attempt before its password is checked, or refuses it while the counter's wait runs. Counting first
 * (and undoing it with {@link clearAttempts} on success) means parallel requests cannot share one allowed attempt.
 * `delayIfWrong` is the wait the caller's failure now imposes.
 */
export async function takeAttempt(db: Db, key: SignInKey, policy: SignInPolicy): Promise<Attempt> {
  const forget = forgetAfterSeconds(policy);
  const attempt = await db.transaction(async (tx): Promise<Attempt> => {
    const free = (await underAttack(tx, key.name, policy)) ? Math.min(1, policy.freeFailures) : policy.freeFailures;
    const counter = await lockFailureCount(tx, key);
    if (counter.waitSeconds > 0) return { ok: false, key, retryAfterSeconds: Math.max(1, Math.ceil(counter.waitSeconds)) };
    const failures = (counter.ageSeconds > forget ? 0 : counter.failures) + 1;
    const delay = delaySeconds(failures, free, policy);
    await setFailureCount(tx, key, failures, delay);
    return { ok: true, key, failures, delayIfWrong: delay };
  });
  // Outside the transaction above, which holds its counter's lock: idle counters of other names go a few at a time.
  await pruneIdleFailureCounts(db, forget, 100);
  return attempt;
}

async function underAttack(db: DbOrTx, name: string, policy: SignInPolicy): Promise<boolean> {
  return policy.nameCeiling > 0 && (await recentFailuresOfName(db, name, NAME_WINDOW_SECONDS)) >= policy.nameCeiling;
}

/** After a right password: this address's counter for the name starts again (other addresses' counters stay). */
export function clearAttempts(db: DbOrTx, key: SignInKey): Promise<void> {
  return deleteFailureCount(db, key);
}

/** An administrator's reset: the name's counters from every address are forgotten. The number forgotten. */
export function forgetAttemptsOfName(db: DbOrTx, name: string): Promise<number> {
  return deleteFailureCountsOfName(db, signInKey(name, null).name);
}

/** For the account list: until when sign-ins of each name must wait from at least one address (absent: no wait). */
export function delayedUntil(db: DbOrTx, names: string[]): Promise<Map<string, Date>> {
  return waitsOfNames(db, names);
}

/** A wait in words: "40초" / "40 seconds", "2분 30초" / "2 min 30 s". */
export function waitInWords(seconds: number): Message {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m === 0) return { ko: `${s}초`, en: `${s} second${s === 1 ? '' : 's'}` };
  if (s === 0) return { ko: `${m}분`, en: `${m} minute${m === 1 ? '' : 's'}` };
  return { ko: `${m}분 ${s}초`, en: `${m} min ${s} s` };
}

/**
 * The one answer to an attempt inside a wait, whatever the name: whether it exists, is disabled or the password
 * would have been right is not said. 429 with Retry-After (set from `retryAfter` by the problem mapper).
 */
export function attemptsDelayed(retryAfterSeconds: number): DomainError {
  const wait = waitInWords(retryAfterSeconds);
  return new DomainError(
    'too_many_requests',
    'login_throttled',
    {
      ko: `비밀번호가 여러 번 틀려 잠시 기다려야 합니다. ${wait.ko} 후 다시 시도하세요.`,
      en: `Too many wrong passwords. Try again in ${wait.en}.`,
    },
    [],
    { retryAfter: retryAfterSeconds },
  );
}
