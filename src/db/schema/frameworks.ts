import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { cycles } from './cycles.js';
import { users } from './users.js';

/**
 * A cycle's evaluation framework, versioned. `definition` is validated by the domain's zod schema
 * (fields → indicators with points, methods, formulas, rubrics; adjustments; award rules; prizes). Version 1 is
 * edited freely while the cycle is a draft; once the cycle opens it is frozen and every change is a new version
 * with a reason.
 */
export const frameworkVersions = pgTable(
  'framework_versions',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    definitionHash: text('definition_hash').notNull(),
    frozenAt: timestamp('frozen_at', { withTimezone: true }),
    reason: text('reason'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    rowVersion: integer('row_version').notNull().default(1),
  },
  (t) => [unique('framework_versions_cycle_version').on(t.cycleId, t.version), check('framework_version_positive', sql`${t.version} >= 1`)],
);

/** Deadlines per cycle stage (collection, verification, review, objections…). */
export const cycleDeadlines = pgTable(
  'cycle_deadlines',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    stage: text('stage').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('cycle_deadlines_pk').on(t.cycleId, t.stage), index('cycle_deadlines_due_idx').on(t.dueAt)],
);
