import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { clearPublicCache } from '../../src/domain/publication/index.js';
import { buildApp } from '../../src/server/app.js';
import { startServer } from '../../src/server/start.js';
import { createLogger } from '../../src/server/logger.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';

async function appOn(primary: Database, replica?: Database): Promise<FastifyInstance> {
  clearPublicCache(); // the published-results cache is per process; these apps read different databases
  const app = await buildApp({ database: primary, ...(replica ? { readDatabase: replica } : {}), config: loadConfig({ LOG_LEVEL: 'silent' }), spa: false });
  await app.ready();
  return app;
}

describe('DATABASE_READ_URL configuration', () => {
  it('needs DATABASE_URL and a PostgreSQL URL, and never shows a password', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://reader@replica:5432/hopejobs' })).toThrow(/DATABASE_READ_URL: .*DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@primary/db', DATABASE_READ_URL: 'mysql://u:hunter2@replica/db' })).toThrow(
      /DATABASE_READ_URL: .*\(got "mysql:\/\/u:\*\*\*@replica\/db"\)/,
    );
    const c = loadConfig({ DATABASE_URL: 'postgres://u@primary/db', DATABASE_READ_URL: 'postgres://reader@replica/db' });
    expect(c.DATABASE_READ_URL).toBe('postgres://reader@replica/db');
  });
});

describe.each(backends())('public pages and a read replica on $name', (backend) => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  beforeAll(async () => {
    primary = await backend.openDemo(PASSWORD, { data: true });
    // Stands in for a replica that has not caught up: migrated, nothing published yet.
    replica = await backend.open();
  }, 180_000);
  afterAll(async () => {
    clearPublicCache();
    await replica?.destroy();
    await primary?.destroy();
  });

  it('reads public results from the primary when no replica is configured', async () => {
    const app = await appOn(primary);
    try {
      expect((await app.inject('/api/v1/public/cycles')).json().cycles).toHaveLength(4);
      expect((await app.inject('/api/v1/public/cycles/2019/results')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('reads only the public pages from the replica; sign-in and everything else stay on the primary', async () => {
    const app = await appOn(primary, replica);
    try {
      expect((await app.inject('/api/v1/public/cycles')).json().cycles).toEqual([]);
      expect((await app.inject('/api/v1/public/cycles/2019/results')).statusCode).toBe(404);
      expect((await app.inject('/api/v1/public/cycles/2019/results.csv')).statusCode).toBe(404);
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: PASSWORD } });
      expect(login.statusCode).toBe(200);
      const cookie = `hj_session=${login.cookies.find((c) => c.name === 'hj_session')!.value}`;
      expect((await app.inject({ url: '/api/v1/cycles/2019', headers: { cookie } })).json()).toMatchObject({ year: 2019, status: 'published' });
    } finally {
      await app.close();
    }
  });

  it.skipIf(backend.name !== 'postgres')(
    'opens the replica at start when DATABASE_READ_URL is set, and closes it at stop',
    async () => {
      clearPublicCache();
      const config = loadConfig({
        DATABASE_URL: primary.url!,
        DATABASE_READ_URL: replica.url!,
        PORT: '0',
        LOG_LEVEL: 'silent',
        HOPEJOBS_DATA_DIR: '.tmp/unused',
      });
      const server = await startServer(config, createLogger(config));
      try {
        const res = await fetch(`${server.url.replace('localhost', '127.0.0.1')}/api/v1/public/cycles`);
        expect(((await res.json()) as { cycles: unknown[] }).cycles).toEqual([]); // the replica's view
        const units = await fetch(`${server.url.replace('localhost', '127.0.0.1')}/api/v1/org-units`);
        expect(((await units.json()) as { orgUnits: unknown[] }).orgUnits).toHaveLength(26); // the primary's
      } finally {
        await server.stop();
        clearPublicCache();
      }
    },
    60_000,
  );
});
