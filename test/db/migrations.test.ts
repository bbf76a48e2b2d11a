import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrationStatus, readMigrations } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/client.js';
import { backends, serverAvailable, type TestDatabase } from '../helpers/db.js';

/** A textual description of the schema from the catalogues, comparable across PGlite and a server. */
async function describeSchema(db: Database): Promise<string[]> {
  const cols = await db.raw.query<{ t: string }>(`
    SELECT table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
           || ' default=' || coalesce(column_default, '') AS t
      FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1`);
  const cons = await db.raw.query<{ t: string }>(`
    SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS t
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n' ORDER BY 1`);
  // (PostgreSQL 18 also lists NOT NULL as constraints; nullability is compared through the columns above.)
  const idx = await db.raw.query<{ t: string }>(`
    SELECT indexdef AS t FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`);
  const trg = await db.raw.query<{ t: string }>(`
    SELECT tgrelid::regclass::text || ' ' || tgname AS t FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`);
  return [...cols.rows, ...cons.rows, ...idx.rows, ...trg.rows].map((r) => r.t);
}

describe.each(backends())('migrations on $name', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => db?.destroy());

  it('records every committed migration and applies nothing the second time', async () => {
    const status = await migrationStatus(db);
    expect(status.pending).toEqual([]);
    expect(status.applied).toEqual(readMigrations().map((m) => m.tag));
    expect(await migrate(db)).toEqual([]);
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, hash: 'f'.repeat(64) } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/edited after it was applied/);
  });

  it('creates the foundation tables', async () => {
    const { rows } = await db.raw.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['audit_log', 'cycles', 'org_unit_populations', 'org_units', 'role_memberships', 'sessions', 'users']),
    );
  });
});

describe('schema parity', () => {
  it.skipIf(!serverAvailable())('PGlite and the PostgreSQL server end with the same schema', async () => {
    const [lite, server] = backends();
    const a = await lite!.open();
    const b = await server!.open();
    try {
      const sa = await describeSchema(a);
      const sb = await describeSchema(b);
      expect(sa.length).toBeGreaterThan(40);
      expect(sa).toEqual(sb);
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });
});
