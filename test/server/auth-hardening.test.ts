import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openPglite } from '../../src/db/client.js';
import { findUserByUsername } from '../../src/db/repositories/users.js';
import { createAdmin } from '../../src/domain/admin-account.js';
import { systemActor } from '../../src/domain/audit.js';
import { grantRoleWithRotation, login, setPasswordWithRotation } from '../../src/domain/auth.js';
import { seedDemo } from '../../src/domain/seed.js';
import { buildApp } from '../../src/server/app.js';
import { addressKey } from '../../src/domain/sign-in-protection.js';
import { LoginThrottle } from '../../src/server/login-throttle.js';
import { signIn } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';

async function appWith(db: TestDatabase, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ HOPEJOBS_DATA_DIR: db.dataDir ?? '.tmp/unused', LOG_LEVEL: 'silent', ...env });
  const app = await buildApp({ database: db, config, spa: false });
  await app.ready();
  return app;
}

const loginAs = (app: FastifyInstance, username: string, password: string, extra: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, ...extra });

describe('login throttle (token bucket per address)', () => {
  it('allows a burst of the per-minute budget, then refuses with the seconds until the next attempt', () => {
    let now = 0;
    const t = new LoginThrottle({ perMinute: 10, now: () => now });
    for (let i = 0; i < 10; i++) expect(t.take('203.0.113.9').ok).toBe(true);
    const refused = t.take('203.0.113.9');
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 6 });
    expect(t.take('203.0.113.10').ok).toBe(true); // another address has its own bucket
    now += 6_000;
    expect(t.take('203.0.113.9').ok).toBe(true); // one token refilled after 60 s / 10
    expect(t.take('203.0.113.9').ok).toBe(false);
  });

  it('gives the token of a successful attempt back', () => {
    const t = new LoginThrottle({ perMinute: 2, now: () => 0 });
    for (let i = 0; i < 50; i++) {
      expect(t.take('198.51.100.1').ok).toBe(true);
      t.refund('198.51.100.1');
    }
  });

  it('counts IPv6 clients per /64 and IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
  });

  it('forgets full buckets first when it remembers too many addresses', () => {
    let now = 0;
    const t = new LoginThrottle({ perMinute: 10, maxAddresses: 100, now: () => now });
    for (let i = 0; i < 100; i++) t.take(`10.0.${i >> 8}.${i & 255}`);
    now += 60_000;
    t.take('192.0.2.1');
    expect(t.size).toBeLessThanOrEqual(100);
    expect(t.take('192.0.2.1').ok).toBe(true);
  });

  it('is off at 0 attempts per minute', () => {
    const t = new LoginThrottle({ perMinute: 0 });
    for (let i = 0; i < 100; i++) expect(t.take('192.0.2.1').ok).toBe(true);
  });
});

