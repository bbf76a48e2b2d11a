import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../domain/authz.js';
import { attachmentDisposition } from '../../domain/exports/download-name.js';
import { accountsWorkbook, createAccount, getAccount, listAccounts, resetAccountPassword, setAccountRoles, updateAccount, USERNAME_PATTERN } from '../../domain/users/index.js';
import { zodMessage } from '../../message.js';
import { requestLang } from '../problem.js';
import type { AppContext } from '../context.js';

const admins = { roles: ['city_admin'] as const };

const userView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  isDemo: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable().describe('set while sign-ins of this name must wait after failed ones, from at least one address'),
  mustChangePassword: z.boolean(),
  roles: z.array(z.object({ role: z.enum(roles), orgUnitCode: z.string().nullable(), orgUnitName: z.string().nullable() })),
  lastSeenAt: z.string().nullable().describe('the last successful sign-in'),
  createdAt: z.string(),
  version: z.number().int(),
  dutyWarnings: z
    .array(z.object({ code: z.literal('officer_and_approver'), orgUnitCode: z.string(), message: z.object({ ko: z.string(), en: z.string() }) }))
    .describe('Separation of duties: districts where the account is both officer and approver (allowed, audited with this warning)'),
});

const roleInput = z.object({
  role: z.enum(roles),
  orgUnitCode: z
    .string()
    .regex(/^\d{5}$/, zodMessage({ ko: '다섯 자리 행정 코드여야 합니다.', en: 'a 5-digit administrative code' }))
    .nullish()
    .describe('the district of a district officer or approver (required for them); a reviewer’s own district (conflict of interest)'),
});

const displayName = z.string().trim().min(1).max(100);
const listQuery = z.object({
  q: z.string().trim().max(100).optional().describe('part of the username or display name'),
  role: z.enum(roles).optional(),
  orgUnitCode: z.string().regex(/^\d{5}$/).optional(),
});
const id = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const version = z.number().int().min(1);

/** Accounts and their roles, for the city administrator. Every change is audited; none shows or stores a password in clear. */
export const userRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;

    app.get(
      '/api/v1/users',
      {
        config: { access: admins },
        schema: {
          tags: ['users'],
          summary: '사용자 목록 / accounts with their roles, by username',
          querystring: listQuery,
          response: { 200: z.object({ users: z.array(userView) }) },
        },
      },
      async (req) => ({ users: await listAccounts(db, req.principal, { q: req.query.q || undefined, role: req.query.role, orgUnitCode: req.query.orgUnitCode }) }),
    );

    app.get(
      '/api/v1/users.xlsx',
      {
        config: { access: admins },
        schema: {
          tags: ['users'],
          summary: '사용자 목록 엑셀 / the account list as xlsx (one row per role; no passwords)',
          querystring: listQuery.extend({ lang: z.enum(['ko', 'en']).optional() }),
        },
      },
      async (req, reply) => {
        const users = await listAccounts(db, req.principal, { q: req.query.q || undefined, role: req.query.role, orgUnitCode: req.query.orgUnitCode });
        const lang = req.query.lang ?? requestLang(req);
        const body = await accountsWorkbook(users, lang);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', attachmentDisposition(lang === 'ko' ? '사용자_목록.xlsx' : 'users.xlsx', 'users.xlsx'))
          .header('cache-control', 'private, no-store')
          .send(body);
      },
    );

    app.post(
      '/api/v1/users',
      {
        config: { access: admins },
        schema: {
          tags: ['users'],
          summary: 'Create an account with a one-time password (shown once; the user must change it at the first sign-in)',
          body: z.object({
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
            roles: z.array(roleInput).max(30),
          }),
          response: { 201: z.object({ user: userView, oneTimePassword: z.string() }) },
        },
      },
      async (req, reply) => reply.code(201).send(await createAccount(db, req.principal, req.body)),
    );

    app.get(
      '/api/v1/users/:id',
      {
        config: { access: admins },
        schema: { tags: ['users'], summary: 'One account', params: id, response: { 200: z.object({ user: userView }) } },
      },
      async (req) => ({ user: await getAccount(db, req.principal, req.params.id) }),
    );

    app.patch(
      '/api/v1/users/:id',
      {
        config: { access: admins },
        schema: {
          tags: ['users'],
          summary: 'Change the display name, or disable / enable the account (disabling ends its sessions)',
          params: id,
          body: z.object({ version, displayName: displayName.optional(), disabled: z.boolean().optional() }),
          response: { 200: z.object({ user: userView }) },
        },
      },
      async (req) => ({ user: await updateAccount(db, req.principal, req.params.id, req.body) }),
    );

    app.put(
      '/api/v1/users/:id/roles',
      {
        config: { access: admins },
        schema: {
          tags: ['users'],
          summary: 'Replace the account’s roles (ends its sessions, so the change holds from the next request)',
          params: id,
          body: z.object({ version, roles: z.array(roleInput).max(30) }),
          response: { 200: z.object({ user: userView }) },
        },
      },
      async (req) => ({ user: await setAccountRoles(db, req.principal, req.params.id, req.body) }),
    );

    app.post(
      '/api/v1/users/:id/password-reset',
      {
        config: { access: admins },
        schema: {
          tags: ['users'],
          summary: 'Set a new one-time password (shown once), end the sign-in delays of the name and end its sessions',
          params: id,
          body: z.object({ version }),
          response: { 200: z.object({ user: userView, oneTimePassword: z.string() }) },
        },
      },
      async (req) => resetAccountPassword(db, req.principal, req.params.id, req.body),
    );
  };
