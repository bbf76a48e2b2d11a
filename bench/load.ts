/**
 * Load benchmark (`npm run bench:load`, or `npx tsx bench/load.ts [--duration 15] [--warmup 3] [--connections 200]
 * [--sessions 25] [--write-connections 25] [--download-connections 20] [--workers 1] [--timeout 30] [--only a,b,c,d,e]
 * [--no-pg] [--pg-only] [--url http://host:port]`).
 *
 * Starts the real server (`hopejobs serve`, built web app, LOG_LEVEL=warn) in a child process on loopback, on a fresh
 * embedded PGlite data directory with the demo loaded, and measures with autocannon for a bounded time after a short
 * warm-up:
 *   (a) GET /api/v1/public/cycles/2019/results                      at --connections (200) connections;
 *   (b) GET /api/v1/public/cycles/2019/districts/11215/scorecard    at --connections (200) connections;
 *   (c) an authenticated write mix: --sessions officers of different districts signed in; each of
 *       --write-connections connections repeatedly picks an item at random (seeded) — a submission draft of the open
 *       2020 cycle or an activity record of one of those districts — reads it with that district officer's session
 *       and saves it with the version it read. A 409 (someone saved the item in between) is the expected answer to a
 *       stale version;
 *       afterwards every acknowledged (2xx) write is checked against the database: no two acknowledged writes of an
 *       item share a version, and every item's current version is at least the last acknowledged one, with the last
 *       acknowledged value when they are equal (0 lost updates);
 *   (d) GET /api/v1/public/cycles/2019/districts/11215/scorecard.pdf  at --download-connections (20) connections;
 *   (e) GET /api/v1/public/cycles/2019/results.xlsx                   at --download-connections (20) connections;
 *       for (d) and (e) the time of the very first request (the build on a cold cache) is printed, and meanwhile one
 *       more connection asks GET /api/v1/health 20 times a second: its p99 shows whether the downloads hold up the
 *       event loop. The downloads are limited per client address (HOPEJOBS_PUBLIC_DOWNLOADS_PER_MIN) and all of the
 *       bench's requests come from 127.0.0.1, so the bench starts its server with the limit raised to 1,000,000 a
 *       minute and says so; against --url the server's own limit applies (429s count as non-2xx).
 * Then the same on a PostgreSQL server (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres) in a scratch database created for the run and dropped after it, when
 * the server is reachable. Prints p50/p99/max latency as the client saw it, the server's own p99 for (a) and (b) (from
 * its /metrics histogram: receipt of the request to the last byte, so without the time a request waited for a CPU),
 * requests/s, errors, timeouts (no answer within --timeout s) and non-2xx answers of each scenario next to the goals
 * (p99 ≤ 50 ms and 0 errors for (a) and (b); 0 errors and 0 lost updates for (c); ≥ 200 answers/s, 0 errors and a
 * health p99 ≤ 50 ms for (d) and (e)), and the CPU used by the server
 * process and by this one (share of one core). With --url, measures a running server instead (its demo password in
 * BENCH_DEMO_PASSWORD).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Request as CannonRequest, type Result } from 'autocannon';
import pg from 'pg';
import { mulberry32 } from '../src/domain/demo/random.js';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '200' },
    sessions: { type: 'string', default: '25' },
    'write-connections': { type: 'string', default: '25' },
    'download-connections': { type: 'string', default: '20' },
    only: { type: 'string', default: 'a,b,c,d,e' },
    'no-pg': { type: 'boolean', default: false },
    'pg-only': { type: 'boolean', default: false },
    url: { type: 'string' },
    // One worker thread generates the load; on two cores more workers take CPU time from the server they measure.
    workers: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '30' },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const sessionCount = Math.min(25, Number(values.sessions));
const writeConnections = Number(values['write-connections']);
const downloadConnections = Number(values['download-connections']);
const only = new Set(values.only.split(','));
const workers = Number(values.workers);
// A request without an answer after this many seconds counts as a timeout (an error). Browsers wait longer.
const timeoutSeconds = Number(values.timeout);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// With --url, a server that is already running (its demo password in BENCH_DEMO_PASSWORD) is measured instead.
const PASSWORD = process.env.BENCH_DEMO_PASSWORD ?? `bench-${randomBytes(6).toString('hex')}`;
const GOAL_P99_MS = 50;
const GOAL_DOWNLOADS_PER_S = 200;
/** The server's per-address download limit during the bench: every request comes from 127.0.0.1. */
const BENCH_DOWNLOAD_LIMIT = '1000000';

