import { asc, desc, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { auditLog } from '../schema.js';
import type { DbOrTx } from '../tx.js';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

const CHAIN_LOCK = 4_815_162_342;

/** Serialises appends for the rest of the transaction, so the chain has no forks. */
export async function lockAuditChain(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
}

export async function lastAuditEntry(tx: DbOrTx): Promise<Pick<AuditRow, 'seq' | 'hash'> | null> {
  const [row] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row ?? null;
}

export async function insertAuditEntry(tx: DbOrTx, row: NewAuditRow): Promise<void> {
  await tx.insert(auditLog).values(row);
}

type ChainTip = Pick<AuditRow, 'seq' | 'hash'>;

/** The entry each open transaction appended last: it holds the chain lock, so that entry is still the tip. */
const tips = new WeakMap<object, ChainTip>();

/**
 * Appends the entry `entry` builds on the chain's tip, inside the caller's transaction: the chain is locked for the
 * rest of it and the tip read (three statements). A transaction appending again already holds the lock and knows
 * the tip, its own last entry: one statement, which writes nothing if the tip moved on all the same (an entry
 * appended through another handle, e.g. a savepoint's) — then the tip is read again and the entry rebuilt on it.
 */
export async function appendChainEntry(tx: DbOrTx, entry: (last: ChainTip | null) => NewAuditRow): Promise<void> {
  const inTransaction = tx instanceof PgTransaction;
  const known = inTransaction ? tips.get(tx) : undefined;
  if (known) {
    const row = entry(known);
    const out = await tx.insert(auditLog).values(row).onConflictDoNothing({ target: auditLog.seq }).returning({ seq: auditLog.seq });
    if (out.length > 0) {
      tips.set(tx, { seq: row.seq, hash: row.hash });
      return;
    }
  }
  await lockAuditChain(tx);
  const row = entry(await lastAuditEntry(tx));
  await insertAuditEntry(tx, row);
  if (inTransaction) tips.set(tx, { seq: row.seq, hash: row.hash });
}

/** Reads the log in chain order, a page at a time. */
export async function readAuditPage(db: DbOrTx, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(sql`${auditLog.seq} > ${afterSeq}`)
    .orderBy(asc(auditLog.seq))
    .limit(limit);
}

export interface AuditQuery {
  beforeSeq?: number;
  limit: number;
  entityType?: string;
  entityId?: string;
  action?: string;
  orgUnitCode?: string;
  actorLabel?: string;
  /** Leave out entries whose action starts with this (e.g. the panel's `review.` entries for district users). */
  excludeActionPrefix?: string;
}

/** Newest first, keyset-paginated on seq, with optional filters. */
export async function searchAudit(db: DbOrTx, q: AuditQuery): Promise<AuditRow[]> {
  const conds = [
    q.beforeSeq !== undefined ? sql`${auditLog.seq} < ${q.beforeSeq}` : undefined,
    q.entityType ? sql`${auditLog.entityType} = ${q.entityType}` : undefined,
    q.entityId ? sql`${auditLog.entityId} = ${q.entityId}` : undefined,
    q.action ? sql`${auditLog.action} LIKE ${`${q.action}%`}` : undefined,
    q.orgUnitCode ? sql`${auditLog.orgUnitCode} = ${q.orgUnitCode}` : undefined,
    q.actorLabel ? sql`${auditLog.actorLabel} = ${q.actorLabel}` : undefined,
    q.excludeActionPrefix ? sql`${auditLog.action} NOT LIKE ${`${q.excludeActionPrefix}%`}` : undefined,
  ].filter((c): c is NonNullable<typeof c> => c !== undefined);
  const where = conds.length ? sql.join(conds, sql` AND `) : sql`true`;
  return db.select().from(auditLog).where(where).orderBy(desc(auditLog.seq)).limit(q.limit);
}
