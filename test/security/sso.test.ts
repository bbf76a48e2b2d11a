import { createServer } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomPKCECodeVerifier, calculatePKCECodeChallenge } from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/server/app.js';
import { attemptKey, openAttempt, sealAttempt, type SsoAttempt } from '../../src/server/oidc.js';
import { runCli } from '../helpers/cli.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { signInAtProvider, startTestProvider, type TestProvider } from '../helpers/oidc-provider.js';

const PASSWORD = 'test-password-1';
const PUBLIC_URL = 'http://hopejobs.test';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/sso/callback`;
const CLIENT = { client_id: 'hopejobs', client_secret: 'hopejobs-test-client-secret-0123456789' };
const OTHER = { client_id: 'other-app', client_secret: 'other-app-test-client-secret-0123456789' };

/** A port nothing listens on (an identity provider that is down). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(backends())('single sign-on (OpenID Connect) on $name', (backend) => {
  let db: TestDatabase;
  let provider: TestProvider;
  const apps: FastifyInstance[] = [];
  let app: FastifyInstance;

  const appWith = async (env: Record<string, string>) => {
    const config = loadConfig({
      HOPEJOBS_DATA_DIR: db.dataDir ?? '.tmp/unused',
      LOG_LEVEL: 'silent',
      PUBLIC_URL,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.client_id,
      OIDC_CLIENT_SECRET: CLIENT.client_secret,
      OIDC_DISPLAY_NAME: '서울시 통합인증',
      ...env,
    });
    const built = await buildApp({ database: db, config, spa: false });
    await built.ready();
    apps.push(built);
    return built;
  };

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    provider = await startTestProvider();
    await provider.configure(
      [
        { ...CLIENT, redirect_uris: [CALLBACK], post_logout_redirect_uris: [`${PUBLIC_URL}/sign-in`] },
        { ...OTHER, redirect_uris: [CALLBACK] },
      ],
      { 'kc-officer': { preferred_username: 'officer.11215', name: '광진구 담당자' }, 'kc-stranger': { preferred_username: 'stranger' } },
    );
    app = await appWith({});
  }, 120_000);
  afterAll(async () => {
    for (const a of apps) await a.close();
    await provider?.close();
    await db?.destroy();
  });

  const key = () => attemptKey({ clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret });

  /** Our start route: the provider's authorisation URL and the signed attempt cookie. */
  const start = async (target = app, next?: string) => {
    const res = await target.inject({ method: 'GET', url: `/api/v1/auth/sso/start${next ? `?next=${encodeURIComponent(next)}` : ''}` });
    expect(res.statusCode).toBe(302);
    const cookie = res.cookies.find((c) => c.name === 'hj_sso');
    return { location: res.headers.location as string, cookie: cookie?.value ?? '', res };
  };
  const callback = (url: string, attemptCookie: string, target = app) => {
    const u = new URL(url);
    return target.inject({ method: 'GET', url: `${u.pathname}${u.search}`, headers: { cookie: `hj_sso=${attemptCookie}` } });
  };
  const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'hj_session' && c.value !== '')?.value;
  const refusedWith = (res: LightMyRequestResponse, reason: string) => {
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/sign-in?sso=${reason}`);
    expect(sessionCookie(res)).toBeUndefined();
  };
  const me = (token: string) => app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `hj_session=${token}` } });
  const userRow = async (username: string) =>
    (
      await db.raw.query<{ id: number; external_issuer: string | null; external_subject: string | null }>(
        'SELECT id, external_issuer, external_subject FROM users WHERE username = $1',
        [username],
      )
    ).rows[0];
  const rolesOf = async (username: string) =>
    (
      await db.raw.query<{ role: string }>('SELECT m.role FROM role_memberships m JOIN users u ON u.id = m.user_id WHERE u.username = $1 ORDER BY m.role', [
        username,
      ])
    ).rows.map((r) => r.role);

  it('sends the browser to the provider with PKCE (S256), state and nonce, and keeps them in a signed HttpOnly cookie', async () => {
    const { location, res } = await start(app, '/admin');
    const url = new URL(location);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('client_id')).toBe(CLIENT.client_id);
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const attempt = openAttempt(key(), res.cookies.find((c) => c.name === 'hj_sso')!.value)!;
    expect(url.searchParams.get('state')).toBe(attempt.state);
    expect(url.searchParams.get('nonce')).toBe(attempt.nonce);
    expect(url.searchParams.get('code_challenge')).toBe(await calculatePKCECodeChallenge(attempt.verifier));
    expect(attempt.next).toBe('/admin');
    const cookie = res.cookies.find((c) => c.name === 'hj_sso')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/api/v1/auth/sso');
    // Another site as "next" is not followed.
    const offsite = await start(app, '//evil.example/x');
    expect(openAttempt(key(), offsite.cookie)!.next).toBe('/my');
  });

  it('signs in the account matched by preferred_username, links the identity, ignores role claims, audits; sign-out ends both sessions', async () => {
    const before = await rolesOf('officer.11215');
    const { location, cookie } = await start(app, '/my');
    const back = await signInAtProvider(location, 'kc-officer');
    expect(back.startsWith(CALLBACK)).toBe(true);
    const res = await callback(back, cookie);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/my');
    const token = sessionCookie(res)!;
    expect(token).toBeDefined();
    const session = await me(token);
    expect(session.statusCode).toBe(200);
    const body = session.json<{ user: { username: string; roles: Array<{ role: string }> }; csrfToken: string }>();
    expect(body.user.username).toBe('officer.11215');
    // The provider says "city_admin" in three claims: roles come from the product only.
    expect(body.user.roles.map((r) => r.role)).not.toContain('city_admin');
    expect(await rolesOf('officer.11215')).toEqual(before);
    const row = await userRow('officer.11215');
    expect(row).toMatchObject({ external_issuer: provider.issuer, external_subject: 'kc-officer' });
    const audit = await db.raw.query<{ action: string; after: { via?: string; linked?: boolean } }>(
      "SELECT action, after FROM audit_log WHERE action = 'auth.login' AND entity_id = $1 ORDER BY seq DESC LIMIT 1",
      [String(row!.id)],
    );
    expect(audit.rows[0]?.after).toMatchObject({ via: 'sso', linked: true });

    // Sign-out: our session ends, and the answer names the provider's end-session endpoint (RP-initiated logout).
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: `hj_session=${token}`, 'x-csrf-token': body.csrfToken } });
    expect(out.statusCode).toBe(200);
    const end = new URL(out.json<{ endSessionUrl: string }>().endSessionUrl);
    expect(end.origin).toBe(provider.issuer);
    expect(end.searchParams.get('client_id')).toBe(CLIENT.client_id);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/sign-in`);
    expect((await me(token)).statusCode).toBe(401);

    // The next sign-in finds the account by the linked identity.
    const again = await start();
    const res2 = await callback(await signInAtProvider(again.location, 'kc-officer'), again.cookie);
    expect(sessionCookie(res2)).toBeDefined();
  });

  it('refuses a tampered state, a tampered or missing attempt cookie, and a replayed answer', async () => {
    const { location, cookie } = await start();
    const back = new URL(await signInAtProvider(location, 'kc-officer'));
    const tampered = new URL(back);
    tampered.searchParams.set('state', `${back.searchParams.get('state')}x`);
    refusedWith(await callback(tampered.href, cookie), 'failed');

    const flipped = cookie.slice(0, -2) + (cookie.endsWith('AA') ? 'BB' : 'AA');
    refusedWith(await callback(back.href, flipped), 'expired');
    const noCookie = await app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    refusedWith(noCookie, 'expired');

    // An answer used once cannot be used again, even with its own attempt cookie (the provider redeems a code once).
    const fresh = await start();
    const answer = await signInAtProvider(fresh.location, 'kc-officer');
    expect(sessionCookie(await callback(answer, fresh.cookie))).toBeDefined();
    refusedWith(await callback(answer, fresh.cookie), 'failed');
  });

  it('refuses a wrong or missing nonce, and a PKCE verifier that does not match the challenge', async () => {
    const craft = async (change: (a: SsoAttempt) => SsoAttempt) => {
      const { location, cookie } = await start();
      const back = await signInAtProvider(location, 'kc-officer');
      const attempt = openAttempt(key(), cookie)!;
      return callback(back, sealAttempt(key(), change(attempt)));
    };
    refusedWith(await craft((a) => ({ ...a, nonce: 'another-nonce-value-0123456789' })), 'failed');
    refusedWith(await craft((a) => ({ ...a, nonce: '' })), 'expired');
    refusedWith(await craft((a) => ({ ...a, verifier: randomPKCECodeVerifier() })), 'failed');
    // Only the right values together sign in (so the refusals above are the checks, not a broken flow).
    expect(sessionCookie(await craft((a) => a))).toBeDefined();
  });

  it('refuses a code the provider issued to another client (an ID token for another audience), even with our state, nonce and verifier', async () => {
    const { cookie } = await start();
    const attempt = openAttempt(key(), cookie)!;
    const other = new URL(`${provider.issuer}/auth`);
    other.search = new URLSearchParams({
      client_id: OTHER.client_id,
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'openid profile',
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: await calculatePKCECodeChallenge(attempt.verifier),
      code_challenge_method: 'S256',
    }).toString();
    const back = await signInAtProvider(other.href, 'kc-officer');
    expect(new URL(back).searchParams.get('code')).toBeTruthy();
    refusedWith(await callback(back, cookie), 'failed');
  });

  it('refuses a person without an account when provisioning is off, creating nothing', async () => {
    const { location, cookie } = await start();
    refusedWith(await callback(await signInAtProvider(location, 'kc-stranger'), cookie), 'no_account');
    expect(await userRow('stranger')).toBeUndefined();
    const audit = await db.raw.query<{ after: { reason: string } }>("SELECT after FROM audit_log WHERE action = 'auth.sso_refused' ORDER BY seq DESC LIMIT 1");
    expect(audit.rows[0]?.after.reason).toBe('sso_no_account');
  });

  it('provisions an unknown person with no role, or only the configured minimal role, whatever the token claims', async () => {
    const noRole = await appWith({ OIDC_PROVISION: 'no-role' });
    const a = await start(noRole);
    const res = await callback(await signInAtProvider(a.location, 'newcomer-1'), a.cookie, noRole);
    expect(sessionCookie(res)).toBeDefined();
    expect(await userRow('newcomer-1')).toMatchObject({ external_subject: 'newcomer-1' });
    expect(await rolesOf('newcomer-1')).toEqual([]);

    const reviewer = await appWith({ OIDC_PROVISION: 'reviewer' });
    const b = await start(reviewer);
    expect(sessionCookie(await callback(await signInAtProvider(b.location, 'newcomer-2'), b.cookie, reviewer))).toBeDefined();
    expect(await rolesOf('newcomer-2')).toEqual(['reviewer']);
    // A provisioned account has no usable password.
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'newcomer-2', password: 'anything-at-all' } });
    expect(login.statusCode).toBe(401);
  });

  it('switches password sign-in off: the route refuses and the sign-in methods say so', async () => {
    const ssoOnly = await appWith({ PASSWORD_SIGN_IN: 'off' });
    const login = await ssoOnly.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'officer.11215', password: PASSWORD } });
    expect(login.statusCode).toBe(403);
    expect(login.json<{ code: string }>().code).toBe('password_sign_in_off');
    expect((await ssoOnly.inject({ method: 'GET', url: '/api/v1/auth/methods' })).json()).toEqual({ password: false, sso: { displayName: '서울시 통합인증' } });
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/methods' })).json()).toEqual({ password: true, sso: { displayName: '서울시 통합인증' } });
  });

  it('sends people back to the sign-in page with a clear reason when the provider is unreachable', async () => {
    const down = await appWith({ OIDC_ISSUER: `http://127.0.0.1:${await closedPort()}` });
    const res = await down.inject({ method: 'GET', url: '/api/v1/auth/sso/start' });
    refusedWith(res, 'unreachable');
  });
});

