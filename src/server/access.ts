import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveSession, type DemoPolicy, type Principal } from '../domain/auth.js';
import { holds } from '../domain/authz.js';
import { DomainError } from '../domain/errors.js';
import type { Role } from '../domain/authz.js';
import type { Database } from '../db/client.js';

/**
 * Every route declares who may call it in `config.access`; one hook enforces it as the request arrives (Fastify's
 * `onRequest`, before the body is parsed or any parameter validated, so a caller who may not make the call learns
 * 401/403 and nothing about what a valid request looks like), and a route without a declaration is refused at
 * registration (so nothing is left open by accident).
 *  - 'public': anyone, no session read;
 *  - 'authenticated': any signed-in user;
 *  - { roles: [...] }: a signed-in user holding one of the roles, by the domain's own rule (`holds`); the services
 *    check the principal again, with district scoping and stage, so this gate is the outer one and the OpenAPI label.
 */
export type Access = 'public' | 'authenticated' | { roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const SESSION_COOKIE = 'hj_session';

/**
 * The session cookie is Secure when HOPEJOBS_COOKIE_SECURE=true, never when false, and with `auto` when the request
 * came over HTTPS — directly, or through a proxy trusted by HOPEJOBS_TRUST_PROXY that says so in X-Forwarded-Proto.
 */
export function cookieIsSecure(setting: 'auto' | 'true' | 'false', req: FastifyRequest): boolean {
  return setting === 'auto' ? req.protocol === 'https' : setting === 'true';
}

/** The session cookie's attributes (without its lifetime), for every route that sets or clears it. */
export function sessionCookieOptions(setting: 'auto' | 'true' | 'false', req: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: cookieIsSecure(setting, req) };
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** All a user with a temporary password may do: see who they are, choose their own password, sign out. */
const PASSWORD_CHANGE_ROUTES = new Set(['GET /api/v1/me', 'POST /api/v1/me/password', 'POST /api/v1/auth/logout']);
/** All a session opened by the password of a user with a second factor may do: enter the code, or sign out. */
const CODE_ROUTES = new Set(['GET /api/v1/me', 'POST /api/v1/auth/second-factor', 'POST /api/v1/auth/logout']);
/** All a user the policy requires to enrol may do (besides choosing a password first, when one is required). */
const ENROL_ROUTES = new Set([
  'GET /api/v1/me',
  'POST /api/v1/me/password',
  'POST /api/v1/auth/logout',
  'GET /api/v1/me/second-factor',
  'POST /api/v1/me/second-factor/enrolment',
  'POST /api/v1/me/second-factor/enrolment/confirm',
]);

/**
 * `allowDemo: false` (HOPEJOBS_DEMO=0) makes sessions of demo accounts count as signed out; the second-factor
 * policy decides which sessions must first enter a code or enrol (src/domain/totp.ts).
 */
export function registerAccessControl(app: FastifyInstance, database: Database, policy: DemoPolicy = {}) {
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (!url.startsWith('/api/v1/')) return;
    if (route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${url} declares no access rule`);
    }
  });

  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const access = req.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const token = req.cookies[SESSION_COOKIE];
    const principal = token ? await resolveSession(database.db, token, policy) : null;
    if (!principal) {
      throw new DomainError('unauthenticated', 'unauthenticated', {
        ko: '로그인이 필요합니다.',
        en: 'Please sign in.',
      });
    }
    if (MUTATING.has(req.method) && req.headers['x-csrf-token'] !== principal.csrfToken) {
      throw new DomainError('forbidden', 'csrf', {
        ko: '보안 토큰(CSRF)이 없거나 올바르지 않습니다. 페이지를 새로 고친 뒤 다시 시도하세요.',
        en: 'Missing or wrong CSRF token. Reload the page and try again.',
      });
    }
    const route = `${req.method} ${req.routeOptions.url}`;
    if (principal.secondFactor?.pending === 'code' && !CODE_ROUTES.has(route)) {
      throw new DomainError('forbidden', 'second_factor_pending', {
        ko: '먼저 인증 앱의 일회용 코드(또는 복구 코드)를 입력하세요. 그 전에는 다른 작업을 할 수 없습니다.',
        en: 'Enter the one-time code from your authenticator app (or a recovery code) first: nothing else is allowed before it.',
      });
    }
    if (principal.user.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(route)) {
      throw new DomainError('forbidden', 'password_change_required', {
        ko: '먼저 비밀번호를 바꾸세요. 관리자가 정한 임시 비밀번호로는 다른 작업을 할 수 없습니다.',
        en: 'Change your password first: a temporary password set by an administrator allows nothing else.',
      });
    }
    if (principal.secondFactor?.pending === 'enrol' && !ENROL_ROUTES.has(route)) {
      throw new DomainError('forbidden', 'second_factor_enrolment_required', {
        ko: '먼저 2단계 인증(OTP)을 등록하세요. 시 관리자와 감사 담당자는 등록해야 다른 작업을 할 수 있습니다.',
        en: 'Set up the second factor (one-time codes) first: city admins and auditors must have it before anything else.',
      });
    }
    if (access !== 'authenticated' && !holds(principal, ...access.roles)) {
      throw new DomainError('forbidden', 'forbidden', { ko: '이 작업을 할 권한이 없습니다.', en: 'You are not allowed to do this.' });
    }
    req.principal = principal;
  });
}
