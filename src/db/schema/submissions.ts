import { sql } from 'drizzle-orm';
import { bigint, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { cycles } from './cycles.js';
import { orgUnits } from './org-units.js';
import { users } from './users.js';

export const submissionStatuses = ['draft', 'submitted', 'approved', 'verified', 'returned'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/**
 * A district's value for one indicator in one cycle: computed from activity records (formula) or entered,
 * with comment, evidence and a status that moves draft → submitted → approved (by the district) → verified
 * (by the city), or returned with a reason → resubmitted. `version` gives optimistic concurrency.
 */
export const submissions = pgTable(
  'submissions',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    indicatorCode: text('indicator_code').notNull(),
    value: doublePrecision('value'),
    valueSource: text('value_source').notNull().default('entered'),
    computedValue: doublePrecision('computed_value'),
    computation: jsonb('computation'),
    comment: text('comment'),
    status: text('status').$type<SubmissionStatus>().notNull().default('draft'),
    returnReason: text('return_reason'),
    flags: jsonb('flags'),
    late: boolean('late').notNull().default(false),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    updatedBy: integer('updated_by').references(() => users.id),
    /** Who last changed the item's content (value, comment, evidence, or the records behind it): may not approve or verify it. */
    changedBy: integer('changed_by').references(() => users.id),
    /** Who last submitted it: may not approve or verify it. */
    submittedBy: integer('submitted_by').references(() => users.id),
    /** The district approver who approved it: may not also verify it. */
    approvedBy: integer('approved_by').references(() => users.id),
    /**
     * Set when the records or evidence behind a submitted or approved item changed and the item went back to the
     * district ("실적이 바뀌었습니다 — 다시 제출"); cleared when it is submitted again.
     */
    changedAfterSubmitAt: timestamp('changed_after_submit_at', { withTimezone: true }),
    /** What changed then: source, the value as submitted and as the records now give it, the status it had. */
    changedAfterSubmit: jsonb('changed_after_submit'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('submissions_unique').on(t.cycleId, t.orgUnitId, t.indicatorCode),
    index('submissions_cycle_status_idx').on(t.cycleId, t.status),
    check('submissions_status_check', sql`${t.status} in ('draft','submitted','approved','verified','returned')`),
    check('submissions_source_check', sql`${t.valueSource} in ('computed','entered')`),
  ],
);

/** Content-addressed evidence files (the bytes live in the evidence store under their SHA-256). */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: serial('id').primaryKey(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mediaType: text('media_type').notNull(),
    originalName: text('original_name').notNull(),
    orgUnitId: integer('org_unit_id').references(() => orgUnits.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evidence_files_sha_idx').on(t.sha256), index('evidence_files_unit_idx').on(t.orgUnitId)],
);

export const submissionEvidence = pgTable(
  'submission_evidence',
  {
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    evidenceId: integer('evidence_id')
      .notNull()
      .references(() => evidenceFiles.id),
    addedBy: integer('added_by').references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.evidenceId] })],
);
