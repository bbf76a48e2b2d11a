import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, inject, it } from 'vitest';
import { openPglite, openPostgres, type Database, type DbKind } from '../../src/db/client.js';
import { loadDemoData } from '../../src/domain/demo/load-demo.js';
import { seedDemo } from '../../src/domain/seed.js';
import { waitFor } from './wait.js';

/** The password of the demo accounts in the demo templates (what most tests sign in with). */
export const DEMO_TEST_PASSWORD = 'test-password-1';

/** What a demo database holds besides the migrations: the demo installation, and its demo data when asked. */
export interface DemoOptions {
  /** Also the demo data (`loadDemoData`: records, verified submissions, published runs 2016–2019). */
  data?: boolean;
}

export interface Backend {
  name: DbKind;
  /** A fresh, migrated, empty database of its own. */
  open(): Promise<TestDatabase>;
  /**
   * A fresh database of its own holding what `seedDemo(db, { password })` (and `loadDemoData(db)` with `data`)
   * leaves: cloned from a template built once per run when `password` is DEMO_TEST_PASSWORD, seeded here otherwise.
   */
  openDemo(password: string, opts?: DemoOptions): Promise<DemoDatabase>;
}

export interface TestDatabase extends Database {
  /** Closes and deletes the database. */
  destroy(): Promise<void>;
  /** For a server database: its URL (to start a second process on it). */
  url?: string;
  dataDir?: string;
}

export interface DemoDatabase extends TestDatabase {
  /** The scoring runs the demo data published (empty without `data`), as `loadDemoData` returns them. */
  demoRuns: number[];
}

type TemplateKind = 'demo' | 'demo-data';
const templateKind = (opts: DemoOptions): TemplateKind => (opts.data ? 'demo-data' : 'demo');

/** What a template holds, built on a migrated database; returns the published runs. */
async function seedTemplate(db: Database, kind: TemplateKind): Promise<number[]> {
  await seedDemo(db.db, { password: DEMO_TEST_PASSWORD });
  if (kind === 'demo') return [];
  return (await loadDemoData(db.db))?.runs ?? [];
}

/** The run's scratch directory (global setup makes it and removes it at the end). */
const scratchDir = () => path.dirname(inject('pgliteTemplate'));

let counter = 0;

