import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { redirectAnswer, signInMethodsSchema, ssoCallbackQuery, ssoStartQuery } from '../../contract/auth.js';
import { SESSION_TTL_MS } from '../../domain/auth.js';
import { DomainError } from '../../domain/errors.js';
import { signInWithSso } from '../../domain/sso.js';
import { secondFactorPolicy } from '../second-factor.js';
import { cookieIsSecure, SESSION_COOKIE, sessionCookieOptions } from '../access.js';
import type { AppContext } from '../context.js';
import { openAttempt, sealAttempt, SSO_ATTEMPT_TTL_MS, SSO_COOKIE, SSO_COOKIE_PATH, SsoError, type SsoFailure } from '../oidc.js';

/** Only a path of this app may follow a sign-in (never another site): `/x` but not `//host` or `/\host`. */
function safeNext(next: string | undefined): string {
  return next !== undefined && /^\/(?![/\\])/.test(next) && !/[\r\n]/.test(next) ? next : '/my';
}

const ssoOff = () =>
  new DomainError('not_found', 'sso_off', {
    ko: '이 기관은 통합 로그인(기관 계정)을 쓰지 않습니다.',
    en: 'Single sign-on is not configured here.',
  });

/**
 * Single sign-on with OpenID Connect: the sign-in page asks which methods there are, the button goes to `start`
 * (which sends the browser to the identity provider), and the identity provider sends it back to `callback`, which
 * opens our ordinary session. Failures go back to the sign-in page with `?sso=<reason>`, which explains them; the
 * details go to the log and the audit trail, never to the page.
 */
export const ssoRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const rp = ctx.oidc ?? null;
    const attemptCookie = (req: FastifyRequest) => ({
      path: SSO_COOKIE_PATH,
      httpOnly: true,
      // Lax: the identity provider's redirect back is a top-level navigation from another site, which must carry it.
      sameSite: 'lax' as const,
      secure: cookieIsSecure(ctx.config.HOPEJOBS_COOKIE_SECURE, req),
    });
    const backToSignIn = (reply: FastifyReply, reason: SsoFailure | 'no_account' | 'unusable') =>
      reply.header('cache-control', 'no-store').redirect(`/sign-in?sso=${reason}`, 302);

    app.get(
      '/api/v1/auth/methods',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'How to sign in here: the password form and/or single sign-on (its button label)',
          response: { 200: signInMethodsSchema },
        },
      },
      async () => ({ password: ctx.config.PASSWORD_SIGN_IN, sso: rp ? { displayName: rp.settings.displayName } : null }),
    );

    app.get(
      '/api/v1/auth/sso/start',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Single sign-on: redirects to the identity provider (authorisation code, PKCE S256, state, nonce)',
          querystring: ssoStartQuery,
          response: { 302: redirectAnswer },
        },
      },
      async (req, reply) => {
        if (!rp) throw ssoOff();
        try {
          const { url, attempt } = await rp.start(safeNext(req.query.next));
          reply.setCookie(SSO_COOKIE, sealAttempt(rp.key, attempt), { ...attemptCookie(req), maxAge: Math.floor(SSO_ATTEMPT_TTL_MS / 1000) });
          return reply.header('cache-control', 'no-store').redirect(url, 302);
        } catch (err) {
          if (!(err instanceof SsoError)) throw err;
          req.log.warn({ err: err.message }, 'single sign-on: identity provider unreachable');
          return backToSignIn(reply, err.reason);
        }
      },
    );

    app.get(
      '/api/v1/auth/sso/callback',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Single sign-on: where the identity provider sends the browser back; opens the session and redirects into the app',
          querystring: ssoCallbackQuery,
          response: { 302: redirectAnswer },
        },
      },
      async (req, reply) => {
        if (!rp) throw ssoOff();
        // One attempt, one use: the cookie goes whatever happens next.
        reply.clearCookie(SSO_COOKIE, attemptCookie(req));
        const attempt = openAttempt(rp.key, req.cookies[SSO_COOKIE]);
        if (!attempt) {
          req.log.warn('single sign-on: no valid attempt cookie (expired, tampered with, or another browser)');
          return backToSignIn(reply, 'expired');
        }
        const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
        let identity;
        try {
          identity = await rp.finish(query, attempt);
        } catch (err) {
          if (!(err instanceof SsoError)) throw err;
          req.log.warn({ err: err.message }, 'single sign-on refused');
          return backToSignIn(reply, err.reason);
        }
        try {
          const { token } = await signInWithSso(
            ctx.database.db,
            identity,
            {
              usernameClaim: rp.settings.usernameClaim,
              provision: rp.settings.provision,
              allowDemo: ctx.config.HOPEJOBS_DEMO,
              ...secondFactorPolicy(ctx.config),
            },
            { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, previousToken: req.cookies[SESSION_COOKIE] ?? null },
          );
          reply.setCookie(SESSION_COOKIE, token, {
            ...sessionCookieOptions(ctx.config.HOPEJOBS_COOKIE_SECURE, req),
            maxAge: Math.floor(SESSION_TTL_MS / 1000),
          });
          return reply.header('cache-control', 'no-store').redirect(attempt.next, 302);
        } catch (err) {
          if (!(err instanceof DomainError) || err.kind !== 'forbidden') throw err;
          return backToSignIn(reply, err.code === 'sso_no_account' ? 'no_account' : 'unusable');
        }
      },
    );
  };
