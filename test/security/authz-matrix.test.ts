import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../src/db/schema.js';
import { signIn, type Client } from '../helpers/app.js';
import { backends } from '../helpers/db.js';
import { apiRoutes, routeKey, type RouteEntry } from '../helpers/route-table.js';
import { bodyFor, EXPECTATIONS, urlFor, type Call } from './expectations.js';
import { callers, openSecurityFixture, PASSWORD, usernames, type Caller, type SecurityFixture, type SignedInCaller } from './fixture.js';

// The route table comes from the app itself: every route buildApp registers is recorded as it is added.
const recorded = vi.hoisted(() => [] as RouteEntry[]);
vi.mock('fastify', async (original) => (await import('../helpers/route-table.js')).withRouteRecorder(await original(), recorded));

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const roleOf: Record<SignedInCaller, Role> = {
  city_admin: 'city_admin',
  officer_own: 'district_officer',
  officer_other: 'district_officer',
  approver_own: 'district_approver',
  approver_other: 'district_approver',
  reviewer: 'reviewer',
  reviewer_other: 'reviewer',
  auditor: 'auditor',
};
type Outcome = 'allowed' | 'denied';

interface Cell {
  route: string;
  caller: Caller;
  status: number;
  code?: string;
}

describe.each(backends())('authorisation matrix on $name', (backend) => {
  let fx: SecurityFixture;
  let routes: RouteEntry[];

  beforeAll(async () => {
    // The per-address budget of sign-ins a minute is off here (auth-hardening.test.ts covers it): the matrix signs in
    // every caller again for each session-ending route and counts the wrong current passwords of /me/password, all
    // from one address — on a quick run, within one minute, more than the budget allows.
    fx = await openSecurityFixture(backend, { env: { HOPEJOBS_LOGIN_RATE_PER_MIN: '0' } });
    routes = apiRoutes(recorded).filter((r, i, all) => all.findIndex((o) => routeKey(o) === routeKey(r)) === i);
  }, 180_000);
  afterAll(async () => fx?.close());

  async function call(r: RouteEntry, e: Call, caller: Caller, opts: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const url = urlFor(r, e, fx.ids);
    const body = bodyFor(e, fx.ids);
    const upload = e.multipart?.();
    const method = r.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    const payload = upload ? upload.payload : body === undefined && MUTATING.has(method) && method !== 'DELETE' ? {} : body;
    const headers = upload ? upload.headers : {};
    if (caller === 'anonymous') {
      return fx.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    }
    const client: Client = e.freshSession ? await signIn(fx.app, usernames[caller], PASSWORD) : fx.clients[caller];
    if (opts.csrf === false) {
      return fx.app.inject({ method, url, headers: { cookie: client.cookie, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
    }
    return client.request(method, url, payload, headers);
  }

  it('has an expectation for every route the app registers, and a route for every expectation', () => {
    const keys = routes.map(routeKey);
    const missing = keys.filter((k) => !(k in EXPECTATIONS));
    const stale = Object.keys(EXPECTATIONS).filter((k) => !keys.includes(k));
    expect(missing, `routes without an expectation (add them to EXPECTATIONS): ${missing.join(', ')}`).toEqual([]);
    expect(stale, `expectations for routes that no longer exist: ${stale.join(', ')}`).toEqual([]);
    expect(routes.length).toBeGreaterThan(80);
  });

  it('has no route outside /api/v1 but the API documentation and the metrics endpoint', () => {
    // Those have their own guard (documentation is public; /metrics answers loopback or a token): anything else
    // outside the versioned API would escape both the access hook and this matrix.
    const outside = recorded.filter((r) => !r.url.startsWith('/api/v1/') && !r.url.startsWith('/api/docs') && r.url !== '/metrics');
    expect(outside.map(routeKey)).toEqual([]);
  });

  it('declares an access rule that agrees with the expectations', () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const e = EXPECTATIONS[routeKey(r)];
      if (!e) continue;
      const anonymous = e.allow.includes('anonymous');
      if (anonymous !== (r.access === 'public'))
        wrong.push(`${routeKey(r)}: access ${JSON.stringify(r.access)}, anonymous ${anonymous ? 'allowed' : 'denied'}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets exactly the expected callers through every route, and refuses the others with 401/403', async () => {
    const cells: Cell[] = [];
    const wrong: string[] = [];
    // Session-ending calls last, so they never take a shared session with them.
    const ordered = [...routes].sort((a, b) => Number(!!EXPECTATIONS[routeKey(a)]?.freshSession) - Number(!!EXPECTATIONS[routeKey(b)]?.freshSession));
    for (const r of ordered) {
      const e = EXPECTATIONS[routeKey(r)];
      if (!e) continue;
      // The callers of one route run side by side (a server backend answers them in parallel).
      const answers = await Promise.all(callers.map(async (caller) => ({ caller, res: await call(r, e, caller) })));
      for (const { caller, res } of answers) {
        const code = res.headers['content-type']?.toString().includes('json') ? (res.json<{ code?: string }>().code ?? undefined) : undefined;
        cells.push({ route: routeKey(r), caller, status: res.statusCode, ...(code ? { code } : {}) });
        const expected: Outcome = e.allow.includes(caller) ? 'allowed' : 'denied';
        const denialStatus = caller === 'anonymous' ? 401 : e.hiddenFrom?.includes(caller) ? 404 : 403;
        if (expected === 'allowed' && code === 'validation')
          wrong.push(`${routeKey(r)} as ${caller}: the matrix's request is malformed (400 validation), fix it so the handler runs`);
        else if (res.statusCode >= 500) wrong.push(`${routeKey(r)} as ${caller}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (expected === 'allowed' && (res.statusCode === 401 || res.statusCode === 403))
          wrong.push(`${routeKey(r)} as ${caller}: expected allowed, got ${res.statusCode} ${code ?? ''}`);
        else if (expected === 'denied' && res.statusCode !== denialStatus)
          wrong.push(`${routeKey(r)} as ${caller}: expected ${denialStatus}, got ${res.statusCode} ${code ?? ''}`);
      }
    }
    const allowed = cells.filter((c) => EXPECTATIONS[c.route]!.allow.includes(c.caller));
    const succeeded = allowed.filter((c) => c.status < 300).length;
    console.log(
      `authz matrix (${backend.name}): ${routes.length} routes × ${callers.length} callers = ${cells.length} calls; ` +
        `${allowed.length} expected allowed (${succeeded} answered 2xx, the rest 4xx from the domain), ${cells.length - allowed.length} expected denied; ${wrong.length} wrong`,
    );
    expect(wrong).toEqual([]);
    expect(cells.length).toBe(routes.length * callers.length);
  }, 300_000);

  it('refuses a caller before it looks at the request: every protected write with a malformed body and invalid parameters answers 401/403, never 400', async () => {
    // Access is checked as the request arrives, before the body is parsed or anything validated: a caller who may
    // not make the call learns nothing about what a valid one looks like.
    const invalid = [
      { name: 'malformed JSON', payload: '{"', headers: { 'content-type': 'application/json' } },
      { name: 'a body of the wrong shape', payload: '[[null]]', headers: { 'content-type': 'application/json' } },
    ];
    // One signed-in caller per role (the access hook checks roles; districts are the domain's business).
    const byRole = new Map<Role, SignedInCaller>();
    for (const c of callers) if (c !== 'anonymous' && !byRole.has(roleOf[c])) byRole.set(roleOf[c], c);
    const wrong: string[] = [];
    let anonymousChecked = 0;
    let roleChecked = 0;
    for (const r of routes) {
      const access = r.access;
      if (!MUTATING.has(r.method) || access === undefined || access === 'public') continue;
      // '!!' fits no id, year or code parameter.
      const url = r.url.replace(/:[A-Za-z_][A-Za-z0-9_]*/g, '!!');
      const method = r.method as 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      const refused = access === 'authenticated' ? [] : [...byRole].filter(([role]) => !access.roles.includes(role)).map(([, c]) => c);
      for (const body of invalid) {
        const anonymous = await fx.app.inject({ method, url, headers: body.headers, payload: body.payload });
        anonymousChecked++;
        if (anonymous.statusCode !== 401) wrong.push(`${routeKey(r)} anonymous, ${body.name}: ${anonymous.statusCode} ${anonymous.body.slice(0, 120)}`);
        for (const caller of refused) {
          const res = await fx.clients[caller].request(method, url, body.payload, body.headers);
          roleChecked++;
          const code = res.statusCode === 403 ? res.json<{ code: string }>().code : undefined;
          if (code !== 'forbidden') wrong.push(`${routeKey(r)} as ${caller}, ${body.name}: ${res.statusCode} ${code ?? res.body.slice(0, 120)}`);
        }
      }
    }
    console.log(`access before validation (${backend.name}): ${anonymousChecked} anonymous and ${roleChecked} wrong-role writes with invalid requests refused`);
    expect(wrong).toEqual([]);
    expect(anonymousChecked).toBeGreaterThanOrEqual(70);
    expect(roleChecked).toBeGreaterThan(anonymousChecked);
  }, 120_000);

  it('refuses every authenticated write without the CSRF token, even from a caller who may make it', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of routes) {
      const e = EXPECTATIONS[routeKey(r)];
      if (!e || !MUTATING.has(r.method) || r.access === 'public') continue;
      const caller = e.allow.find((c): c is SignedInCaller => c !== 'anonymous')!;
      const res = await call(r, { ...e, freshSession: false }, caller, { csrf: false });
      checked++;
      const code = res.statusCode === 403 ? res.json<{ code: string }>().code : undefined;
      if (res.statusCode !== 403 || code !== 'csrf')
        wrong.push(`${routeKey(r)} as ${caller} without CSRF: ${res.statusCode} ${code ?? res.body.slice(0, 120)}`);
    }
    console.log(`CSRF (${backend.name}): ${checked} authenticated write routes refused without the token`);
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(35);
  }, 120_000);
});