/** One build per run, whichever test file asks first: the others wait for it (a lock directory marks the builder). */
async function buildOnce(ready: string, build: () => Promise<void>): Promise<void> {
  const lock = `${ready}.lock`;
  for (;;) {
    if (existsSync(ready)) return;
    try {
      mkdirSync(lock);
    } catch {
      // Another file builds it: wait until it is there or the builder gave up (then try ourselves).
      await waitFor(() => existsSync(ready) || !existsSync(lock), { timeoutMs: 600_000, intervalMs: 50, what: `the template ${path.basename(ready)}` });
      continue;
    }
    try {
      if (!existsSync(ready)) await build();
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

const pgliteTemplates = new Map<TemplateKind, Promise<{ dir: string; runs: number[] }>>();

/** A PGlite data directory of the run with the demo in it, built once from the migrated template. */
export function pgliteDemoTemplate(opts: DemoOptions = {}): Promise<{ dir: string; runs: number[] }> {
  const kind = templateKind(opts);
  let template = pgliteTemplates.get(kind);
  if (!template) {
    template = (async () => {
      const dir = path.join(scratchDir(), `template-${kind}`);
      const runsFile = `${dir}.runs.json`;
      await buildOnce(runsFile, async () => {
        const building = `${dir}.building`;
        rmSync(building, { recursive: true, force: true });
        cpSync(inject('pgliteTemplate'), building, { recursive: true });
        const db = await openPglite(building);
        let runs: number[];
        try {
          runs = await seedTemplate(db, kind);
        } finally {
          await db.close();
        }
        rmSync(dir, { recursive: true, force: true });
        renameSync(building, dir);
        writeFileSync(`${runsFile}.next`, JSON.stringify(runs));
        renameSync(`${runsFile}.next`, runsFile);
      });
      return { dir, runs: JSON.parse(readFileSync(runsFile, 'utf8')) as number[] };
    })();
    template.catch(() => pgliteTemplates.delete(kind));
    pgliteTemplates.set(kind, template);
  }
  return template;
}

async function openPgliteCopy(template: string): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(scratchDir(), 'db-'));
  cpSync(template, dir, { recursive: true });
  const db = await openPglite(dir);
  return {
    ...db,
    dataDir: dir,
    async destroy() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function seededHere(open: () => Promise<TestDatabase>, password: string, opts: DemoOptions): Promise<DemoDatabase> {
  const db = await open();
  await seedDemo(db.db, { password });
  const runs = opts.data ? ((await loadDemoData(db.db))?.runs ?? []) : [];
  return Object.assign(db, { demoRuns: runs });
}

const pgliteBackend: Backend = {
  name: 'pglite',
  open: () => openPgliteCopy(inject('pgliteTemplate')),
  async openDemo(password, opts = {}) {
    if (password !== DEMO_TEST_PASSWORD) return seededHere(() => openPgliteCopy(inject('pgliteTemplate')), password, opts);
    const template = await pgliteDemoTemplate(opts);
    return Object.assign(await openPgliteCopy(template.dir), { demoRuns: template.runs });
  },
};

async function withAdmin<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

const databaseUrl = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

function serverBackend(serverUrl: string, template: string): Backend {
  const demoTemplates = new Map<TemplateKind, Promise<{ name: string; runs: number[] }>>();

  /** A demo template database of the run, built once (under an advisory lock) from the migrated template. */
  const demoTemplate = (kind: TemplateKind) => {
    let built = demoTemplates.get(kind);
    if (!built) {
      built = (async () => {
        const name = `hj_${kind.replace('-', '')}_${inject('runId')}`;
        const runsFile = path.join(scratchDir(), `pg-${kind}.runs.json`);
        await withAdmin(serverUrl, async (admin) => {
          await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
          try {
            if (existsSync(runsFile)) return;
            await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
            const db = await openPostgres(databaseUrl(serverUrl, name), { max: 2 });
            let runs: number[];
            try {
              runs = await seedTemplate(db, kind);
            } finally {
              await db.close();
            }
            writeFileSync(`${runsFile}.next`, JSON.stringify(runs));
            renameSync(`${runsFile}.next`, runsFile);
          } finally {
            await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
          }
        });
        return { name, runs: JSON.parse(readFileSync(runsFile, 'utf8')) as number[] };
      })();
      built.catch(() => demoTemplates.delete(kind));
      demoTemplates.set(kind, built);
    }
    return built;
  };

  const cloneOf = async (source: string): Promise<TestDatabase> => {
    const name = `hj_t_${inject('runId')}_${process.pid}_${++counter}`;
    await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${source}`));
    const url = databaseUrl(serverUrl, name);
    const db = await openPostgres(url, { max: 5 });
    return {
      ...db,
      url,
      async destroy() {
        await db.close();
        await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  };

  return {
    name: 'postgres',
    open: () => cloneOf(template),
    async openDemo(password, opts = {}) {
      if (password !== DEMO_TEST_PASSWORD) return seededHere(() => cloneOf(template), password, opts);
      const demo = await demoTemplate(templateKind(opts));
      return Object.assign(await cloneOf(demo.name), { demoRuns: demo.runs });
    },
  };
}

/**
 * The backends data-layer and API tests run on: PGlite always, and the PostgreSQL server when TEST_DATABASE_URL
 * is set. Use with `describe.each(backends())`.
 */
export function backends(): Backend[] {
  const list: Backend[] = [pgliteBackend];
  const url = process.env.TEST_DATABASE_URL;
  const template = inject('pgTemplate');
  if (url && template) list.push(serverBackend(url, template));
  return list;
}

export const serverAvailable = () => Boolean(process.env.TEST_DATABASE_URL);

/**
 * `describe.each(backends())` for one backend only: a long scenario split into one file per database, so the two
 * run at once in two workers instead of one after the other in one. Without the PostgreSQL server the 'postgres'
 * file's suite is skipped and says why. The suite is named as `describe.each` names it (`… on 'pglite'`).
 */
export function describeOnBackend(name: DbKind, title: string, body: (backend: Backend) => void): void {
  const backend = backends().find((b) => b.name === name);
  const named = `${title} on '${name}'`;
  if (backend) describe(named, () => body(backend));
  else describe.skip(`${named} (TEST_DATABASE_URL is not set)`, () => it('needs the PostgreSQL server', () => {}));
}
