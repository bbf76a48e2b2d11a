import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { login, logout, SESSION_TTL_MS } from '../../domain/auth.js';
import { roles } from '../../db/schema.js';
import { SESSION_COOKIE } from '../access.js';
import type { AppContext } from '../context.js';

const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  isDemo: z.boolean(),
  roles: z.array(z.object({ role: z.enum(roles), orgUnitCode: z.string().nullable() })),
});

export const authRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Sign in; sets the session cookie and returns the CSRF token for later writes',
          body: z.object({
            username: z.string().trim().min(1).max(100),
            password: z.string().min(1).max(200),
          }),
          response: { 200: z.object({ user: userSchema, csrfToken: z.string() }) },
        },
      },
      async (req, reply) => {
        const { token, principal } = await login(ctx.database.db, {
          username: req.body.username,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          previousToken: req.cookies[SESSION_COOKIE] ?? null,
        });
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: req.protocol === 'https',
          maxAge: Math.floor(SESSION_TTL_MS / 1000),
        });
        return { user: principal.user, csrfToken: principal.csrfToken };
      },
    );

    app.post(
      '/api/v1/auth/logout',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['auth'], summary: 'Sign out (ends this session)', response: { 204: z.null() } },
      },
      async (req, reply) => {
        if (req.principal) await logout(ctx.database.db, req.principal);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/me',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user, roles and the CSRF token of the session',
          response: { 200: z.object({ user: userSchema, csrfToken: z.string() }) },
        },
      },
      async (req) => {
        const p = req.principal!;
        return { user: p.user, csrfToken: p.csrfToken };
      },
    );
  };
