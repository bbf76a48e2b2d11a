import type { LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backends } from '../helpers/db.js';
import { deeplyNested, hostileJson, hostileString, mutatedBody, pollutedObjectText } from '../helpers/fuzz-arbitraries.js';
import { CaseCounter, fuzzParams, runsFor, type FuzzTarget } from '../helpers/fuzz-budget.js';
import { apiRoutes, routeKey, type RouteEntry } from '../helpers/route-table.js';
import { bodyFor, EXPECTATIONS, urlFor } from './expectations.js';
import { openSecurityFixture, tableCounts, type SecurityFixture, type SignedInCaller } from './fixture.js';

/**
 * Every JSON route of the API with hostile bodies and path parameters, sent by a caller the route lets in (so the
 * request reaches validation and the handler): the answer is never a 5xx, always problem details for a 4xx, a
 * rejected request writes nothing (row counts of every table and the audit log's length unchanged), and nothing
 * pollutes Object.prototype.
 */

const recorded = vi.hoisted(() => [] as RouteEntry[]);
vi.mock('fastify', async (original) => (await import('../helpers/route-table.js')).withRouteRecorder(await original(), recorded));

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Session-ending routes: fuzzing them would sign the fuzzing caller out. */
const SESSION_ROUTES = new Set(['POST /api/v1/auth/logout']);

type Body = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType: string };

