import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database, type DbKind } from '../../src/db/client.js';

export interface Backend {
  name: DbKind;
  /** A fresh, migrated, empty database of its own. */
  open(): Promise<TestDatabase>;
}

export interface TestDatabase extends Database {
  /** Closes and deletes the database. */
  destroy(): Promise<void>;
  /** For a server database: its URL (to start a second process on it). */
  url?: string;
  dataDir?: string;
}

let counter = 0;

const pgliteBackend: Backend = {
  name: 'pglite',
  async open() {
    const dir = mkdtempSync(path.join(path.dirname(inject('pgliteTemplate')), 'db-'));
    cpSync(inject('pgliteTemplate'), dir, { recursive: true });
    const db = await openPglite(dir);
    return {
      ...db,
      dataDir: dir,
      async destroy() {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function serverBackend(serverUrl: string, template: string): Backend {
  return {
    name: 'postgres',
    async open() {
      const name = `hj_t_${inject('runId')}_${process.pid}_${++counter}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      await admin.end();
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const db = await openPostgres(url.toString(), { max: 5 });
      return {
        ...db,
        url: url.toString(),
        async destroy() {
          await db.close();
          const a = new pg.Client({ connectionString: serverUrl });
          await a.connect();
          await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await a.end();
        },
      };
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
