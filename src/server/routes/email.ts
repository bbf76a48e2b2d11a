import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { emailSettingsBody, emailSettingsSchema, unsubscribedSchema, unsubscribeQuery } from '../../contract/email.js';
import { getEmailSettings, unsubscribeFromDigest, updateEmailSettings } from '../../domain/notifications/email/index.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { LoginThrottle } from '../login-throttle.js';

/** Unsubscribe attempts per client address and minute (a bound on guessing, with the token's 256-bit signature). */
const UNSUBSCRIBE_PER_MIN = 20;

export const emailRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;
    const delivery = ctx.mail !== null;
    // RFC 8058: a mail client's one-click unsubscribe posts the form body "List-Unsubscribe=One-Click"; the token is
    // in the address, so the body is read and ignored (this plugin's scope only).
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, _body, done) => done(null, {}));

    app.get(
      '/api/v1/me/email-settings',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: '알림 메일 설정 / my e-mail address, language and how each kind of notification is mailed',
          response: { 200: emailSettingsSchema },
        },
      },
      async (req) => getEmailSettings(db, req.principal, delivery),
    );

    app.put(
      '/api/v1/me/email-settings',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: 'Save my e-mail address, language and modes (immediately, daily digest, off); kinds not listed keep theirs',
          body: emailSettingsBody,
          response: { 200: emailSettingsSchema },
        },
      },
      async (req) => updateEmailSettings(db, req.principal, req.body, delivery),
    );

    const attempts = new LoginThrottle({ perMinute: UNSUBSCRIBE_PER_MIN });
    app.post(
      '/api/v1/email/unsubscribe',
      {
        config: { access: 'public' },
        onRequest: async (req, reply) => {
          const taken = attempts.take(req.ip);
          if (taken.ok) return;
          reply.header('retry-after', String(taken.retryAfterSeconds));
          throw new DomainError('too_many_requests', 'unsubscribe_rate_limited', {
            ko: `요청이 너무 많습니다. ${taken.retryAfterSeconds}초 후 다시 시도하세요.`,
            en: `Too many requests. Try again in ${taken.retryAfterSeconds} seconds.`,
          });
        },
        schema: {
          tags: ['notifications'],
          summary: 'One-click unsubscribe from the daily digest (RFC 8058) with the signed token of the e-mail; no session needed',
          querystring: unsubscribeQuery,
          response: { 200: unsubscribedSchema },
        },
      },
      async (req) => unsubscribeFromDigest(db, req.query.token),
    );
  };