const bodyArb = (valid: unknown): fc.Arbitrary<Body> =>
  fc.oneof(
    { weight: 5, arbitrary: mutatedBody(valid).map((value): Body => ({ kind: 'json', value })) },
    { weight: 3, arbitrary: hostileJson.map((value): Body => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: deeplyNested.map((value): Body => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: pollutedObjectText.map((text): Body => ({ kind: 'raw', text, contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(hostileString(60), fc.constantFrom('{', '{"a":', '[1,2', '{"version":1,}', 'null', '"x"', '1e999', '\u0000', '{"a":"\\ud800"}')),
          fc.constantFrom(
            'application/json',
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data',
            'application/json; charset=latin1',
            'application/xml',
          ),
        )
        .map(([text, contentType]): Body => ({ kind: 'raw', text, contentType })),
    },
    { weight: 1, arbitrary: fc.constantFrom<Body>({ kind: 'raw', text: `{"x":"${'가'.repeat(800_000)}"}`, contentType: 'application/json' }) },
  );

/** Path parameter values no route expects. */
const hostileParam = fc.oneof(
  hostileString(40),
  fc.constantFrom(
    '..',
    '../..',
    '%2e%2e%2f',
    '0',
    '-1',
    '2147483648',
    '99999999999999999999',
    '1e3',
    '1.5',
    'NaN',
    ' 2020',
    '2020 ',
    '٢٠٢٠',
    'null',
    '%00',
    '%ZZ',
    'a'.repeat(300),
  ),
);

describe.each(backends())('API fuzzing on $name', (backend) => {
  let fx: SecurityFixture;
  let routes: RouteEntry[];
  const counter = new CaseCounter();
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    fx = await openSecurityFixture(backend);
    routes = apiRoutes(recorded).filter((r, i, all) => all.findIndex((o) => routeKey(o) === routeKey(r)) === i);
  }, 180_000);
  afterAll(async () => {
    counter.report(`${backend.name}, API`);
    console.log(
      `API fuzz (${backend.name}) statuses: ${[...statuses]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s}×${n}`)
        .join(', ')}`,
    );
    await fx?.close();
  });

  /** A caller the route lets in; anonymous only for public routes. */
  const callerFor = (r: RouteEntry): SignedInCaller | null => {
    const allow = EXPECTATIONS[routeKey(r)]?.allow ?? [];
    return (allow.find((c) => c !== 'anonymous') as SignedInCaller | undefined) ?? null;
  };

  async function send(r: RouteEntry, url: string, body: Body | undefined): Promise<LightMyRequestResponse> {
    const caller = r.access === 'public' ? null : callerFor(r);
    const client = caller ? fx.clients[caller] : null;
    const headers: Record<string, string> = client ? { cookie: client.cookie, 'x-csrf-token': client.csrf } : {};
    const method = r.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    if (!body) return fx.app.inject({ method, url, headers });
    if (body.kind === 'raw') return fx.app.inject({ method, url, headers: { ...headers, 'content-type': body.contentType }, payload: body.text });
    let text: string;
    try {
      text = JSON.stringify(body.value) ?? 'null';
    } catch {
      text = 'null';
    }
    return fx.app.inject({ method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: text });
  }

  /**
   * Row counts that a refused request must leave alone. A failed or delayed password check (sign-in, the current
   * password of /me/password) is refused *and* recorded by design: its audit entries are not counted.
   */
  async function writes(): Promise<Record<string, number>> {
    const counts = await tableCounts(fx.db);
    const audit = await fx.db.raw.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log
       WHERE action NOT IN ('auth.login_failed', 'auth.login_throttled', 'auth.password_change_failed', 'auth.password_change_throttled')`,
    );
    return { ...counts, audit_log: audit.rows[0]!.n };
  }

  /** The invariants of one hostile request. */
  async function checked(r: RouteEntry, url: string, body: Body | undefined) {
    const mutating = MUTATING.has(r.method);
    const before = mutating ? await writes() : null;
    const res = await send(r, url, body);
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    expect(res.statusCode, `${routeKey(r)} ${url}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
    if (res.statusCode >= 400) {
      // Fastify refuses a URL it cannot decode (400 FST_ERR_BAD_URL) or a path parameter over the router's length
      // limit (414) before routing, in its own JSON format rather than as problem details.
      const preRouting = res.statusCode === 414 || res.body.includes('FST_ERR_BAD_URL');
      if (!preRouting) {
        const problem = res.json<{ status: number; code: string; title: string }>();
        expect(problem.status, res.body.slice(0, 200)).toBe(res.statusCode);
        expect(problem.title).toBeTruthy();
      }
      if (before) expect(await writes(), `${routeKey(r)} answered ${res.statusCode} but wrote`).toEqual(before);
    }
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }

  /** Splits a target's budget over routes so the cases add up to exactly the budget. */
  const share = (target: FuzzTarget, n: number, i: number) => {
    const total = runsFor(target, backend.name);
    return Math.floor(total / n) + (i < total % n ? 1 : 0);
  };

  it('answers hostile bodies on every write route with a 4xx that wrote nothing, or a 2xx — never a 5xx', async () => {
    const targets = routes.filter((r) => MUTATING.has(r.method) && !SESSION_ROUTES.has(routeKey(r)) && EXPECTATIONS[routeKey(r)]);
    expect(targets.length).toBeGreaterThan(35);
    for (const [i, r] of targets.entries()) {
      const e = EXPECTATIONS[routeKey(r)]!;
      const url = urlFor(r, e, fx.ids);
      // Login is fuzzed with arbitrary bodies only: a near-valid one would count failures against a real account.
      const valid = routeKey(r) === 'POST /api/v1/auth/login' ? null : bodyFor(e, fx.ids);
      await fc.assert(
        fc.asyncProperty(bodyArb(valid), async (body) => {
          counter.hit('api bodies');
          await checked(r, url, body);
        }),
        { ...fuzzParams('api bodies', backend.name), numRuns: share('api bodies', targets.length, i) },
      );
    }
    expect(counter.get('api bodies')).toBe(runsFor('api bodies', backend.name));
  }, 600_000);

  it('answers hostile path parameters on every route without a 5xx, and writes nothing when it refuses', async () => {
    const targets = routes.filter((r) => r.url.includes(':') && !SESSION_ROUTES.has(routeKey(r)) && EXPECTATIONS[routeKey(r)]);
    for (const [i, r] of targets.entries()) {
      const e = EXPECTATIONS[routeKey(r)]!;
      const names = [...r.url.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]!);
      const body = MUTATING.has(r.method) && !e.multipart ? ({ kind: 'json', value: bodyFor(e, fx.ids) ?? {} } as Body) : undefined;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...names), hostileParam, async (name, value) => {
          counter.hit('api params');
          await checked(r, urlFor(r, e, fx.ids, { [name]: value }), body);
        }),
        { ...fuzzParams('api params', backend.name), numRuns: share('api params', targets.length, i) },
      );
    }
    expect(counter.get('api params')).toBe(runsFor('api params', backend.name));
  }, 600_000);
});
