import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { repoRoot, runCli, startServerProcess } from '../helpers/cli.js';

const demoEnv = { HOPEJOBS_DEMO_PASSWORD: 'demo-password-1' };

async function getJson(url: string) {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('hopejobs serve on embedded PGlite', () => {
  const dir = mkdtempSync(path.join(repoRoot, '.tmp', 'serve-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts on an empty data dir with the demo, stops on Ctrl-C, and keeps its data on restart', async () => {
    const first = await startServerProcess({ ...demoEnv, HOPEJOBS_DATA_DIR: dir });
    expect(first.output()).toContain('데모 계정');
    expect(first.output()).toContain('demo-password-1');
    const health = await getJson(`${first.url}/api/v1/health`);
    expect(health.body).toMatchObject({ status: 'ok', db: 'pglite' });
    const login = await fetch(`${first.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'officer.11215', password: 'demo-password-1' }),
    });
    expect(login.status).toBe(200);
    const page = await fetch(`${first.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('희망일자리');
    expect(await first.stop('SIGINT')).toBe(0);

    const second = await startServerProcess({ HOPEJOBS_DATA_DIR: dir });
    // Data kept: no second demo load, the accounts and units are there.
    expect(second.output()).not.toContain('데모 계정');
    const units = await getJson(`${second.url}/api/v1/org-units`);
    expect((units.body.orgUnits as unknown[]).length).toBe(26);
    expect(await second.stop('SIGTERM')).toBe(0);

    const audit = await runCli(['verify-audit'], { HOPEJOBS_DATA_DIR: dir });
    expect(audit.code).toBe(0);
    expect(audit.stdout).toMatch(/audit log intact: \d+ entries/);
  }, 240_000);
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('hopejobs serve on the PostgreSQL server', () => {
  const serverUrl = process.env.TEST_DATABASE_URL ?? '';
  const name = `hj_serve_${inject('runId')}`;
  const url = new URL(serverUrl || 'postgres://x/y');
  url.pathname = `/${name}`;
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('creates a missing database, migrates, serves and says postgres — from the TypeScript sources, as in development', async () => {
    // The other tests run dist/ when it is fresh; this one keeps the sources' path (HOPEJOBS_FROM_SOURCE=1) covered.
    const server = await startServerProcess({ ...demoEnv, DATABASE_URL: url.toString() }, 180_000, 'source');
    const health = await getJson(`${server.url}/api/v1/health`);
    expect(health.body).toMatchObject({ status: 'ok', db: 'postgres' });
    const units = await getJson(`${server.url}/api/v1/org-units`);
    expect(units.body.orgUnits).toContainEqual(expect.objectContaining({ code: '11215', name: '광진구' }));
    expect(await server.stop('SIGINT')).toBe(0);
    const migrate = await runCli(['migrate'], { DATABASE_URL: url.toString() });
    expect(migrate.stdout).toContain('already up to date');
  }, 240_000);
});
