import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { openPglite, type Database } from '../../src/db/client.js';
import { seedRecordTypes } from '../../src/domain/activities/index.js';
import { seedDemo } from '../../src/domain/seed.js';
import { repoRoot, startServerProcess, type ServerProcess } from '../helpers/cli.js';
import type { Backend } from '../helpers/db.js';

export const PASSWORD = 'fault-password-1';

/**
 * A database for a real `hopejobs serve` process that the fault tests kill and restart: a PGlite data directory
 * (which only one process may open at a time, so the test reads it between server runs) or a scratch database on
 * the PostgreSQL server (which the test may read at any time). Seeded with the demo accounts and record types.
 */
export interface ServerTarget {
  name: 'pglite' | 'postgres';
  env: Record<string, string>;
  /** Runs `fn` with a connection of the test's own; for PGlite only while no server is running. */
  query<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  start(extraEnv?: Record<string, string>): Promise<ServerProcess>;
  destroy(): Promise<void>;
}

/** Every server process a target started: killed on destroy, so a failed test leaves none running. */
function tracked(start: () => Promise<ServerProcess>, started: ServerProcess[]) {
  return async () => {
    const p = await start();
    started.push(p);
    return p;
  };
}

function killLeftovers(started: ServerProcess[]) {
  for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
}

export async function openServerTarget(backend: Backend): Promise<ServerTarget> {
  const started: ServerProcess[] = [];
  const logEnv = { LOG_LEVEL: 'warn', HOPEJOBS_DEMO_PASSWORD: PASSWORD, HOPEJOBS_MAX_UPLOAD_MB: '100' };
  if (backend.name === 'pglite') {
    const dir = mkdtempSync(path.join(repoRoot, '.tmp', 'faults-'));
    cpSync(inject('pgliteTemplate'), dir, { recursive: true });
    const seed = await openPglite(dir);
    await seedDemo(seed.db, { password: PASSWORD });
    await seedRecordTypes(seed.db);
    await seed.close();
    const env = { ...logEnv, HOPEJOBS_DATA_DIR: dir };
    return {
      name: 'pglite',
      env,
      async query(fn) {
        const db = await openPglite(dir);
        try {
          return await fn(db);
        } finally {
          await db.close();
        }
      },
      start: (extra = {}) => tracked(() => startServerProcess({ ...env, ...extra }), started)(),
      async destroy() {
        killLeftovers(started);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const db = await backend.open();
  await seedDemo(db.db, { password: PASSWORD });
  await seedRecordTypes(db.db);
  const filesDir = mkdtempSync(path.join(repoRoot, '.tmp', 'faults-files-'));
  const env = { ...logEnv, DATABASE_URL: db.url!, HOPEJOBS_DATA_DIR: filesDir };
  return {
    name: 'postgres',
    env,
    query: (fn) => fn(db),
    start: (extra = {}) => tracked(() => startServerProcess({ ...env, ...extra }), started)(),
    async destroy() {
      killLeftovers(started);
      await db.destroy();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

export async function count(db: Database, table: string, where = 'true'): Promise<number> {
  return rowsOf<{ n: number }>(await db.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)))[0]!.n;
}

/** A signed-in HTTP client of a running server (cookie + CSRF token), for fetch. */
export interface HttpClient {
  json<T>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }>;
  upload(url: string, fileName: string, content: Buffer): Promise<{ status: number; body: Record<string, unknown> }>;
}

export async function signInHttp(base: string, username: string): Promise<HttpClient> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  return {
    async json<T>(method: string, url: string, body?: unknown) {
      const r = await fetch(`${base}${url}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await r.text();
      return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
    },
    async upload(url, fileName, content) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(content)]), fileName);
      const r = await fetch(`${base}${url}`, { method: 'POST', headers, body: form });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    },
  };
}

/** A district's company-visit CSV of `rows` rows, all inside the 2020 data period. */
export function companyVisitCsv(rows: number, tag: string): Buffer {
  const lines = ['실적 일자,기업명,방문 목적,발굴 일자리 수'];
  for (let i = 0; i < rows; i++) lines.push(`2020-0${1 + (i % 8)}-${String(1 + (i % 28)).padStart(2, '0')},${tag} 기업 ${i},정책 안내,${i % 7}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
