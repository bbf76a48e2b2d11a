import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail. Each entry stores the SHA-256 of its own canonical content and of the previous entry
 * (a hash chain), so `hopejobs verify-audit` detects an edited, deleted or reordered row. A trigger (migration)
 * rejects UPDATE and DELETE; the chain catches what a superuser does anyway.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actorUserId: integer('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    orgUnitCode: text('org_unit_code'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId), index('audit_log_org_idx').on(t.orgUnitCode)],
);
