import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type TestDatabase } from '../helpers/db.js';
import { signIn, testApp } from '../helpers/app.js';

const PASSWORD = 'test-password-1';

describe.each(backends())('foundation API on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    app = await testApp(db);
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('reports health with the database kind and migrations', async () => {
    const res = await app.inject('/api/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', db: backend.name, migrations: { pending: 0 } });
    expect(res.json().migrations.applied).toBeGreaterThanOrEqual(2);
  });

  it('lists the city and its 25 districts with codes and populations', async () => {
    const res = await app.inject('/api/v1/org-units');
    const { orgUnits } = res.json<{ orgUnits: Array<{ code: string; name: string; kind: string; population: number | null }> }>();
    expect(orgUnits).toHaveLength(26);
    expect(orgUnits[0]).toMatchObject({ code: '11000', kind: 'city' });
    expect(orgUnits.filter((u) => u.kind === 'district')).toHaveLength(25);
    const gwangjin = orgUnits.find((u) => u.code === '11215');
    expect(gwangjin).toMatchObject({ name: '광진구', kind: 'district' });
    expect(gwangjin!.population).toBeGreaterThan(300_000);
  });

  it('rejects a wrong password with Korean problem details by default and English on request', async () => {
    const ko = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'nope' } });
    expect(ko.statusCode).toBe(401);
    expect(ko.headers['content-type']).toContain('application/problem+json');
    expect(ko.json()).toMatchObject({ status: 401, code: 'bad_credentials', detail: '아이디 또는 비밀번호가 올바르지 않거나, 사용할 수 없는 계정입니다.' });
    const en = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { username: 'nobody', password: 'nope' },
    });
    expect(en.json()).toMatchObject({ status: 401, detail: 'Wrong username or password, or the account cannot be used.' });
  });

  it('validates bodies and names the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ errors: Array<{ path: string; message: string }> }>();
    expect(body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['body.username', 'body.password']));
  });

  it('signs in, shows the user and roles, and signs out only with the CSRF token', async () => {
    const officer = await signIn(app, 'officer.11215', PASSWORD);
    const me = await officer.request('GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: 'officer.11215', isDemo: true, roles: [{ role: 'district_officer', orgUnitCode: '11215' }] });

    const noCsrf = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: officer.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf');

    expect((await officer.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await officer.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('gives a new session on every sign-in and revokes the previous one', async () => {
    const first = await signIn(app, 'auditor', PASSWORD);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: first.cookie },
      payload: { username: 'auditor', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'hj_session')!.value).not.toBe(first.cookie.split('=')[1]);
    expect((await first.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('makes an address wait after five failed sign-ins for one name, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'reviewer.5', password: 'wrong' } });
    }
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'reviewer.5', password: PASSWORD } });
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('login_throttled');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('requires a session for /me and answers unknown API paths with problem details', async () => {
    expect((await app.inject('/api/v1/me')).statusCode).toBe(401);
    const missing = await app.inject('/api/v1/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('sends security headers and serves the OpenAPI document', async () => {
    const res = await app.inject('/api/v1/health');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    const doc = await app.inject('/api/docs/json');
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toEqual(expect.arrayContaining(['/api/v1/health', '/api/v1/org-units', '/api/v1/auth/login', '/api/v1/me']));
  });

  it('declares an access rule on every API route', () => {
    // The onRoute hook throws at registration for a route without one; this checks the hook is in force.
    const routes = app.printRoutes({ commonPrefix: false });
    expect(routes).toContain('/api/v1/health');
  });
});
