import { createHash } from 'node:crypto';
import type { Db } from '../db/client.js';
import { appendChainEntry, readAuditPage, type AuditRow } from '../db/repositories/audit-log.js';
import type { DbOrTx } from '../db/tx.js';
import { canonicalJson } from '../engine/index.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface Actor {
  userId: number | null;
  /** Human label kept even if the user is later removed, e.g. "officer.11215" or "system". */
  label: string;
}

export const systemActor: Actor = { userId: null, label: 'system' };

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  orgUnitCode?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

interface HashedFields {
  seq: number;
  at: string;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  orgUnitCode: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  prevHash: string;
}

export function auditHash(fields: HashedFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

/**
 * Appends an entry to the hash-chained audit log inside the caller's transaction, so the entry commits
 * exactly when the change it describes commits.
 */
export async function appendAudit(tx: DbOrTx, actor: Actor, event: AuditEvent, now: Date = new Date()): Promise<void> {
  const before = normaliseJson(event.before);
  const after = normaliseJson(event.after);
  await appendChainEntry(tx, (last) => {
    const fields: HashedFields = {
      seq: (last?.seq ?? 0) + 1,
      at: now.toISOString(),
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
      orgUnitCode: event.orgUnitCode ?? null,
      before,
      after,
      reason: event.reason ?? null,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    return { ...fields, hash: auditHash(fields) };
  });
}

/** JSON round trip so that what we hash is exactly what jsonb gives back (no undefined, no Dates). */
function normaliseJson(v: unknown): unknown {
  return v === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown);
}

export interface AuditProblem {
  seq: number;
  problem: 'hash_mismatch' | 'broken_link' | 'gap';
  detail: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  problems: AuditProblem[];
  lastHash: string;
}

function rowFields(r: AuditRow): HashedFields {
  return {
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actorUserId: r.actorUserId,
    actorLabel: r.actorLabel,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    orgUnitCode: r.orgUnitCode,
    before: r.before,
    after: r.after,
    reason: r.reason,
    prevHash: r.prevHash,
  };
}

/**
 * Walks the whole chain: each entry's hash must match its content, its prev_hash must equal the previous entry's
 * hash, and sequence numbers must be contiguous from 1. Detects edits, deletions, insertions and reordering.
 */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  let after = 0;
  for (;;) {
    const page = await readAuditPage(db, after, pageSize);
    if (page.length === 0) break;
    for (const r of page) {
      entries++;
      if (r.seq !== expectedSeq) {
        problems.push({ seq: r.seq, problem: 'gap', detail: `expected seq ${expectedSeq}, found ${r.seq}` });
      }
      if (r.prevHash !== prevHash) {
        problems.push({ seq: r.seq, problem: 'broken_link', detail: 'prev_hash does not match the previous entry' });
      }
      if (auditHash(rowFields(r)) !== r.hash) {
        problems.push({ seq: r.seq, problem: 'hash_mismatch', detail: 'content does not match its hash (edited)' });
      }
      prevHash = r.hash;
      expectedSeq = r.seq + 1;
      after = r.seq;
    }
  }
  return { ok: problems.length === 0, entries, problems, lastHash: prevHash };
}