// ── the server under test ────────────────────────────────────────────────────────────────────────────────────────

interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function startServer(env: Record<string, string>): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin/hopejobs.js'), 'serve'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        HOPEJOBS_DEMO: '1',
        HOPEJOBS_DEMO_PASSWORD: PASSWORD,
        HOPEJOBS_PUBLIC_DOWNLOADS_PER_MIN: BENCH_DOWNLOAD_LIMIT,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({
          url: `http://127.0.0.1:${m[1]}`,
          pid: child.pid!,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => process.stderr.write(`  [server] ${d.toString()}`));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

/** CPU time (ms) the server process has used so far, from /proc (null elsewhere). */
function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

// ── measurement ─────────────────────────────────────────────────────────────────────────────────────────────────

interface Row {
  backend: string;
  scenario: string;
  connections: number;
  p50: number;
  p99: number;
  max: number;
  rps: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  conflicts?: number;
  lost?: number;
  acknowledged?: number;
  serverCpu: number | null;
  clientCpu: number;
  /** Upper bound of the server-side p99 (its own latency histogram: receipt of the request to the last byte sent). */
  serverP99?: number | null;
  /** Downloads: the first request's time (the build on a cold cache) and the health check's p99 meanwhile. */
  coldMs?: number;
  healthP99?: number;
  healthRequests?: number;
  goal: string;
  met: boolean;
}

const rows: Row[] = [];

function cannon(opts: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon({ timeout: timeoutSeconds, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** Runs the scenario after its warm-up; CPU shares are of one core (1 = a whole core) for the server and for us. */
async function measure(
  server: Server,
  opts: autocannon.Options,
  alongside?: () => void,
): Promise<{ result: Result; serverCpu: number | null; clientCpu: number }> {
  if (warmup > 0) await cannon({ ...opts, duration: warmup });
  const cpu0 = cpuMs(server.pid);
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  const measured = cannon({ ...opts, duration });
  alongside?.();
  const result = await measured;
  const cpu1 = cpuMs(server.pid);
  const own = process.cpuUsage(own0);
  const wall = performance.now() - t0;
  return { result, serverCpu: cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / wall : null, clientCpu: (own.user + own.system) / 1000 / wall };
}

/** The client-side figures of an autocannon result, as the table shows them. */
function figures(result: Result) {
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    rps: result.requests.average,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

async function readScenario(backend: string, server: Server, scenario: string, urlPath: string, route: string) {
  process.stdout.write(`  ${backend} ${scenario}: ${connections} connections, ${warmup} s warm-up + ${duration} s …\n`);
  const before = await serverHistogram(server, route);
  const { result, serverCpu, clientCpu } = await measure(server, { url: `${server.url}${urlPath}`, connections, ...(workers > 0 ? { workers } : {}) });
  const row: Row = {
    backend,
    scenario,
    connections,
    ...figures(result),
    serverCpu,
    clientCpu,
    serverP99: serverP99(before, await serverHistogram(server, route)),
    goal: `p99 ≤ ${GOAL_P99_MS} ms, 0 errors`,
    met: result.latency.p99 <= GOAL_P99_MS && result.errors === 0 && result.timeouts === 0 && result.non2xx === 0,
  };
  rows.push(row);
}

/** Cumulative counts of the server's latency histogram for one route, from its /metrics (le in seconds → count). */
async function serverHistogram(server: Server, route: string): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  try {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    for (const line of text.split('\n')) {
      if (!line.startsWith('http_request_duration_seconds_bucket{') || !line.includes(`route="${route}"`) || !line.includes('status_code="200"')) continue;
      const le = /le="([^"]+)"/.exec(line)![1]!;
      const bound = le === '+Inf' ? Infinity : Number(le);
      out.set(bound, (out.get(bound) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
    }
  } catch {
    // a server without /metrics: no server-side figure
  }
  return out;
}

/** The histogram bucket (ms) holding the server-side p99 of the requests between two scrapes. */
function serverP99(before: Map<number, number>, after: Map<number, number>): number | null {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  if (total <= 0) return null;
  for (const b of bounds) {
    if ((after.get(b) ?? 0) - (before.get(b) ?? 0) >= total * 0.99) return b * 1000;
  }
  return null;
}

// ── public downloads, with the health check alongside ─────────────────────────────────────────────────────────

async function downloadScenario(backend: string, server: Server, scenario: string, urlPath: string, route: string) {
  const t0 = performance.now();
  const first = await fetch(`${server.url}${urlPath}`);
  await first.arrayBuffer();
  const coldMs = performance.now() - t0;
  if (!first.ok) throw new Error(`${urlPath}: ${first.status}`);
  process.stdout.write(
    `  ${backend} ${scenario}: first request ${coldMs.toFixed(0)} ms; ${downloadConnections} connections + health 20/s, ${warmup} s warm-up + ${duration} s …\n`,
  );
  const before = await serverHistogram(server, route);
  // The health check runs beside the downloads for the whole measured time, on a connection of its own.
  let health: Promise<Result> | null = null;
  const { result, serverCpu, clientCpu } = await measure(
    server,
    { url: `${server.url}${urlPath}`, connections: downloadConnections, ...(workers > 0 ? { workers } : {}) },
    () => (health = cannon({ url: `${server.url}/api/v1/health`, connections: 1, overallRate: 20, duration })),
  );
  const h = await health!;
  const rps = result.requests.average;
  rows.push({
    backend,
    scenario,
    connections: downloadConnections,
    ...figures(result),
    serverCpu,
    clientCpu,
    serverP99: serverP99(before, await serverHistogram(server, route)),
    coldMs,
    healthP99: h.latency.p99,
    healthRequests: h.requests.total,
    goal: `≥ ${GOAL_DOWNLOADS_PER_S}/s, 0 errors, health p99 ≤ ${GOAL_P99_MS} ms`,
    met:
      rps >= GOAL_DOWNLOADS_PER_S &&
      result.errors === 0 &&
      result.timeouts === 0 &&
      result.non2xx === 0 &&
      h.latency.p99 <= GOAL_P99_MS &&
      h.errors === 0 &&
      h.non2xx === 0,
  });
}

// ── the authenticated write mix ─────────────────────────────────────────────────────────────────────────────────

interface Session {
  code: string;
  cookie: string;
  csrf: string;
  recordIds: number[];
}

/** Submission items an officer can save without a formula or evidence (value + comment). */
const DRAFT_ITEMS = ['J2', 'J10', 'J11', 'S6', 'S7', 'J12'];

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function signIn(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const body = await json<{ csrfToken: string }>(res);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('hj_session='))!
    .split(';')[0]!;
  return { cookie, csrf: body.csrfToken };
}

async function openSessions(base: string): Promise<Session[]> {
  const units = await json<{ orgUnits: Array<{ code: string; kind: string }> }>(await fetch(`${base}/api/v1/org-units`));
  const codes = units.orgUnits
    .filter((u) => u.kind === 'district')
    .map((u) => u.code)
    .slice(0, sessionCount);
  const sessions: Session[] = [];
  for (const code of codes) {
    const s = await signIn(base, `officer.${code}`);
    const list = await json<{ items: Array<{ id: number }> }>(
      await fetch(`${base}/api/v1/districts/${code}/records?type=job_placement&cycle=2020&limit=4`, { headers: { cookie: s.cookie } }),
    );
    sessions.push({ code, ...s, recordIds: list.items.map((r) => r.id) });
  }
  return sessions;
}

type Slot = { kind: 'draft'; session: Session; indicator: string } | { kind: 'record'; session: Session; id: number };

const slotKey = (s: Slot) => (s.kind === 'draft' ? `draft:${s.session.code}:${s.indicator}` : `record:${s.id}`);

interface Ack {
  version: number;
  value: number;
}

async function writeMix(backend: string, server: Server) {
  const sessions = await openSessions(server.url);
  const slots: Slot[] = [];
  for (const session of sessions) {
    for (const indicator of DRAFT_ITEMS) slots.push({ kind: 'draft', session, indicator });
    for (const id of session.recordIds) slots.push({ kind: 'record', session, id });
  }
  const acks = new Map<string, Ack[]>();
  // Each read-then-save picks an item at random (seeded: every run makes the same picks), as users do: two
  // connections sometimes pick the same item, and the slower save must get 409, never overwrite the other.
  const random = mulberry32(2019);
  const statuses = new Map<string, number>();
  const count = (what: string, status: number, body: string) => {
    if (status >= 200 && status < 300) return;
    let code = '';
    try {
      code = (JSON.parse(body) as { code?: string }).code ?? '';
    } catch {
      // not a problem document
    }
    const key = `${what} ${status} ${code}`.trim();
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
  };
  const itemUrl = (s: Slot) => (s.kind === 'draft' ? `/api/v1/cycles/2020/districts/${s.session.code}/submissions/${s.indicator}` : `/api/v1/records/${s.id}`);

  interface Ctx {
    slot?: number;
    version?: number;
    data?: Record<string, unknown>;
    occurredOn?: string;
    value?: number;
  }
  const requests: CannonRequest[] = [
    {
      // Read the item's current version first, as a user's screen does.
      setupRequest: (req, context: Ctx) => {
        context.slot = Math.floor(random() * slots.length);
        const s = slots[context.slot]!;
        return { ...req, method: 'GET', path: itemUrl(s), headers: { cookie: s.session.cookie } };
      },
      onResponse: (status, body, context: Ctx) => {
        count('read', status, body);
        if (status !== 200) return;
        const parsed = JSON.parse(body) as { version: number; data?: Record<string, unknown>; occurredOn?: string };
        context.version = parsed.version;
        if (parsed.data) context.data = parsed.data;
        if (parsed.occurredOn) context.occurredOn = parsed.occurredOn;
      },
    },
    {
      setupRequest: (req, context: Ctx) => {
        const s = slots[context.slot!]!;
        const value = Math.floor(random() * 90) + 1;
        context.value = value;
        const headers = { cookie: s.session.cookie, 'x-csrf-token': s.session.csrf, 'content-type': 'application/json' };
        if (s.kind === 'draft') {
          const body = { version: context.version ?? 0, value: s.indicator === 'J11' ? value % 5 : value, comment: `load ${value}` };
          if (s.indicator === 'J11') context.value = value % 5;
          return { ...req, method: 'PUT', path: itemUrl(s), headers, body: JSON.stringify(body) };
        }
        const data = { ...(context.data ?? {}) } as { placements?: number; referrals?: number };
        data.referrals = (data.placements ?? 0) + value;
        context.value = data.referrals;
        const body = { version: context.version ?? 1, occurredOn: context.occurredOn, data };
        return { ...req, method: 'PATCH', path: itemUrl(s), headers, body: JSON.stringify(body) };
      },
      onResponse: (status, body, context: Ctx) => {
        count('write', status, body);
        if (status < 200 || status >= 300) return;
        const saved = JSON.parse(body) as { version: number };
        const key = slotKey(slots[context.slot!]!);
        const list = acks.get(key) ?? [];
        list.push({ version: saved.version, value: context.value! });
        acks.set(key, list);
      },
    },
  ];

  process.stdout.write(
    `  ${backend} (c) write mix: ${sessions.length} officers, ${slots.length} items, ${writeConnections} connections, ${warmup} s warm-up + ${duration} s …\n`,
  );
  const { result, serverCpu, clientCpu } = await measure(server, { url: server.url, connections: writeConnections, requests });
  // Requests cut off at the end may still commit: give them a moment before reading the final state.
  await new Promise((r) => setTimeout(r, 1000));

  // 409s of the measured run (the warm-up's are in `statuses` too).
  const conflicts = result.statusCodeStats?.['409']?.count ?? 0;
  if (statuses.size) process.stdout.write(`    answers other than 2xx, warm-up included: ${[...statuses].map(([k, n]) => `${k} ×${n}`).join(', ')}\n`);
  let lost = 0;
  let acknowledged = 0;
  for (const s of slots) {
    const list = acks.get(slotKey(s)) ?? [];
    acknowledged += list.length;
    if (list.length === 0) continue;
    const versions = new Set(list.map((a) => a.version));
    lost += list.length - versions.size; // two acknowledged writes on one version: one of them was overwritten
    const last = list.reduce((a, b) => (b.version > a.version ? b : a));
    const current = await json<{ version: number; value?: number | null; data?: { referrals?: number } }>(
      await fetch(`${server.url}${itemUrl(s)}`, { headers: { cookie: s.session.cookie } }),
    );
    const currentValue = s.kind === 'draft' ? current.value : current.data?.referrals;
    if (current.version < last.version || (current.version === last.version && currentValue !== last.value)) lost++;
  }
  // The warm-up's writes count as acknowledged too; report only the measured run's requests.
  rows.push({
    backend,
    scenario: '(c) write mix (GET + PUT/PATCH with version)',
    connections: writeConnections,
    ...figures(result),
    conflicts,
    lost,
    acknowledged,
    serverCpu,
    clientCpu,
    goal: '0 errors, 0 lost',
    met: result.errors === 0 && result.timeouts === 0 && lost === 0 && result.non2xx === conflicts,
  });
}

// ── the run ─────────────────────────────────────────────────────────────────────────────────────────────────────

async function runOn(backend: string, env: Record<string, string>) {
  process.stdout.write(`${backend}: starting the server (demo load on a fresh database) …\n`);
  const t0 = performance.now();
  const server = await startServer(env);
  process.stdout.write(`  listening at ${server.url} after ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  if (only.has('d') || only.has('e')) {
    process.stdout.write(`  NOTE: per-address download limit raised to ${BENCH_DOWNLOAD_LIMIT}/min for this server (all bench requests come from 127.0.0.1)\n`);
  }
  try {
    await measureAll(backend, server);
  } finally {
    await server.stop();
  }
}

async function measureAll(backend: string, server: Server) {
  if (only.has('a'))
    await readScenario(backend, server, '(a) GET public results 2019', '/api/v1/public/cycles/2019/results', '/api/v1/public/cycles/:year/results');
  if (only.has('b'))
    await readScenario(
      backend,
      server,
      '(b) GET scorecard 2019/11215',
      '/api/v1/public/cycles/2019/districts/11215/scorecard',
      '/api/v1/public/cycles/:year/districts/:code/scorecard',
    );
  if (only.has('c')) await writeMix(backend, server);
  if (only.has('d'))
    await downloadScenario(
      backend,
      server,
      '(d) GET scorecard PDF 2019/11215',
      '/api/v1/public/cycles/2019/districts/11215/scorecard.pdf',
      '/api/v1/public/cycles/:year/districts/:code/scorecard.pdf',
    );
  if (only.has('e'))
    await downloadScenario(backend, server, '(e) GET results.xlsx 2019', '/api/v1/public/cycles/2019/results.xlsx', '/api/v1/public/cycles/:year/results.xlsx');
}

async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function withScratchDatabase(fn: (url: string) => Promise<void>) {
  const name = `hj_bench_load_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    await fn(url.toString());
  } finally {
    const a = new pg.Client({ connectionString: serverUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  }
}

function printTable() {
  const ms = (n: number) => n.toFixed(n < 10 ? 1 : 0);
  const head = [
    'backend',
    'scenario',
    'conns',
    'p50 ms',
    'p99 ms',
    'max ms',
    'server p99 ms',
    'req/s',
    'requests',
    'errors',
    'timeouts',
    'non-2xx',
    '409',
    'lost',
    'first ms',
    'health p99 ms',
    'server CPU',
    'client CPU',
    'goal',
    'met',
  ];
  const lines = rows.map((r) => [
    r.backend,
    r.scenario,
    String(r.connections),
    ms(r.p50),
    ms(r.p99),
    ms(r.max),
    r.serverP99 === undefined || r.serverP99 === null ? '' : `≤ ${r.serverP99}`,
    Math.round(r.rps).toLocaleString('en-US'),
    r.requests.toLocaleString('en-US'),
    String(r.errors),
    String(r.timeouts),
    String(r.non2xx),
    r.conflicts === undefined ? '' : String(r.conflicts),
    r.lost === undefined ? '' : `${r.lost} of ${r.acknowledged}`,
    r.coldMs === undefined ? '' : ms(r.coldMs),
    r.healthP99 === undefined ? '' : `${ms(r.healthP99)} (${r.healthRequests})`,
    r.serverCpu === null ? '' : `${Math.round(r.serverCpu * 100)} %`,
    `${Math.round(r.clientCpu * 100)} %`,
    r.goal,
    r.met ? 'yes' : 'NO',
  ]);
  process.stdout.write(`\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n`);
  for (const l of lines) process.stdout.write(`| ${l.join(' | ')} |\n`);
  process.stdout.write(
    `\nmachine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average before the run ${startLoad.map((l) => l.toFixed(2)).join(' ')}; ` +
      `Node ${process.version}; ${duration} s per scenario after ${warmup} s warm-up, autocannon in ${workers || 'no'} worker thread${workers === 1 ? '' : 's'} for (a) and (b), ` +
      `timeout ${timeoutSeconds} s; client and server on one machine (loopback)\n`,
  );
  if (rows.some((r) => r.healthP99 !== undefined)) {
    process.stdout.write(
      values.url
        ? `downloads (d), (e): the given server's own per-address download limit applies (HOPEJOBS_PUBLIC_DOWNLOADS_PER_MIN); every request of this bench comes from one address, so its 429s count as non-2xx\n`
        : `downloads (d), (e): NOTE the server ran with HOPEJOBS_PUBLIC_DOWNLOADS_PER_MIN=${BENCH_DOWNLOAD_LIMIT} (default 120): every request of this bench comes from 127.0.0.1, which the per-address limit would otherwise answer with 429 after 120 downloads; the limit was still checked on every request\n`,
    );
  }
}

const startLoad = loadavg();
if (!existsSync(path.join(root, 'dist/web/index.html'))) {
  process.stdout.write('building the web app (npm run build:web) …\n');
  const built = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build:web failed');
}
const scratchRoot = path.join(root, '.tmp', `bench-load-${Date.now().toString(36)}`);
mkdirSync(scratchRoot, { recursive: true });
try {
  if (values.url) await measureAll('given server', { url: values.url.replace(/\/$/, ''), pid: -1, stop: async () => undefined });
  else if (!values['pg-only']) await runOn('PGlite', { HOPEJOBS_DATA_DIR: path.join(scratchRoot, 'data') });
  if (!values['no-pg'] && !values.url) {
    if (await pgReachable()) {
      await withScratchDatabase((url) => runOn('PostgreSQL', { DATABASE_URL: url, HOPEJOBS_DATA_DIR: path.join(scratchRoot, 'pg-files') }));
    } else {
      process.stdout.write(`PostgreSQL server not reachable (${new URL(serverUrl).host}): skipped\n`);
    }
  }
} finally {
  rmSync(scratchRoot, { recursive: true, force: true });
}
printTable();
process.exitCode = rows.every((r) => r.met) ? 0 : 1;
