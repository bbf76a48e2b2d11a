import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createUserBody,
  oneTimePasswordSchema,
  setUserRolesBody,
  updateUserBody,
  userAnswerSchema,
  userIdParams,
  userListQuery,
  userListSchema,
  userWorkbookQuery,
  versionBody,
} from '../../contract/users.js';
import { attachmentDisposition } from '../../domain/exports/download-name.js';
import { accountsWorkbook, createAccount, getAccount, listAccounts, resetAccountPassword, setAccountRoles, updateAccount } from '../../domain/users/index.js';
import { requestLang } from '../problem.js';
import { noContent } from '../../contract/common.js';
import { resetSecondFactor } from '../../domain/totp.js';
import type { AppContext } from '../context.js';

const admins = { roles: ['city_admin'] as const };

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
          querystring: userListQuery,
          response: { 200: userListSchema },
        },
      },
      async (req) => ({
        users: await listAccounts(db, req.principal, { q: req.query.q || undefined, role: req.query.role, orgUnitCode: req.query.orgUnitCode }),
      }),
    );

    app.get(
      '/api/v1/users.xlsx',
      {
        config: { access: admins },
        schema: {
          tags: ['users'],
          summary: '사용자 목록 엑셀 / the account list as xlsx (one row per role; no passwords)',
          querystring: userWorkbookQuery,
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
          body: createUserBody,
          response: { 201: oneTimePasswordSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await createAccount(db, req.principal, req.body)),
    );

    app.get(
      '/api/v1/users/:id',
      {
        config: { access: admins },
        schema: { tags: ['users'], summary: 'One account', params: userIdParams, response: { 200: userAnswerSchema } },
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
          params: userIdParams,
          body: updateUserBody,
          response: { 200: userAnswerSchema },
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
          params: userIdParams,
          body: setUserRolesBody,
          response: { 200: userAnswerSchema },
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
          params: userIdParams,
          body: versionBody,
          response: { 200: oneTimePasswordSchema },
        },
      },
      async (req) => resetAccountPassword(db, req.principal, req.params.id, req.body),
    );

    app.delete(
      '/api/v1/users/:id/second-factor',
      {
        config: { access: admins },
        schema: {
          tags: ['users'],
          summary: '2단계 인증 초기화 / remove another account’s second factor (a lost phone); audited, their sessions end',
          params: userIdParams,
          response: { 204: noContent },
        },
      },
      async (req, reply) => {
        await resetSecondFactor(db, req.principal, req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
