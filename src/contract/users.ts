import { z } from 'zod';
import { bilingual, lang } from './common.js';
import { zodMessage } from '../message.js';
import { roles } from './values.js';

/** 3–64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/** An account as the city admin sees it: never the password hash. */
export const userViewSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  isDemo: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable().describe('set while sign-ins of this name must wait after failed ones, from at least one address'),
  mustChangePassword: z.boolean(),
  secondFactor: z.boolean().describe('the account has a confirmed second factor (TOTP); a city admin may reset it'),
  roles: z.array(z.object({ role: z.enum(roles), orgUnitCode: z.string().nullable(), orgUnitName: z.string().nullable() })),
  lastSeenAt: z.string().nullable().describe('the last successful sign-in'),
  createdAt: z.string(),
  version: z.number().int(),
  dutyWarnings: z
    .array(z.object({ code: z.literal('officer_and_approver'), orgUnitCode: z.string(), message: bilingual }))
    .describe('Separation of duties: districts where the account is both officer and approver (allowed, audited with this warning)'),
});

export const userListSchema = z.object({ users: z.array(userViewSchema) });
export const userAnswerSchema = z.object({ user: userViewSchema });
/** A new account, or a reset password: the one-time password is in this answer and nowhere else. */
export const oneTimePasswordSchema = z.object({ user: userViewSchema, oneTimePassword: z.string() });

/** One role to grant; district roles need the district's code (reviewers may name one). */
export const roleInputSchema = z.object({
  role: z.enum(roles),
  orgUnitCode: z
    .string()
    .regex(/^\d{5}$/, zodMessage({ ko: '다섯 자리 행정 코드여야 합니다.', en: 'a 5-digit administrative code' }))
    .nullish()
    .describe('the district of a district officer or approver (required for them); a reviewer’s own district (conflict of interest)'),
});

const displayName = z.string().trim().min(1).max(100);
const version = z.number().int().min(1);

export const userListQuery = z.object({
  q: z.string().trim().max(100).optional().describe('part of the username or display name'),
  role: z.enum(roles).optional(),
  orgUnitCode: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
});
export const userWorkbookQuery = userListQuery.extend({ lang: lang.optional() });
export const userIdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const createUserBody = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      USERNAME_PATTERN,
      zodMessage({
        ko: '아이디는 영문 소문자·숫자·. _ - 로 3–64자이며 영문자나 숫자로 시작합니다.',
        en: '3–64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit',
      }),
    ),
  displayName,
  roles: z.array(roleInputSchema).max(30),
});
export const updateUserBody = z.object({ version, displayName: displayName.optional(), disabled: z.boolean().optional() });
export const setUserRolesBody = z.object({ version, roles: z.array(roleInputSchema).max(30) });
export const versionBody = z.object({ version });
