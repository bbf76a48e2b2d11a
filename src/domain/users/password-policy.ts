import { MAX_PASSWORD_LENGTH } from '../../contract/auth.js';
import type { FieldProblem } from '../errors.js';

export const MIN_PASSWORD_LENGTH = 10;
export { MAX_PASSWORD_LENGTH };

/**
 * Passwords people pick first. Guessing is already slowed by the sign-in throttle and lockout; refusing these keeps
 * a careless choice from being the first guess. (NIST SP 800-63B: a minimum length and a block-list, no
 * composition rules.)
 */
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '1q2w3e4r5t',
  'qwertyuiop',
  'password1234',
  'password123',
  'passw0rd123',
  'iloveyou12',
  'qwer1234!!',
  'asdf1234!!',
  'a123456789',
  '1234qwer!!',
  'abcd123456',
  'admin12345',
  'seoul12345',
  'hopejobs12',
  'hopejobs123',
  'changeme12',
  'welcome123',
  'q1w2e3r4t5',
  'zxcvbnm123',
  '11111111111',
  'dkssudgktpdy',
]);

/**
 * Problems with a password a person chose for themself: long enough, not the username, not a string of one
 * character, not on the block-list, and — when changing — not the same as before. Empty when it is acceptable.
 */
export function passwordProblems(input: { password: string; username: string; path?: string }): FieldProblem[] {
  const path = input.path ?? 'body.newPassword';
  const p = input.password;
  const lower = p.toLowerCase();
  const problems: FieldProblem[] = [];
  const add = (ko: string, en: string) => problems.push({ path, message: { ko, en } });
  if ([...p].length < MIN_PASSWORD_LENGTH)
    add(`비밀번호는 ${MIN_PASSWORD_LENGTH}자 이상이어야 합니다.`, `A password has at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (p.length > MAX_PASSWORD_LENGTH) add(`비밀번호는 ${MAX_PASSWORD_LENGTH}자 이하여야 합니다.`, `A password has at most ${MAX_PASSWORD_LENGTH} characters.`);
  if (input.username.length >= 3 && lower.includes(input.username.toLowerCase()))
    add('비밀번호에 아이디를 넣을 수 없습니다.', 'A password cannot contain the username.');
  if (p.length > 0 && new Set(p).size <= 2) add('같은 문자만 반복한 비밀번호는 쓸 수 없습니다.', 'A password cannot be one character repeated.');
  if (COMMON.has(lower)) add('너무 흔한 비밀번호입니다. 다른 비밀번호를 고르세요.', 'This password is too common; choose another.');
  return problems;
}
