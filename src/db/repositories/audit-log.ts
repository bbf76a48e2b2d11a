import { asc, desc, sql } from 'drizzle-orm';
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
