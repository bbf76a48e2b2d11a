import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { chromiumLaunchOptions } from './helpers/chromium.js';

const root = path.resolve(import.meta.dirname, '..');
const migrationsDir = path.join(root, 'src/db/migrations');

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string | null;
    runId: string;
    /** GET it for the WebSocket endpoint of the run's shared Chromium (launched on the first request). */
    chromiumBroker: string | null;
  }
}

/**
 * One Chromium for all browser tests of the run instead of one per file: launched when the first of them asks (so
 * runs without browser tests never start it), then shared; each test file connects and works in contexts of its own.
 */
async function chromiumBroker(): Promise<{ url: string; close(): Promise<void> }> {
  let launching: Promise<BrowserServer> | null = null;
  const http = createServer((_req, res) => {
    launching ??= import('playwright-core').then(({ chromium }) => chromium.launchServer(chromiumLaunchOptions));
    launching.then(
      (server) => res.end(server.wsEndpoint()),
      (err: unknown) => {
        launching = null;
        res.statusCode = 500;
        res.end(String(err));
      },
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/`,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      if (launching) await (await launching.catch(() => null))?.close();
    },
  };
}

function migrationsFingerprint(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(migrationsDir).sort()) {
    if (f.endsWith('.sql')) h.update(f).update(readFileSync(path.join(migrationsDir, f)));
  }
  h.update(readFileSync(path.join(migrationsDir, 'meta', '_journal.json')));
  return h.digest('hex').slice(0, 16);
}

/**
 * Pays PGlite's first-open cost once: a migrated template data directory, cached by the migrations' fingerprint,
 * that each test copies. On a PostgreSQL server (TEST_DATABASE_URL) a migrated template database of this run is
 * cloned with CREATE DATABASE … TEMPLATE, so parallel runs and files never share a database.
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const cacheDir = path.join(root, '.tmp', 'test-cache');
  const template = path.join(cacheDir, `pglite-${migrationsFingerprint()}`);
  if (!existsSync(path.join(template, 'PG_VERSION'))) {
    mkdirSync(cacheDir, { recursive: true });
    const building = `${template}.building-${runId}`;
    const db = await openPglite(building);
    await migrate(db);
    await db.close();
    rmSync(template, { recursive: true, force: true });
    try {
      renameSync(building, template);
    } catch {
      // Another run built it meanwhile: use theirs.
      rmSync(building, { recursive: true, force: true });
    }
  }
  const scratch = path.join(root, '.tmp', `run-${runId}`);
  mkdirSync(scratch, { recursive: true });
  cpSync(template, path.join(scratch, 'template'), { recursive: true });

  let pgTemplate: string | null = null;
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) console.log('PostgreSQL server tests skipped: TEST_DATABASE_URL is not set (PGlite tests run).');
  if (serverUrl) {
    pgTemplate = `hj_tpl_${runId}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${pgTemplate}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${pgTemplate}`;
    const db = await openPostgres(url.toString(), { max: 1 });
    await migrate(db);
    await db.close();
  }

  project.provide('pgliteTemplate', path.join(scratch, 'template'));
  project.provide('pgTemplate', pgTemplate);
  project.provide('runId', runId);
  const broker = await chromiumBroker();
  project.provide('chromiumBroker', broker.url);

  return async () => {
    await broker.close();
    rmSync(scratch, { recursive: true, force: true });
    if (serverUrl && pgTemplate) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`hj_%_${runId}%`]);
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(r.datname)} WITH (FORCE)`);
      await admin.end();
    }
  };
}