describe('hardening configuration', () => {
  it('validates the new settings with one line per variable', () => {
    expect(() => loadConfig({ HOPEJOBS_COOKIE_SECURE: 'maybe' })).toThrow(/HOPEJOBS_COOKIE_SECURE/);
    expect(() => loadConfig({ HOPEJOBS_TRUST_PROXY: 'everyone' })).toThrow(/HOPEJOBS_TRUST_PROXY/);
    expect(() => loadConfig({ HOPEJOBS_LOGIN_RATE_PER_MIN: '-1' })).toThrow(ConfigError);
    expect(loadConfig({ HOPEJOBS_TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::/32' }).HOPEJOBS_TRUST_PROXY).toBeTruthy();
    const c = loadConfig({});
    expect([c.HOPEJOBS_COOKIE_SECURE, c.HOPEJOBS_TRUST_PROXY, c.HOPEJOBS_LOGIN_RATE_PER_MIN]).toEqual(['auto', 'loopback', 10]);
    expect([c.HOPEJOBS_SIGNIN_FREE_FAILURES, c.HOPEJOBS_SIGNIN_FIRST_DELAY_S, c.HOPEJOBS_SIGNIN_MAX_DELAY_S, c.HOPEJOBS_SIGNIN_NAME_CEILING]).toEqual([
      5, 15, 900, 30,
    ]);
    expect(() => loadConfig({ HOPEJOBS_SIGNIN_FREE_FAILURES: '0' })).toThrow(/HOPEJOBS_SIGNIN_FREE_FAILURES/);
    expect(() => loadConfig({ HOPEJOBS_SIGNIN_FIRST_DELAY_S: '60', HOPEJOBS_SIGNIN_MAX_DELAY_S: '30' })).toThrow(/HOPEJOBS_SIGNIN_MAX_DELAY_S/);
  });
});

describe.each(backends())('auth hardening on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    app = await appWith(db);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('stores passwords as argon2id hashes', async () => {
    const user = await findUserByUsername(db.db, 'admin');
    expect(user!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('throttles sign-in attempts per address: 10 failures a minute, then 429 with Retry-After', async () => {
    const attacker = { remoteAddress: '203.0.113.50' };
    const started = Date.now();
    for (let i = 0; i < 10; i++) {
      // Different names each time: the delay per name and address (after 5 failures) never starts; only the address counts.
      const res = await loginAs(app, `reviewer.${(i % 5) + 1}x`, 'guess', attacker);
      expect(res.statusCode).toBe(401);
    }
    // One attempt comes back every 6 s: on a loaded machine the ten (an argon2 check each) may have earned some back.
    let refused = await loginAs(app, 'spray.0', 'guess', attacker);
    for (let i = 1; refused.statusCode === 401; i++) {
      expect(i, 'more attempts passed than the refill allows').toBeLessThanOrEqual(Math.floor((Date.now() - started) / 6000) + 1);
      refused = await loginAs(app, `spray.${i}`, 'guess', attacker);
    }
    expect(refused.statusCode).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(6);
    expect(refused.json()).toMatchObject({ status: 429, code: 'login_throttled', retryAfter });
    // Another address is not affected.
    expect((await loginAs(app, 'admin', PASSWORD, { remoteAddress: '203.0.113.51' })).statusCode).toBe(200);
  });

  it('counts only failed password checks: successful sign-ins and malformed bodies give their attempt back', async () => {
    const office = { remoteAddress: '198.51.100.20' };
    for (let i = 0; i < 15; i++) expect((await loginAs(app, 'auditor', PASSWORD, office)).statusCode).toBe(200);
    for (let i = 0; i < 15; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '' }, ...office });
      expect(res.statusCode).toBe(400);
    }
  });

  it('believes X-Forwarded-For only from a trusted proxy (loopback by default)', async () => {
    // Through the local proxy, each forwarded client has its own bucket …
    for (let i = 0; i < 10; i++) {
      await loginAs(app, 'nobody', 'guess', { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '192.0.2.77' } });
    }
    const viaProxy = await loginAs(app, 'nobody', 'guess', { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '192.0.2.77' } });
    expect(viaProxy.statusCode).toBe(429);
    expect((await loginAs(app, 'nobody', 'guess', { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '192.0.2.78' } })).statusCode).toBe(401);
    // … but a remote client cannot escape its bucket by inventing a header.
    const spoofer = '203.0.113.99';
    for (let i = 0; i < 10; i++) await loginAs(app, 'nobody', 'guess', { remoteAddress: spoofer, headers: { 'x-forwarded-for': `10.9.9.${i}` } });
    const spoofed = await loginAs(app, 'nobody', 'guess', { remoteAddress: spoofer, headers: { 'x-forwarded-for': '10.9.9.200' } });
    expect(spoofed.statusCode).toBe(429);
  });

  it('delays the address that failed five times for a name, not the name everywhere (no lock-out by strangers)', async () => {
    for (let i = 0; i < 5; i++) await loginAs(app, 'reviewer.4', 'wrong', { remoteAddress: `192.0.2.${100 + i}` });
    expect((await loginAs(app, 'reviewer.4', PASSWORD, { remoteAddress: '192.0.2.200' })).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) await loginAs(app, 'reviewer.4', 'wrong', { remoteAddress: '192.0.2.150' });
    const res = await loginAs(app, 'reviewer.4', PASSWORD, { remoteAddress: '192.0.2.150' });
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('login_throttled');
    expect((await loginAs(app, 'reviewer.4', PASSWORD, { remoteAddress: '192.0.2.201' })).statusCode).toBe(200);
  });

  it('sets the Secure cookie flag and HSTS behind a TLS proxy with HOPEJOBS_COOKIE_SECURE=auto', async () => {
    const plain = await loginAs(app, 'approver.11215', PASSWORD);
    const plainCookie = plain.cookies.find((c) => c.name === 'hj_session')!;
    expect(plainCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(plainCookie.secure).toBeFalsy();
    expect(plain.headers['strict-transport-security']).toBeUndefined();

    const tls = await loginAs(app, 'approver.11215', PASSWORD, { headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.cookies.find((c) => c.name === 'hj_session')!.secure).toBe(true);
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000');

    // An untrusted client saying "https" changes nothing.
    const spoofed = await loginAs(app, 'approver.11215', PASSWORD, { remoteAddress: '203.0.113.7', headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.cookies.find((c) => c.name === 'hj_session')!.secure).toBeFalsy();
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });

  it('forces the Secure flag on or off with HOPEJOBS_COOKIE_SECURE=true|false', async () => {
    const always = await appWith(db, { HOPEJOBS_COOKIE_SECURE: 'true' });
    const never = await appWith(db, { HOPEJOBS_COOKIE_SECURE: 'false' });
    try {
      const a = await loginAs(always, 'approver.11440', PASSWORD);
      expect(a.cookies.find((c) => c.name === 'hj_session')!.secure).toBe(true);
      const n = await loginAs(never, 'approver.11440', PASSWORD, { headers: { 'x-forwarded-proto': 'https' } });
      expect(n.cookies.find((c) => c.name === 'hj_session')!.secure).toBeFalsy();
      // Logging out clears the cookie with the same attributes.
      const session = `hj_session=${a.cookies.find((c) => c.name === 'hj_session')!.value}`;
      const out = await always.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: session, 'x-csrf-token': a.json().csrfToken } });
      expect(out.statusCode).toBe(204);
      expect(out.cookies.find((c) => c.name === 'hj_session')).toMatchObject({ value: '', secure: true, httpOnly: true });
    } finally {
      await always.close();
      await never.close();
    }
  });

  it('requires the CSRF token to sign out', async () => {
    const officer = await signIn(app, 'officer.11440', PASSWORD);
    const forged = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: officer.cookie, 'x-csrf-token': 'not-it' } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('csrf');
    expect((await officer.request('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await officer.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await officer.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('rotates the session on sign-in: a new token, the old one revoked', async () => {
    const first = await signIn(app, 'officer.11110', PASSWORD);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: first.cookie },
      payload: { username: 'officer.11110', password: PASSWORD },
    });
    expect(again.statusCode).toBe(200);
    expect(`hj_session=${again.cookies.find((c) => c.name === 'hj_session')!.value}`).not.toBe(first.cookie);
    expect(again.json().csrfToken).not.toBe(first.csrf);
    expect((await first.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('ends every session of a user whose roles change, so the new privileges come with a new session', async () => {
    const desk = await signIn(app, 'officer.11170', PASSWORD);
    const laptop = await signIn(app, 'officer.11170', PASSWORD);
    const user = await findUserByUsername(db.db, 'officer.11170');
    await db.db.transaction((tx) => grantRoleWithRotation(tx, systemActor, user!.id, 'auditor', null));
    expect((await desk.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await laptop.request('GET', '/api/v1/me')).statusCode).toBe(401);
    const fresh = await signIn(app, 'officer.11170', PASSWORD);
    expect(fresh.cookie).not.toBe(desk.cookie);
    const roles = (await fresh.request('GET', '/api/v1/me')).json().user.roles.map((r: { role: string }) => r.role);
    expect(roles).toEqual(expect.arrayContaining(['auditor', 'district_officer']));
    const audit = await db.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.sessions_rotated' AND entity_id = $1`, [
      String(user!.id),
    ]);
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('ends every session of a user whose password changes', async () => {
    const s = await signIn(app, 'officer.11200', PASSWORD);
    const user = await findUserByUsername(db.db, 'officer.11200');
    await db.db.transaction((tx) => setPasswordWithRotation(tx, systemActor, user!.id, 'a-new-password-2'));
    expect((await s.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await loginAs(app, 'officer.11200', PASSWORD)).statusCode).toBe(401);
    expect((await loginAs(app, 'officer.11200', 'a-new-password-2')).statusCode).toBe(200);
  });

  it('creates the first real admin with a random one-time password (hopejobs seed --admin)', async () => {
    const first = await createAdmin(db.db, 'Chief.Kim');
    expect(first).toMatchObject({ username: 'chief.kim', created: true });
    expect(first.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const res = await loginAs(app, 'chief.kim', first.password);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ isDemo: false, mustChangePassword: true, roles: [{ role: 'city_admin', orgUnitCode: '11000' }] });
    const user = await findUserByUsername(db.db, 'chief.kim');
    expect(user!.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(user!.passwordHash).not.toContain(first.password);

    // Run again: a new random password, the old one and the old sessions stop working.
    const session = `hj_session=${res.cookies.find((c) => c.name === 'hj_session')!.value}`;
    const second = await createAdmin(db.db, 'chief.kim');
    expect(second.created).toBe(false);
    expect(second.password).not.toBe(first.password);
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: session } })).statusCode).toBe(401);
    expect((await loginAs(app, 'chief.kim', first.password)).statusCode).toBe(401);
    expect((await loginAs(app, 'chief.kim', second.password)).statusCode).toBe(200);

    await expect(createAdmin(db.db, 'admin')).rejects.toMatchObject({ code: 'demo_username' });
    await expect(createAdmin(db.db, 'a b')).rejects.toMatchObject({ code: 'invalid_username' });
  });

  it('disables demo accounts outside demo mode (HOPEJOBS_DEMO=0): no sign-in, existing sessions end', async () => {
    const demoSession = await signIn(app, 'officer.11290', PASSWORD);
    const real = await createAdmin(db.db, 'city.ops');
    const production = await appWith(db, { HOPEJOBS_DEMO: '0' });
    try {
      const refused = await loginAs(production, 'officer.11290', PASSWORD);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('demo_account_disabled');
      expect((await production.inject({ url: '/api/v1/me', headers: { cookie: demoSession.cookie } })).statusCode).toBe(401);
      expect((await loginAs(production, 'city.ops', real.password)).statusCode).toBe(200);
      // The domain refuses too, whatever the caller.
      await expect(login(db.db, { username: 'officer.11290', password: PASSWORD, ip: null, userAgent: null, allowDemo: false })).rejects.toMatchObject({
        code: 'demo_account_disabled',
      });
    } finally {
      await production.close();
    }
  });

  it("ends the demo accounts' sessions when seed --demo sets their password again", async () => {
    const s = await signIn(app, 'approver.11215', PASSWORD);
    expect((await s.request('GET', '/api/v1/me')).statusCode).toBe(200);
    await seedDemo(db.db, { password: PASSWORD });
    expect((await s.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await loginAs(app, 'approver.11215', PASSWORD)).statusCode).toBe(200);
  });
});

describe('hopejobs seed --admin (CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(path.dirname(inject('pgliteTemplate')), 'cli-admin-'));
    cpSync(inject('pgliteTemplate'), dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a one-time password that signs in as city admin, and never the same twice', async () => {
    const env = { HOPEJOBS_DATA_DIR: dir, HOPEJOBS_DEMO: '0' };
    const a = await runCli(['seed', '--admin', 'it.admin'], env);
    expect(a.code, a.stderr).toBe(0);
    const password = /password: (\S+)/.exec(a.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a.stdout).toContain('city admin created');
    const b = await runCli(['seed', '--admin', 'it.admin'], env);
    expect(b.code, b.stderr).toBe(0);
    expect(/password: (\S+)/.exec(b.stdout)?.[1]).not.toBe(password);
    const bad = await runCli(['seed', '--admin', 'x'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('3–64');

    const database = await openPglite(dir);
    try {
      const newest = /password: (\S+)/.exec(b.stdout)![1]!;
      const { principal } = await login(database.db, { username: 'it.admin', password: newest, ip: null, userAgent: null, allowDemo: false });
      expect(principal.user.roles).toEqual([{ role: 'city_admin', orgUnitCode: '11000' }]);
    } finally {
      await database.close();
    }
  }, 120_000);
});