describe('single sign-on configuration', () => {
  const base = { HOPEJOBS_DATA_DIR: '.tmp/unused' };
  const problem = (env: Record<string, string>) => {
    try {
      loadConfig({ ...base, ...env });
    } catch (err) {
      return (err as Error).message;
    }
    return null;
  };

  it('is off without OIDC_ISSUER', () => {
    expect(loadConfig(base).OIDC_ISSUER).toBeUndefined();
  });

  it('stops `hopejobs serve` with one bilingual line per problem and exit 2, the secret not echoed', async () => {
    const r = await runCli(['serve'], { OIDC_ISSUER: 'https://sso.example.go.kr/realms/seoul', OIDC_CLIENT_SECRET: 'very-secret-value-123' });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^설정 오류 \/ configuration error: OIDC_CLIENT_ID: .*클라이언트 ID.*client ID/);
    expect(lines[1]).toMatch(/^설정 오류 \/ configuration error: OIDC_REDIRECT_URI: .*PUBLIC_URL/);
    expect(r.stderr).not.toContain('very-secret-value-123');
  }, 60_000);

  it('names each misconfiguration in Korean and English at start-up', () => {
    const noClient = problem({ OIDC_ISSUER: 'https://sso.example.go.kr/realms/seoul', PUBLIC_URL: 'https://hopejobs.example.go.kr' });
    expect(noClient).toMatch(/OIDC_CLIENT_ID: .*클라이언트 ID.*client ID/);
    const noRedirect = problem({ OIDC_ISSUER: 'https://sso.example.go.kr/realms/seoul', OIDC_CLIENT_ID: 'hopejobs' });
    expect(noRedirect).toMatch(/OIDC_REDIRECT_URI: .*PUBLIC_URL.*돌려보낼.*sends people back/);
    const noIssuer = problem({ OIDC_CLIENT_ID: 'hopejobs' });
    expect(noIssuer).toMatch(/OIDC_ISSUER: .*필요합니다.*required/);
    const plainHttp = problem({ OIDC_ISSUER: 'http://sso.example.go.kr', OIDC_CLIENT_ID: 'hopejobs', PUBLIC_URL: 'https://h.example' });
    expect(plainHttp).toMatch(/OIDC_ISSUER: .*https.*https:\/\//);
    const badProvision = problem({ OIDC_ISSUER: 'https://sso.example', OIDC_CLIENT_ID: 'x', PUBLIC_URL: 'https://h.example', OIDC_PROVISION: 'city_admin' });
    expect(badProvision).toMatch(/OIDC_PROVISION: .*중 하나.*one of off, no-role/);
    const lockedOut = problem({ PASSWORD_SIGN_IN: 'off' });
    expect(lockedOut).toMatch(/PASSWORD_SIGN_IN: .*아무도 로그인할 수 없습니다.*nobody could sign in/);
    expect(problem({ OIDC_CLIENT_SECRET: 'secret-value' })).not.toContain('secret-value');
    // A complete configuration starts.
    expect(
      problem({ OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0', OIDC_CLIENT_ID: 'x', PUBLIC_URL: 'https://h.example', PASSWORD_SIGN_IN: 'off' }),
    ).toBeNull();
  });
});
