import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openPostgres, type Database } from '../../src/db/client.js';
import { buildApp } from '../../src/server/app.js';
import { isDatabaseUnavailable } from '../../src/server/db-unavailable.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { waitFor } from '../helpers/wait.js';

const PASSWORD = 'test-password-1';
const server = backends().find((b) => b.name === 'postgres');

/**
 * A TCP proxy between the app and PostgreSQL that the test can cut (every connection dropped, new ones refused, as
 * when the server restarts or the network fails) and restore — an outage without touching the shared server.
 */
class CuttableProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
    this.server = null;
  }

  async close(): Promise<void> {
    if (this.server) await this.cut();
  }
}

async function eventually(fn: () => Promise<boolean>, ms = 15_000): Promise<void> {
  await waitFor(fn, { timeoutMs: ms, intervalMs: 50, what: 'recovery' });
}

/** Runs `sql` on the server itself (not through the app's pool or the proxy). */
async function onServer<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    return (await admin.query<T>(sql, params)).rows;
  } finally {
    await admin.end();
  }
}

/** Collects errors nobody handled while a suite runs (an 'error' event without a listener would end the process). */
function watchUnhandled() {
  const seen: unknown[] = [];
  const note = (err: unknown) => seen.push(err);
  return {
    seen,
    start() {
      process.on('unhandledRejection', note);
      process.on('uncaughtException', note);
    },
    stop() {
      process.off('unhandledRejection', note);
      process.off('uncaughtException', note);
    },
  };
}

async function appOn(database: Database): Promise<FastifyInstance> {
  const app = await buildApp({ database, config: loadConfig({ LOG_LEVEL: 'silent' }), spa: false });
  await app.ready();
  return app;
}

describe('database connection errors', () => {
  it('count as "unavailable" through any wrapping, and nothing else does', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query: select 1', { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });
});

describe.skipIf(!server)('PostgreSQL outage under the running app (TCP proxy cut and restored)', () => {
  let db: TestDatabase;
  let proxy: CuttableProxy;
  let viaProxy: Database;
  let app: FastifyInstance;
  const unhandled = watchUnhandled();

  beforeAll(async () => {
    unhandled.start();
    db = await server!.openDemo(PASSWORD);
    const url = new URL(db.url!);
    proxy = new CuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.open();
    url.host = `127.0.0.1:${proxy.port}`;
    viaProxy = await openPostgres(url.toString(), { max: 4 });
    app = await appOn(viaProxy);
  }, 120_000);
  afterAll(async () => {
    unhandled.stop();
    await app?.close();
    await viaProxy?.close();
    await proxy?.close();
    await db?.destroy();
  });

  it('answers 503 problem details during the outage and recovers without restarting the app', async () => {
    // Warm the pool: idle connections exist when the cut happens.
    expect((await app.inject('/api/v1/org-units')).statusCode).toBe(200);
    const session = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'auditor', password: PASSWORD } });
    expect(session.statusCode).toBe(200);
    const cookie = `hj_session=${session.cookies.find((c) => c.name === 'hj_session')!.value}`;
    // A query in flight when the connection drops.
    const inFlight = viaProxy.raw.query('SELECT pg_sleep(3)').then(
      () => null,
      (err: unknown) => err,
    );
    const name = new URL(db.url!).pathname.slice(1);
    await waitFor(
      async () =>
        (
          await onServer<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query = 'SELECT pg_sleep(3)'",
            [name],
          )
        )[0]!.n > 0,
      { what: 'the query running on the server' },
    );

    await proxy.cut();
    const lost = await inFlight;
    expect(lost).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(lost)).toBe(true);

    const read = await app.inject('/api/v1/org-units');
    expect(read.statusCode).toBe(503);
    expect(read.headers['content-type']).toContain('application/problem+json');
    expect(read.headers['retry-after']).toBe('5');
    expect(read.json()).toMatchObject({ status: 503, code: 'database_unavailable', detail: '데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도하세요.' });
    expect(JSON.stringify(read.json())).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
    const en = await app.inject({ url: '/api/v1/me', headers: { cookie, 'accept-language': 'en' } });
    expect(en.statusCode).toBe(503);
    expect(en.json().detail).toBe('The database cannot be reached. Please try again shortly.');
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'auditor', password: PASSWORD } })).statusCode).toBe(503);
    expect((await app.inject('/api/v1/health')).statusCode).toBe(503);
    expect((await app.inject('/api/v1/health/ready')).json()).toEqual({ status: 'not_ready', checks: { database: 'unreachable', migrations: 'unknown' } });
    const metrics = await app.inject('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/^hopejobs_db_up 0$/m);

    await proxy.open();
    await eventually(async () => (await app.inject('/api/v1/org-units')).statusCode === 200);
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200); // the session survived
    expect((await app.inject('/api/v1/health/ready')).statusCode).toBe(200);
    expect((await app.inject('/metrics')).body).toMatch(/^hopejobs_db_up 1$/m);
    expect(unhandled.seen).toEqual([]);
  }, 60_000);

  it('survives repeated cuts under concurrent requests, every answer a 200 or a 503', async () => {
    const statuses = new Map<number, number>();
    const seen = (status: number) => statuses.get(status) ?? 0;
    let stop = false;
    const clients = Array.from({ length: 8 }, async () => {
      while (!stop) {
        const res = await app.inject('/api/v1/org-units');
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      }
    });
    // Each phase lasts until the clients have been answered in it: a 200 while the database is reachable, a 503
    // while it is cut off.
    const answered = (status: number) => {
      const before = seen(status);
      return waitFor(() => seen(status) > before, { what: `a ${status} answer` });
    };
    for (let i = 0; i < 3; i++) {
      await answered(200);
      await proxy.cut();
      await answered(503);
      await proxy.open();
    }
    await answered(200);
    stop = true;
    await Promise.all(clients);
    expect([...statuses.keys()].sort()).toEqual([200, 503]);
    await eventually(async () => (await app.inject('/api/v1/org-units')).statusCode === 200);
    expect(unhandled.seen).toEqual([]);
  }, 60_000);
});

