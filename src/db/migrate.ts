import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Database } from './client.js';
import { josaPick } from '../korean.js';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  tag: string;
  hash: string;
  statements: string[];
}

interface Journal {
  entries: Array<{ idx: number; tag: string }>;
}

/** Reads the committed SQL migrations in journal order (drizzle-kit's format: statements split by breakpoints). */
export function readMigrations(dir = migrationsDir): Migration[] {
  const journal = JSON.parse(readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map(({ tag }) => {
      const text = readFileSync(path.join(dir, `${tag}.sql`), 'utf8');
      return {
        tag,
        hash: createHash('sha256').update(text).digest('hex'),
        statements: text
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      };
    });
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

const LOCK_KEY = 7_215_2019; // any constant: serialises migrations of several app servers on one database

/**
 * Applies pending migrations in one transaction under an advisory lock (all or nothing, and several app servers
 * starting at once take turns), recording them in `hopejobs_migrations`. Idempotent: running it again applies
 * nothing. Returns the tags it applied.
 */
export async function migrate(database: Database, migrations = readMigrations()): Promise<string[]> {
  const appliedNow: string[] = [];
  await database.db.transaction(async (tx) => {
    const run = async (text: string) => {
      await tx.execute(text);
    };
    await run(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
    await run(
      `CREATE TABLE IF NOT EXISTS hopejobs_migrations (
         tag text PRIMARY KEY, hash text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = (await tx.execute('SELECT tag, hash FROM hopejobs_migrations')) as unknown as {
      rows: Array<{ tag: string; hash: string }>;
    };
    const byTag = new Map(done.rows.map((r) => [r.tag, r.hash]));
    for (const m of migrations) {
      const known = byTag.get(m.tag);
      if (known !== undefined) {
        if (known !== m.hash) {
          throw new Error(
            `마이그레이션 ${m.tag}${josaPick(m.tag, '이/가')} 적용 후 변경되었습니다 / migration ${m.tag} was edited after it was applied (hash mismatch); add a new migration instead`,
          );
        }
        continue;
      }
      for (const stmt of m.statements) await run(stmt);
      await tx.execute(`INSERT INTO hopejobs_migrations (tag, hash) VALUES ('${m.tag.replace(/'/g, "''")}', '${m.hash}')`);
      appliedNow.push(m.tag);
    }
  });
  return appliedNow;
}

export async function migrationStatus(database: Database, migrations = readMigrations()): Promise<MigrationStatus> {
  const exists = await database.raw.query<{ t: string | null }>(`SELECT to_regclass('hopejobs_migrations')::text AS t`);
  const applied = exists.rows[0]?.t
    ? (await database.raw.query<{ tag: string }>('SELECT tag FROM hopejobs_migrations ORDER BY tag')).rows.map((r) => r.tag)
    : [];
  const set = new Set(applied);
  return { applied, pending: migrations.map((m) => m.tag).filter((t) => !set.has(t)) };
}
