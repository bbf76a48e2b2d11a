import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Db } from './client.js';
import * as schema from './schema.js';

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
  /**
   * PGlite only: begin the transaction with the first batch of rows (or `finish`) rather than at once. PGlite is one
   * connection and its transaction holds every other query of the server (a health check, a sign-in) until it ends,
   * so a body that spends long reading and checking its input — a CSV file — does that outside the transaction:
   * a refused file never takes it, a file of fewer than `batchRows` rows takes it only to write them. `copy.db` is
   * then available once `finish` has been called.
   */
  deferBegin?: boolean;
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
  if (database.pglite) return pgliteCopy(database.pglite, copySql, body, opts.batchRows ?? 50_000, opts.deferBegin ?? false);
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
  deferBegin: boolean,
): Promise<T | typeof ROLLBACK> {
  const blobSql = copySql.replace(/FROM\s+STDIN/i, "FROM '/dev/blob'");
  let batch: string[] = [];
  let batched = 0;
  let loaded = 0;
  let open = true;
  // The transaction, once begun: PGlite runs its callback until `end` lets it return (commit) or roll back.
  const begun: { current: { tx: Transaction; db: Db; end: (commit: boolean) => void; settled: Promise<void> } | null } = { current: null };
  const begin = async (): Promise<Transaction> => {
    if (begun.current) return begun.current.tx;
    let end!: (commit: boolean) => void;
    const ended = new Promise<boolean>((resolve) => (end = resolve));
    let ready!: (tx: Transaction) => void;
    const txReady = new Promise<Transaction>((resolve) => (ready = resolve));
    const settled = pglite.transaction(async (tx) => {
      ready(tx);
      if (!(await ended)) await tx.rollback();
    });
    const tx = await Promise.race([
      txReady,
      settled.then(() => Promise.reject(new Error('withCopyTransaction: the PGlite transaction ended before it began'))),
    ]);
    begun.current = { tx, db: drizzlePglite({ client: tx as unknown as PGlite, schema }) as unknown as Db, end, settled };
    return tx;
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const blob = new Blob(batch);
    batch = [];
    batched = 0;
    const tx = await begin();
    const r = await tx.query(blobSql, [], { blob });
    loaded += r.affectedRows ?? 0;
  };
  const session: CopySession = {
    get db(): Db {
      if (!begun.current) throw new Error('withCopyTransaction: statements run after finish() (the transaction begins with the first rows)');
      return begun.current.db;
    },
    async write(lines, rows) {
      if (!open) return;
      batch.push(lines);
      batched += rows;
      if (batched >= batchRows) await flush();
    },
    async finish() {
      open = false;
      await flush();
      await begin();
      return loaded;
    },
    async cancel() {
      open = false;
      batch = [];
    },
  };
  if (!deferBegin) await begin();
  let result: T | typeof ROLLBACK;
  try {
    result = await body(session);
  } catch (err) {
    const failed = begun.current;
    if (failed) {
      failed.end(false);
      await failed.settled.catch(() => undefined);
    }
    throw err;
  }
  const active = begun.current;
  // Nothing begun: nothing was written (a refused file), so there is nothing to roll back.
  if (!active) return result;
  active.end(result !== ROLLBACK);
  await active.settled;
  return result;
}

/** COPY text format for one value: backslash, tab, newline and carriage return escaped. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value;
}
