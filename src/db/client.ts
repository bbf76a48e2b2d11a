import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.js';
import { josaPick } from '../korean.js';

export type Schema = typeof schema;
/** The one database type the repositories see, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

/** Minimal raw SQL access shared by both drivers (used by the migrator and bulk paths). */
export interface RawSql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs several statements (no parameters) in one round trip. */
  exec(text: string): Promise<void>;
}

export interface Database {
  kind: DbKind;
  db: Db;
  raw: RawSql;
  /** A short description for logs and health (never contains a password). */
  describe: string;
  /** The PGlite instance, when embedded (bulk COPY uses its /dev/blob). */
  pglite?: PGlite;
  /** The pg pool, when on a server. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export class DatabaseConnectError extends Error {
  override name = 'DatabaseConnectError';
}

// Dates as strings, timestamps as ISO strings only where the schema asks; bigint counts as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * PGlite's buffer pool. PostgreSQL's default (128 MB) lives inside the WebAssembly memory, where every page it ever
 * touched stays resident: it was a third of an idle server's memory. 32 MB holds a whole installation with four
 * years of demo data (about 30 MB on disk) and the operating system caches the data files behind it, so loading the
 * demo costs the same CPU time (docs/architecture.md, "Build and start").
 */
const PGLITE_SHARED_BUFFERS = '32MB';

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    });
  } catch (err) {
    throw new DatabaseConnectError(
      `내장 데이터베이스를 열 수 없습니다 / cannot open the embedded database in ${dataDir ?? '(memory)'}: ${(err as Error).message}`,
    );
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    describe: `pglite:${dataDir ?? 'memory'}`,
    raw: {
      async query(text, params) {
        const r = await client.query(text, params);
        return { rows: r.rows as never[] };
      },
      async exec(text) {
        await client.exec(text);
      },
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(invalid)';
  }
}

function connectErrorMessage(url: string, err: unknown): string {
  const e = err as { code?: string; message?: string };
  const u = new URL(url);
  const where = `${u.hostname}:${u.port || '5432'}`;
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'ETIMEDOUT' || e.code === 'EHOSTUNREACH') {
    return `PostgreSQL 서버(${where})에 연결할 수 없습니다 / cannot reach the PostgreSQL server at ${where} (${e.code}); check DATABASE_URL and that the server is running`;
  }
  if (e.code === '28P01' || e.code === '28000') {
    return `PostgreSQL 인증 실패 / authentication failed for ${redact(url)}: ${e.message ?? ''}`;
  }
  return `PostgreSQL 연결 오류 / cannot connect to ${redact(url)}: ${e.message ?? String(err)}`;
}

/**
 * Connects to a PostgreSQL server. A missing database is created (the user needs CREATEDB);
 * when that is not allowed the error says how to create it.
 */
export async function openPostgres(url: string, opts: { max?: number; createMissing?: boolean } = {}): Promise<Database> {
  const tryConnect = async () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await c.connect();
    await c.end();
  };
  try {
    await tryConnect();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '3D000' && opts.createMissing !== false) {
      await createDatabase(url);
      await tryConnect().catch((e2: unknown) => {
        throw new DatabaseConnectError(connectErrorMessage(url, e2));
      });
    } else {
      throw new DatabaseConnectError(connectErrorMessage(url, err));
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server (restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // Nor may a client that is checked out (inside a transaction) when the server goes away: the pool takes its own
  // error listener off while a client is lent, and an 'error' event without a listener ends the process. The
  // error still reaches the query in flight, and the client is discarded when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pool,
    describe: redact(url),
    raw: {
      async query(text, params) {
        const r = await pool.query(text, params as unknown[] | undefined);
        return { rows: r.rows as never[] };
      },
      async exec(text) {
        await pool.query(text);
      },
    },
    async close() {
      await pool.end();
    },
  };
}

async function createDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    await c.query(`CREATE DATABASE ${pg.escapeIdentifier(dbName)}`);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === '42P04') return; // created meanwhile by another process
    throw new DatabaseConnectError(
      `데이터베이스 "${dbName}"${josaPick(dbName, '이/가')} 없고 만들 수 없습니다 / database "${dbName}" does not exist and could not be created (${e.message ?? ''}); create it with: createdb ${dbName}`,
    );
  } finally {
    await c.end().catch(() => undefined);
  }
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}

/** One entry point: a server when DATABASE_URL is given, embedded PGlite otherwise. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir);
}
