import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { enqueueJob } from '../../src/domain/jobs/index.js';
import { buildApp } from '../../src/server/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const TOKEN = 'scrape-token-0123456789abcdef';

async function appWith(db: TestDatabase, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ HOPEJOBS_DATA_DIR: db.dataDir ?? '.tmp/unused', LOG_LEVEL: 'silent', ...env });
  const app = await buildApp({ database: db, config, spa: false });
  await app.ready();
  return app;
}

/** The value of one sample line of the exposition text, e.g. `hopejobs_cycles{status="published"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(backends())('metrics and readiness on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await backend.openDemo('test-password-1');
    app = await appWith(db);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('exposes request counts and latency histograms by route pattern and status in Prometheus text format', async () => {
    // Scoring runs are not loaded here, so the published cycles have no results yet: 404 from a matched route.
    for (const year of [2019, 2030]) await app.inject(`/api/v1/public/cycles/${year}/results`);
    for (let i = 0; i < 3; i++) await app.inject('/api/v1/org-units');
    await app.inject('/no/such/page/at/all');
    const res = await app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain; version=0.0.4');
    const text = res.body;
    // One series per route pattern (never per URL), status and method.
    expect(sample(text, 'http_requests_total{method="GET",route="/api/v1/public/cycles/:year/results",status_code="404"}')).toBe(2);
    expect(sample(text, 'http_requests_total{method="GET",route="/api/v1/org-units",status_code="200"}')).toBe(3);
    expect(sample(text, 'http_requests_total{method="GET",route="(unmatched)",status_code="404"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/api/v1/org-units",status_code="200"}')).toBe(3);
    expect(sample(text, 'http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/v1/org-units",status_code="200"}')).toBe(3);
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="0.05",method="GET",route="\/api\/v1\/org-units",status_code="200"\} [0-3]$/m);
    expect(text).not.toContain('/api/v1/public/cycles/2019/results');
    expect(text).not.toContain('/no/such/page');
  });

  it('exposes process metrics: CPU, memory, event-loop lag', async () => {
    const text = (await app.inject('/metrics')).body;
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
    ]) {
      expect(text, name).toMatch(new RegExp(`^${name} [0-9.e+-]+$`, 'm'));
    }
  });

  it('exposes the database, background jobs by status and cycles by status', async () => {
    await enqueueJob(db.db, 'metrics-test', { n: 1 });
    await enqueueJob(db.db, 'metrics-test', { n: 2 });
    const text = (await app.inject('/metrics')).body;
    expect(text).toMatch(new RegExp(`^hopejobs_info\\{version="[^"]+",db="${backend.name}"\\} 1$`, 'm'));
    expect(sample(text, 'hopejobs_db_up')).toBe(1);
    expect(sample(text, 'hopejobs_cycles{status="published"}')).toBe(4);
    expect(sample(text, 'hopejobs_cycles{status="open"}')).toBe(1);
    expect(sample(text, 'hopejobs_jobs{kind="metrics-test",status="queued"}')).toBe(2);
    expect(sample(text, 'hopejobs_sessions_live')).toBeGreaterThanOrEqual(0);
    if (backend.name === 'postgres') {
      expect(sample(text, 'hopejobs_db_pool_clients{state="total"}')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'hopejobs_db_pool_clients{state="waiting"}')).toBe(0);
    } else {
      expect(text).not.toContain('hopejobs_db_pool_clients');
    }
  });

  it('serves /metrics to direct loopback connections only, unless a bearer token is configured', async () => {
    const remote = await app.inject({ url: '/metrics', remoteAddress: '198.51.100.7' });
    expect(remote.statusCode).toBe(403);
    expect(remote.json().code).toBe('metrics_loopback_only');
    // A reverse proxy on this machine connects from loopback but forwards someone else.
    const proxied = await app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '198.51.100.7' } });
    expect(proxied.statusCode).toBe(403);
    expect((await app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);

    const withToken = await appWith(db, { HOPEJOBS_METRICS_TOKEN: TOKEN });
    try {
      const missing = await withToken.inject({ url: '/metrics', remoteAddress: '198.51.100.7' });
      expect(missing.statusCode).toBe(401);
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      const wrong = await withToken.inject({ url: '/metrics', remoteAddress: '198.51.100.7', headers: { authorization: `Bearer ${TOKEN}x` } });
      expect(wrong.statusCode).toBe(401);
      const right = await withToken.inject({ url: '/metrics', remoteAddress: '198.51.100.7', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(right.statusCode).toBe(200);
      expect(right.body).toContain('http_requests_total');
    } finally {
      await withToken.close();
    }
  });

  it('can require the token even on loopback, or switch /metrics off', async () => {
    expect(() => loadConfig({ HOPEJOBS_METRICS_ACCESS: 'token' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOPEJOBS_METRICS_TOKEN: 'short' })).toThrow(/HOPEJOBS_METRICS_TOKEN/);
    const tokenOnly = await appWith(db, { HOPEJOBS_METRICS_ACCESS: 'token', HOPEJOBS_METRICS_TOKEN: TOKEN });
    const off = await appWith(db, { HOPEJOBS_METRICS_ACCESS: 'off' });
    try {
      expect((await tokenOnly.inject('/metrics')).statusCode).toBe(401);
      expect((await tokenOnly.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
      expect((await off.inject('/metrics')).statusCode).toBe(404);
    } finally {
      await tokenOnly.close();
      await off.close();
    }
  });

  it('keeps /metrics out of the OpenAPI document', async () => {
    const paths = Object.keys((await app.inject('/api/docs/json')).json().paths);
    expect(paths).not.toContain('/metrics');
    expect(paths).toContain('/api/v1/health/ready');
  });

  it('answers ready when the database is reachable and migrated, 503 while a migration is pending', async () => {
    const ready = await app.inject('/api/v1/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
    expect(ready.headers['cache-control']).toBe('no-store');

    const { rows } = await db.raw.query<{ tag: string; hash: string }>('SELECT tag, hash FROM hopejobs_migrations ORDER BY tag DESC LIMIT 1');
    const last = rows[0]!;
    await db.raw.query('DELETE FROM hopejobs_migrations WHERE tag = $1', [last.tag]);
    try {
      const pending = await app.inject('/api/v1/health/ready');
      expect(pending.statusCode).toBe(503);
      expect(pending.json()).toEqual({ status: 'not_ready', checks: { database: 'ok', migrations: 'pending' } });
      // The stable health contract is unchanged.
      expect((await app.inject('/api/v1/health')).json()).toMatchObject({ status: 'degraded', migrations: { pending: 1 } });
    } finally {
      await db.raw.query('INSERT INTO hopejobs_migrations (tag, hash) VALUES ($1, $2)', [last.tag, last.hash]);
    }
    expect((await app.inject('/api/v1/health/ready')).statusCode).toBe(200);
  });
});
