import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Db } from '../../db/client.js';
import * as schema from '../../db/schema.js';

/**
 * One transaction that bulk-loads rows with COPY and may then run ordinary statements before it commits.
 * Rows are COPY text format lines (tab-separated, `\N` for NULL, backslash-escaped, newline-terminated).
 */
export interface CopySession {
  /** Appends complete lines; resolves when the rows may be dropped from memory (backpressure). */
  write(lines: string, rows: number): Promise<void>;
  /** Ends the COPY; returns the number of rows loaded. Statements through `db` may follow. */
  finish(): Promise<number>;
  /** Abandons the COPY early (the whole transaction will roll back): stops the server working on rows for nothing. */
  cancel(): Promise<void>;
  /** Drizzle bound to this transaction's connection, for statements after `finish`. */
  db: Db;
}

/** Returned by the body to roll back instead of committing (not an error: e.g. the file had invalid rows). */
export const ROLLBACK = Symbol('rollback');

export interface CopyTransactionOptions {
  /** PGlite only: rows per COPY FROM '/dev/blob' statement (its input is a Blob held in memory). */
  batchRows?: number;
}

/**
 * Runs `body` in one transaction with a COPY … FROM STDIN open on its connection: over the wire protocol on a
 * server (pg-copy-streams, streamed with backpressure, so memory stays flat however large the input), or on
 * PGlite as a series of `COPY … FROM '/dev/blob'` statements of bounded batches within the same transaction.
 * Commits when `body` returns a value, rolls back when it returns ROLLBACK or throws. A process killed meanwhile
 * leaves nothing: the server (or PGlite's recovery on next open) discards the unfinished transaction.
 */
export async function withCopyTransaction<T>(
  database: Database,
  copySql: string,
  body: (session: CopySession) => Promise<T | typeof ROLLBACK>,
  opts: CopyTransactionOptions = {},
): Promise<T | typeof ROLLBACK> {
  if (database.kind === 'postgres' && database.pool) return serverCopy(database.pool, copySql, body);
  if (database.pglite) return pgliteCopy(database.pglite, copySql, body, opts.batchRows ?? 50_000);
  throw new Error('withCopyTransaction: the database has neither a pool nor a PGlite instance');
}

async function serverCopy<T>(
  pool: NonNullable<Database['pool']>,
  copySql: string,
  body: (session: CopySession) => Promise<T | typeof ROLLBACK>,
): Promise<T | typeof ROLLBACK> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const copy = client.query(copyFrom(copySql));
    let failure: Error | null = null;
    copy.on('error', (err) => (failure ??= err));
    let state: 'open' | 'finished' | 'cancelled' = 'open';
    const session: CopySession = {
      db: drizzlePg({ client, schema }) as unknown as Db,
      async write(lines) {
        if (failure) throw failure;
        if (state !== 'open') return;
        if (!copy.write(lines)) await once(copy, 'drain');
      },
      async finish() {
        if (failure) throw failure;
        state = 'finished';
        copy.end();
        await finished(copy);
        return copy.rowCount;
      },
      async cancel() {
        if (state !== 'open') return;
        state = 'cancelled';
        copy.destroy(new Error('import cancelled: the file has invalid rows'));
        await finished(copy).catch(() => undefined);
      },
    };
    try {
      const result = await body(session);
      if (state === 'open') await session.cancel();
      if (result === ROLLBACK) {
        await client.query('ROLLBACK');
        return ROLLBACK;
      }
      await client.query('COMMIT');
      return result;
    } catch (err) {
      if (state === 'open') await session.cancel().catch(() => undefined);
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } catch (err) {
    broken = true;
    throw err;
  } finally {
    // A connection in an unknown state is closed rather than handed to the next caller.
    client.release(broken);
  }
}

async function pgliteCopy<T>(
  pglite: PGlite,
  copySql: string,
  body: (session: CopySession) => Promise<T | typeof ROLLBACK>,
  batchRows: number,
): Promise<T | typeof ROLLBACK> {
  const blobSql = copySql.replace(/FROM\s+STDIN/i, "FROM '/dev/blob'");
  return pglite.transaction(async (tx) => {
    let batch: string[] = [];
    let batched = 0;
    let loaded = 0;
    let open = true;
    const flush = async () => {
      if (batch.length === 0) return;
      const blob = new Blob(batch);
      batch = [];
      batched = 0;
      const r = await tx.query(blobSql, [], { blob });
      loaded += r.affectedRows ?? 0;
    };
    const session: CopySession = {
      db: drizzlePglite({ client: tx as unknown as PGlite, schema }) as unknown as Db,
      async write(lines, rows) {
        if (!open) return;
        batch.push(lines);
        batched += rows;
        if (batched >= batchRows) await flush();
      },
      async finish() {
        open = false;
        await flush();
        return loaded;
      },
      async cancel() {
        open = false;
        batch = [];
      },
    };
    const result = await body(session);
    if (result === ROLLBACK) {
      await tx.rollback();
      return ROLLBACK;
    }
    return result;
  });
}

/** COPY text format for one value: backslash, tab, newline and carriage return escaped. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : value;
}
