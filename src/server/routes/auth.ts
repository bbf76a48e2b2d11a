import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { noContent } from '../../contract/common.js';
import {
  changePasswordBody,
  loginBody,
  logoutAnswer,
  recoveryCodesSchema,
  secondFactorCodeBody,
  secondFactorStatusSchema,
  sessionSchema,
  totpEnrolmentSchema,
} from '../../contract/auth.js';
import { countDemoUsers } from '../../domain/installation.js';
import { changeOwnPassword, completeSecondFactor, login, logout, SESSION_TTL_MS } from '../../domain/auth.js';
import { beginEnrolment, confirmEnrolment, secondFactorStatus } from '../../domain/totp.js';
import { secondFactorPolicy, sessionAnswer } from '../second-factor.js';
import { DomainError } from '../../domain/errors.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../access.js';
import type { AppContext } from '../context.js';
import { LoginThrottle } from '../login-throttle.js';
import { waitInWords, type SignInPolicy } from '../../domain/sign-in-protection.js';

/**
 * Answers of a sign-in that counts as a guess: wrong credentials, a disabled demo account, and an attempt refused by
 * the delay per name (so hammering a delayed name costs the address its budget too).
 */
const GUESS_FAILED = new Set([401, 403, 429]);

export const authRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const throttle = new LoginThrottle({ perMinute: ctx.config.HOPEJOBS_LOGIN_RATE_PER_MIN });
    const signInPolicy: SignInPolicy = {
      freeFailures: ctx.config.HOPEJOBS_SIGNIN_FREE_FAILURES,
      firstDelaySeconds: ctx.config.HOPEJOBS_SIGNIN_FIRST_DELAY_S,
      maxDelaySeconds: ctx.config.HOPEJOBS_SIGNIN_MAX_DELAY_S,
      nameCeiling: ctx.config.HOPEJOBS_SIGNIN_NAME_CEILING,
    };
    const allowDemo = ctx.config.HOPEJOBS_DEMO;
    const factorPolicy = secondFactorPolicy(ctx.config);
    const cookieOptions = (req: FastifyRequest) => sessionCookieOptions(ctx.config.HOPEJOBS_COOKIE_SECURE, req);

    if (!allowDemo) {
      app.addHook('onReady', async () => {
        const n = await countDemoUsers(ctx.database.db);
        if (n > 0) ctx.logger?.warn({ demoAccounts: n }, 'demo accounts exist but HOPEJOBS_DEMO=0: they cannot sign in');
      });
    }

    // An attempt takes a token before the password is checked; only a failed check or a delayed attempt keeps it (a
    // malformed body, a server error or a successful sign-in gives it back), so the bucket counts guesses, not
    // requests. A refusal's Retry-After header is set by the problem mapper from `retryAfter`.
    const holding = new WeakSet<FastifyRequest>();
    const throttled = async (req: FastifyRequest) => {
      const taken = throttle.take(req.ip);
      if (taken.ok) {
        holding.add(req);
        return;
      }
      const wait = waitInWords(taken.retryAfterSeconds);
      throw new DomainError(
        'too_many_requests',
        'login_throttled',
        {
          ko: `이 주소에서 로그인 시도가 너무 많습니다. ${wait.ko} 후 다시 시도하세요.`,
          en: `Too many sign-in attempts from this address. Try again in ${wait.en}.`,
        },
        [],
        { retryAfter: taken.retryAfterSeconds },
      );
    };
    const settle = async (req: FastifyRequest, reply: FastifyReply) => {
      if (holding.has(req) && !GUESS_FAILED.has(reply.statusCode)) throttle.refund(req.ip);
    };

    app.post(
      '/api/v1/auth/login',
      {
        config: { access: 'public' },
        onRequest: throttled,
        onResponse: settle,
        schema: {
          tags: ['auth'],
          summary: 'Sign in; sets the session cookie and returns the CSRF token for later writes',
          body: loginBody,
          response: { 200: sessionSchema },
        },
      },
      async (req, reply) => {
        const { token, principal } = await login(ctx.database.db, {
          username: req.body.username,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          previousToken: req.cookies[SESSION_COOKIE] ?? null,
          allowDemo,
          signInPolicy,
          ...factorPolicy,
          passwordSignIn: ctx.config.PASSWORD_SIGN_IN,
        });
        reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(req), maxAge: Math.floor(SESSION_TTL_MS / 1000) });
        return sessionAnswer(principal);
      },
    );

    app.post(
      '/api/v1/auth/logout',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Sign out (ends this session); a session opened by single sign-on answers 200 with the identity provider’s sign-out address when it has one',
          response: { 200: logoutAnswer, 204: noContent },
        },
      },
      async (req, reply) => {
        const ended = req.principal ? await logout(ctx.database.db, req.principal) : null;
        reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
        const endSessionUrl = ended?.identityProvider && ctx.oidc?.settings.issuer === ended.identityProvider ? await ctx.oidc.endSessionUrl() : null;
        if (endSessionUrl) return reply.code(200).send({ endSessionUrl });
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
          response: { 200: sessionSchema },
        },
      },
      async (req) => {
        return sessionAnswer(req.principal!);
      },
    );

    app.post(
      '/api/v1/me/password',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Change your own password (the current one is required); ends your other sessions and renews this one',
          body: changePasswordBody,
          response: { 200: sessionSchema },
        },
      },
      async (req, reply) => {
        const { token, principal } = await changeOwnPassword(ctx.database.db, req.principal!, {
          currentPassword: req.body.currentPassword,
          newPassword: req.body.newPassword,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          signInPolicy,
          ...factorPolicy,
        });
        reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(req), maxAge: Math.floor(SESSION_TTL_MS / 1000) });
        return sessionAnswer(principal);
      },
    );

    app.post(
      '/api/v1/auth/second-factor',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Second step of signing in: a one-time code (or a recovery code); renews the session as having passed it',
          body: secondFactorCodeBody,
          response: { 200: sessionSchema },
        },
      },
      async (req, reply) => {
        const { token, principal } = await completeSecondFactor(ctx.database.db, req.principal!, {
          code: req.body.code,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          signInPolicy,
          ...factorPolicy,
        });
        reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(req), maxAge: Math.floor(SESSION_TTL_MS / 1000) });
        return sessionAnswer(principal);
      },
    );

    app.get(
      '/api/v1/me/second-factor',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Your second factor: set up or not, recovery codes left, required or not',
          response: { 200: secondFactorStatusSchema },
        },
      },
      async (req) => secondFactorStatus(ctx.database.db, req.principal, factorPolicy),
    );

    app.post(
      '/api/v1/me/second-factor/enrolment',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Start setting up one-time codes: a new secret, its otpauth URI and QR code (shown only now)',
          response: { 200: totpEnrolmentSchema },
        },
      },
      async (req) => beginEnrolment(ctx.database.db, req.principal, factorPolicy),
    );

    app.post(
      '/api/v1/me/second-factor/enrolment/confirm',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Confirm the setup with a code; answers the single-use recovery codes, shown only now',
          body: secondFactorCodeBody,
          response: { 200: recoveryCodesSchema },
        },
      },
      async (req) => confirmEnrolment(ctx.database.db, req.principal, { code: req.body.code, signInPolicy }, factorPolicy),
    );
  };
