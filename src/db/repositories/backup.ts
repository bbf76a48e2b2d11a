import type { DbOrTx } from '../tx.js';
import { sql } from 'drizzle-orm';

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

/** Tables of the public schema in an order where every foreign key points to an earlier table. */
export async function tablesInDependencyOrder(db: DbOrTx): Promise<string[]> {
  const tables = rowsOf<{ t: string }>(
    await db.execute(sql`SELECT table_name AS t FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`),
  ).map((r) => r.t);
  const edges = rowsOf<{ child: string; parent: string }>(
    await db.execute(sql`SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent
      FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`),
  );
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) if (e.child !== e.parent) deps.get(e.child)?.add(e.parent);
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const p of [...(deps.get(t) ?? [])].sort()) visit(p);
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

export async function primaryKeyColumns(db: DbOrTx, table: string): Promise<string[]> {
  return rowsOf<{ c: string }>(
    await db.execute(sql`SELECT a.attname AS c FROM pg_index i
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = ${table}::regclass AND i.indisprimary ORDER BY a.attnum`),
  ).map((r) => r.c);
}

/** A page of rows as JSON, in primary-key order (keyset pagination by row number is enough for a snapshot). */
export async function tableRows(db: DbOrTx, table: string, orderBy: string[], offset: number, limit: number): Promise<unknown[]> {
  const order = orderBy.length ? orderBy.map((c) => `"${c}"`).join(', ') : '1';
  return rowsOf<{ r: unknown }>(
    await db.execute(sql.raw(`SELECT row_to_json(t) AS r FROM "${table}" t ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`)),
  ).map((x) => x.r);
}

/**
 * Inserts rows read from a backup. Only the columns the rows carry are written, so a backup made before a migration
 * that added a column restores with that column's default (e.g. `users.must_change_password`).
 */
export async function insertRows(db: DbOrTx, table: string, rows: unknown[]): Promise<void> {
  if (rows.length === 0) return;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r as object)))];
  const columns = sql.join(
    keys.map((k) => sql.identifier(k)),
    sql`, `,
  );
  await db.execute(
    sql`INSERT INTO ${sql.identifier(table)} (${columns}) SELECT ${columns} FROM json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::json)`,
  );
}

/**
 * Tables whose rows a migration writes (the default unit words): an empty, migrated database already holds them,
 * so a restore clears them before writing the backup's own.
 */
const MIGRATION_SEEDED = new Set(['org_unit_levels']);

/** Clears a table's migration-written rows before a restore writes the backup's (no-op for other tables). */
export async function clearMigrationSeededRows(db: DbOrTx, table: string): Promise<void> {
  if (MIGRATION_SEEDED.has(table)) await db.execute(sql`DELETE FROM ${sql.identifier(table)}`);
}

/** Moves every serial sequence past the restored ids. */
export async function resetSequences(db: DbOrTx): Promise<void> {
  const seqs = rowsOf<{ t: string; c: string }>(
    await db.execute(sql`SELECT table_name AS t, column_name AS c FROM information_schema.columns
      WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`),
  );
  for (const s of seqs) {
    await db.execute(
      sql.raw(
        `SELECT setval(pg_get_serial_sequence('"${s.t}"', '${s.c}'), coalesce((SELECT max("${s.c}") FROM "${s.t}"), 1), (SELECT max("${s.c}") FROM "${s.t}") IS NOT NULL)`,
      ),
    );
  }
}

export async function rowCount(db: DbOrTx, table: string): Promise<number> {
  return Number(rowsOf<{ n: number }>(await db.execute(sql.raw(`SELECT count(*)::int AS n FROM "${table}"`)))[0]?.n ?? 0);
}

/** The tags of the applied migrations (sorted when asked: the manifest lists them in order). */
export async function migrationTags(db: DbOrTx, sorted: boolean): Promise<string[]> {
  const text = sorted ? 'SELECT tag FROM hopejobs_migrations ORDER BY tag' : 'SELECT tag FROM hopejobs_migrations';
  return ((await db.execute(text)) as unknown as { rows: Array<{ tag: string }> }).rows.map((r) => r.tag);
}

/** How many accounts the database holds (a restore needs an empty one). */
export async function userCount(db: DbOrTx): Promise<number> {
  return ((await db.execute('SELECT count(*)::int AS n FROM users')) as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0;
}