/**
 * What a server restart or an administrator sends: every backend of the database terminated (FATAL 57P01), here
 * only those of this test's own database, so the shared server and other tests are untouched. A client idle inside
 * a transaction gets the error with no query to hand it to; that used to end the process. (The real restart of the
 * machine's PostgreSQL is test/faults/pg-restart.test.ts, run only with FAULTS_PG_RESTART=1.)
 */
describe.skipIf(!server)("PostgreSQL terminating the app's connections (57P01), one inside a transaction", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  const unhandled = watchUnhandled();
  beforeAll(async () => {
    unhandled.start();
    db = await server!.openDemo(PASSWORD);
    app = await appOn(db);
  }, 120_000);
  afterAll(async () => {
    unhandled.stop();
    await app?.close();
    await db?.destroy();
  });

  it('keeps the process up, fails the transaction cleanly and serves again at once', async () => {
    expect((await app.inject('/api/v1/org-units')).statusCode).toBe(200);
    let inTransaction!: () => void;
    const idle = new Promise<void>((resolve) => (inTransaction = resolve));
    let resume!: () => void;
    const terminated = new Promise<void>((resolve) => (resume = resolve));
    const tx = db.db
      .transaction(async (t) => {
        await t.execute('SELECT 1');
        inTransaction();
        await terminated; // idle in transaction when the server ends the connection
        await t.execute('SELECT 2');
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    await idle;
    const name = new URL(db.url!).pathname.slice(1);
    const ended = await onServer<{ pid: number }>(
      'SELECT pid FROM (SELECT pid, pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()) t WHERE ended',
      [name],
    );
    expect(ended.length).toBeGreaterThanOrEqual(1);
    // Every terminated backend has gone (and told its client) before the transaction tries to go on.
    await waitFor(
      async () =>
        (await onServer<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1::int[])', [ended.map((r) => r.pid)]))[0]!.n === 0,
      { what: 'the terminated backends gone' },
    );
    resume();
    const failed = await tx;
    expect(failed).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(failed)).toBe(true);
    await eventually(async () => (await app.inject('/api/v1/org-units')).statusCode === 200);
    expect(unhandled.seen).toEqual([]);
  }, 60_000);
});
