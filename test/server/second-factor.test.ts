import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { login } from '../../src/domain/auth.js';
import { transitionCycle } from '../../src/domain/cycles.js';
import { DomainError } from '../../src/domain/errors.js';
import { setAccountRoles } from '../../src/domain/users/index.js';
import { buildApp } from '../../src/server/app.js';
import { signIn, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';
const OWN_PASSWORD = 'Correct-Horse-Battery-9';
const KEY = 'a'.repeat(64);

/** A code of the secret at `at` (ms), as an authenticator app would show it. */
const codeAt = (secret: string, at: number) =>
  new TOTP({ issuer: 'HopeJobs', algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at });

interface Session {
  cookie: string;
  csrf: string;
  body: { user: { id: number; secondFactor: { enrolled: boolean; passed: boolean; pending: string; satisfied: boolean } } };
}

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

describe.each(backends())('second factor (TOTP) on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let demoAdmin: Client;
  const ids: Record<string, number> = {};
  const secrets: Record<string, string> = {};
  let recovery: string[] = [];

  const cookieOf = (res: LightMyRequestResponse) => `hj_session=${res.cookies.find((c) => c.name === 'hj_session')!.value}`;
  const call = (s: { cookie: string; csrf: string }, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, ...(payload ? { payload } : {}) });
  const sessionOf = (res: LightMyRequestResponse): Session => {
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Session['body'] & { csrfToken: string }>();
    return { cookie: cookieOf(res), csrf: body.csrfToken, body };
  };
  const passwordStep = async (username: string) =>
    sessionOf(await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: OWN_PASSWORD } }));
  const codeStep = (s: Session, code: string) => call(s, 'POST', '/api/v1/auth/second-factor', { code });
  const auditOf = async (userId: number, action: string) =>
    rowsOf<{ actor_label: string; after: unknown }>(
      await db.db.execute(
        `SELECT actor_label, after FROM audit_log WHERE entity_type = 'user' AND entity_id = '${userId}' AND action = '${action}' ORDER BY seq`,
      ),
    );

  /** A new account (by the demo admin), its own password chosen: a session that has passed nothing yet. */
  async function account(username: string, roles: Array<{ role: string; orgUnitCode?: string }>): Promise<Session> {
    const created = await demoAdmin.request('POST', '/api/v1/users', { username, displayName: username, roles });
    expect(created.statusCode, created.body).toBe(201);
    const { user, oneTimePassword } = created.json<{ user: { id: number }; oneTimePassword: string }>();
    ids[username] = user.id;
    const first = sessionOf(await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: oneTimePassword } }));
    return sessionOf(await call(first, 'POST', '/api/v1/me/password', { currentPassword: oneTimePassword, newPassword: OWN_PASSWORD }));
  }

  async function enrol(username: string, s: Session): Promise<string[]> {
    const started = await call(s, 'POST', '/api/v1/me/second-factor/enrolment');
    expect(started.statusCode, started.body).toBe(200);
    const { secret, otpauthUri, qrSvg } = started.json<{ secret: string; otpauthUri: string; qrSvg: string }>();
    expect(otpauthUri).toMatch(new RegExp(`^otpauth://totp/HopeJobs:${username}\\?`));
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrSvg).toMatch(/^<svg/);
    secrets[username] = secret;
    const wrong = await call(s, 'POST', '/api/v1/me/second-factor/enrolment/confirm', { code: codeAt(secret, Date.now() - 10 * 60_000) });
    expect(wrong.statusCode).toBe(400);
    const confirmed = await call(s, 'POST', '/api/v1/me/second-factor/enrolment/confirm', { code: codeAt(secret, Date.now()) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes;
  }

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    const config = loadConfig({
      HOPEJOBS_DATA_DIR: db.dataDir ?? '.tmp/unused',
      LOG_LEVEL: 'silent',
      HOPEJOBS_LOGIN_RATE_PER_MIN: '0',
      HOPEJOBS_SIGNIN_FREE_FAILURES: '4',
      HOPEJOBS_TOTP_REQUIRED: 'on',
      HOPEJOBS_TOTP_KEY: KEY,
    });
    app = await buildApp({ database: db, config, spa: false });
    await app.ready();
    // Demo accounts cannot enrol and are exempt (shared, printed passwords): the demo admin acts without a factor.
    demoAdmin = await signIn(app, 'admin', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('makes a city admin enrol before anything else; enrolment shows the secret once and gives ten recovery codes', async () => {
    const s = await account('sec.admin', [{ role: 'city_admin' }]);
    expect(s.body.user.secondFactor).toEqual({ enrolled: false, passed: false, pending: 'enrol', satisfied: false });
    const refused = await call(s, 'GET', '/api/v1/users');
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ code: string }>().code).toBe('second_factor_enrolment_required');

    const codes = await enrol('sec.admin', s);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const me = await call(s, 'GET', '/api/v1/me');
    expect(me.json<Session['body']>().user.secondFactor).toEqual({ enrolled: true, passed: true, pending: 'none', satisfied: true });
    expect((await call(s, 'GET', '/api/v1/users')).statusCode).toBe(200);
    const status = (await call(s, 'GET', '/api/v1/me/second-factor')).json<Record<string, unknown>>();
    expect(status).toMatchObject({ enrolled: true, recoveryCodesLeft: 10, required: true, canEnrol: false });
    expect(JSON.stringify(status)).not.toContain(secrets['sec.admin']);
    // Enrolling again is refused: a new device goes through another admin's reset.
    expect((await call(s, 'POST', '/api/v1/me/second-factor/enrolment')).statusCode).toBe(409);
    // Stored encrypted with the configured key: the secret is nowhere in the row.
    const [row] = rowsOf<{ secret: string }>(await db.db.execute(`SELECT secret FROM user_totp WHERE user_id = ${ids['sec.admin']}`));
    expect(row!.secret).toMatch(/^enc:v1:/);
    expect(row!.secret).not.toContain(secrets['sec.admin']);
    recovery = codes;
  });

  it('signs in with password then code; the half-signed-in session can do nothing else; a used code is refused', async () => {
    const secret = secrets['sec.admin']!;
    const half = await passwordStep('sec.admin');
    expect(half.body.user.secondFactor).toMatchObject({ enrolled: true, passed: false, pending: 'code', satisfied: false });
    for (const [method, url] of [
      ['GET', '/api/v1/users'],
      ['GET', '/api/v1/cycles'],
      ['GET', '/api/v1/me/second-factor'],
    ] as const) {
      const res = await call(half, method, url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json<{ code: string }>().code).toBe('second_factor_pending');
    }
    // The next step's code (within the one step of drift allowed) passes, on a new session.
    const next = codeAt(secret, Date.now() + 30_000);
    const full = sessionOf(await codeStep(half, next));
    expect(full.cookie).not.toBe(half.cookie);
    expect(full.body.user.secondFactor).toEqual({ enrolled: true, passed: true, pending: 'none', satisfied: true });
    expect((await call(full, 'GET', '/api/v1/users')).statusCode).toBe(200);
    expect((await call(half, 'GET', '/api/v1/me')).statusCode).toBe(401);
    // The same code once more, from another sign-in: refused as used, though still within the drift allowed.
    const again = await passwordStep('sec.admin');
    const reused = await codeStep(again, next);
    expect(reused.statusCode).toBe(400);
    expect(reused.json<{ code: string }>().code).toBe('wrong_code');
    const failures = await auditOf(ids['sec.admin']!, 'auth.second_factor_failed');
    expect(JSON.stringify(failures.at(-1)!.after)).toContain('reused');
    expect((await auditOf(ids['sec.admin']!, 'auth.second_factor_passed')).length).toBe(1);
  });

  it('accepts a recovery code once only', async () => {
    const codes = recovery;
    const first = await passwordStep('sec.admin');
    const passed = sessionOf(await codeStep(first, codes[3]!.toUpperCase()));
    expect(passed.body.user.secondFactor.passed).toBe(true);
    const status = (await call(passed, 'GET', '/api/v1/me/second-factor')).json<{ recoveryCodesLeft: number }>();
    expect(status.recoveryCodesLeft).toBe(9);
    const second = await passwordStep('sec.admin');
    expect((await codeStep(second, codes[3]!)).statusCode).toBe(400);
    expect((await codeStep(second, codes[4]!)).statusCode).toBe(200);
    const [entry] = (await auditOf(ids['sec.admin']!, 'auth.second_factor_passed')).slice(-1);
    expect(JSON.stringify(entry!.after)).toContain('recovery_code');
  });

  it('refuses publication and role changes to a session that did not pass the second factor', async () => {
    const s = await account('sec.admin2', [{ role: 'city_admin' }]);
    expect((await call(s, 'PUT', `/api/v1/users/${ids['sec.admin']}/roles`, { version: 1, roles: [] })).statusCode).toBe(403);
    // The domain refuses too, whatever route or caller: a principal that signed in by password only.
    const { principal } = await login(db.db, { username: 'sec.admin2', password: OWN_PASSWORD, ip: null, userAgent: null, totpRequired: true });
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e,
      );
    const roles = await refusal(setAccountRoles(db.db, principal, ids['sec.admin']!, { version: 1, roles: [{ role: 'city_admin' }] }));
    expect(roles).toBeInstanceOf(DomainError);
    expect((roles as DomainError).code).toBe('second_factor_required');
    const publish = await refusal(transitionCycle(db.db, principal, 2019, { to: 'published', version: 1 }));
    expect((publish as DomainError).code).toBe('second_factor_required');
    // After enrolling (which passes the factor in this session) the role change goes through.
    await enrol('sec.admin2', s);
    const officer = await account('sec.officer', [{ role: 'district_officer', orgUnitCode: '11215' }]);
    expect(officer.body.user.secondFactor.pending).toBe('none'); // optional for other roles
    const view = (await call(s, 'GET', `/api/v1/users/${ids['sec.officer']}`)).json<{ user: { version: number } }>();
    const changed = await call(s, 'PUT', `/api/v1/users/${ids['sec.officer']}/roles`, {
      version: view.user.version,
      roles: [{ role: 'district_approver', orgUnitCode: '11215' }],
    });
    expect(changed.statusCode, changed.body).toBe(200);
  });

  it('slows down wrong codes like wrong passwords: after the free ones even the right code waits', async () => {
    const secret = secrets['sec.admin2']!;
    const half = await passwordStep('sec.admin2');
    for (let i = 0; i < 4; i++) expect((await codeStep(half, '000000')).statusCode).toBe(400);
    const throttled = await codeStep(half, codeAt(secret, Date.now() + 30_000));
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect((await auditOf(ids['sec.admin2']!, 'auth.second_factor_failed')).length).toBeGreaterThanOrEqual(4);
    expect((await auditOf(ids['sec.admin2']!, 'auth.second_factor_throttled')).length).toBe(1);
  });

  it('lets another city admin reset a second factor (audited; the user enrols again), never one’s own', async () => {
    const admin = await passwordStep('sec.admin');
    // Both steps within reach are used already (the enrolment's and the next one): a recovery code it is.
    const full = sessionOf(await codeStep(admin, recovery[5]!));
    const self = await call(full, 'DELETE', `/api/v1/users/${ids['sec.admin']}/second-factor`);
    expect(self.statusCode).toBe(409);
    expect(self.json<{ code: string }>().code).toBe('self');
    const users = (await call(full, 'GET', '/api/v1/users?q=sec.admin2')).json<{ users: Array<{ username: string; secondFactor: boolean }> }>();
    expect(users.users.find((u) => u.username === 'sec.admin2')?.secondFactor).toBe(true);
    const other = await call(full, 'DELETE', `/api/v1/users/${ids['sec.admin2']}/second-factor`);
    expect(other.statusCode, other.body).toBe(204);
    const [entry] = await auditOf(ids['sec.admin2']!, 'user.second_factor_reset');
    expect(entry!.actor_label).toBe('sec.admin');
    // Signed out everywhere; the next sign-in must enrol again (a city admin), and the code counter starts afresh.
    const back = await passwordStep('sec.admin2');
    expect(back.body.user.secondFactor).toEqual({ enrolled: false, passed: false, pending: 'enrol', satisfied: false });
    // Only a city admin may reset.
    expect((await call(back, 'DELETE', `/api/v1/users/${ids['sec.admin']}/second-factor`)).statusCode).toBe(403);
  });
});
