import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { cycles } from './cycles.js';
import { evidenceFiles } from './submissions.js';
import { orgUnits } from './org-units.js';
import { users } from './users.js';

/** A reviewer assigned to score one district's qualitative indicator (never their own district). */
export const reviewAssignments = pgTable(
  'review_assignments',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    indicatorCode: text('indicator_code').notNull(),
    /** Rubric criterion → level/points. */
    scores: jsonb('scores'),
    total: doublePrecision('total'),
    comment: text('comment'),
    status: text('status').notNull().default('assigned'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('review_assignments_unique').on(t.cycleId, t.reviewerId, t.orgUnitId, t.indicatorCode),
    index('review_assignments_reviewer_idx').on(t.reviewerId),
    check('review_assignments_status_check', sql`${t.status} in ('assigned','draft','submitted')`),
  ],
);

export const adjustmentStatuses = ['pending', 'confirmed', 'withdrawn'] as const;
export type AdjustmentStatus = (typeof adjustmentStatuses)[number];

/**
 * Bonus/penalty entries (가점/감점) per district, capped by the framework's rules at scoring time. An entry counts in
 * scoring once `confirmed` by a second city user (four eyes; automatic late penalties are confirmed by their rule);
 * `withdrawn` entries stay for the record. `autoKey` makes an automatic entry idempotent (e.g. 'late:open').
 */
export const adjustments = pgTable(
  'adjustments',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    ruleCode: text('rule_code').notNull(),
    points: doublePrecision('points').notNull(),
    reason: text('reason').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    status: text('status').$type<AdjustmentStatus>().notNull().default('confirmed'),
    evidenceId: integer('evidence_id').references(() => evidenceFiles.id),
    /** Who last changed the content (rule, points, reason, evidence): may not confirm it. */
    changedBy: integer('changed_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedBy: integer('confirmed_by').references(() => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    withdrawnBy: integer('withdrawn_by').references(() => users.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawReason: text('withdraw_reason'),
    autoKey: text('auto_key'),
  },
  (t) => [
    index('adjustments_cycle_idx').on(t.cycleId, t.orgUnitId),
    unique('adjustments_auto_key_unique').on(t.cycleId, t.orgUnitId, t.autoKey),
    check('adjustments_status_check', sql`${t.status} in ('pending','confirmed','withdrawn')`),
  ],
);

/**
 * One execution of the engine over a frozen snapshot of every input. Re-running `input` with the recorded
 * engine version reproduces `result` exactly; `inputHash` identifies the snapshot.
 */
export const scoringRuns = pgTable(
  'scoring_runs',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    input: jsonb('input').notNull(),
    inputHash: text('input_hash').notNull(),
    engineVersion: text('engine_version').notNull(),
    result: jsonb('result'),
    sensitivity: jsonb('sensitivity'),
    /** The statistical audit of the framework on this run's data (engine `analyse`); null until computed for older runs. */
    analysis: jsonb('analysis'),
    progress: doublePrecision('progress').notNull().default(0),
    error: text('error'),
    note: text('note'),
    /**
     * What the admin must know about the run, fixed when it ran: how complete the data were (counts by status),
     * the override (reason and the items it passed over), plain-language notices for the engine's warnings.
     */
    notices: jsonb('notices'),
    /** Decisions on award ties beyond a tier's places (see `TieDecision`), applied to `result`; audited. */
    tieDecisions: jsonb('tie_decisions'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('scoring_runs_cycle_idx').on(t.cycleId),
    check('scoring_runs_kind_check', sql`${t.kind} in ('trial','provisional','final')`),
    check('scoring_runs_status_check', sql`${t.status} in ('running','done','failed')`),
  ],
);

/** 이의신청: a district contests one indicator of a provisional result. */
export const objections = pgTable(
  'objections',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    indicatorCode: text('indicator_code').notNull(),
    runId: integer('run_id').references(() => scoringRuns.id),
    reason: text('reason').notNull(),
    requestedValue: doublePrecision('requested_value'),
    evidenceId: integer('evidence_id').references(() => evidenceFiles.id),
    status: text('status').notNull().default('filed'),
    decisionReason: text('decision_reason'),
    correctedValue: doublePrecision('corrected_value'),
    filedBy: integer('filed_by').references(() => users.id),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    /** The district that filed (a district may object to another district's figures); the contested one is `orgUnitId`. */
    filerOrgUnitId: integer('filer_org_unit_id').references(() => orgUnits.id),
    /** The contested district's reply (text and optional evidence), within the cycle's reply window. */
    reply: text('reply'),
    replyEvidenceId: integer('reply_evidence_id').references(() => evidenceFiles.id),
    repliedBy: integer('replied_by').references(() => users.id),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    /** Accepted on a qualitative item: how many panel score sheets were reopened for re-review. */
    reopenedReviews: integer('reopened_reviews'),
    /** An objection to a 가점·감점 entry instead of an indicator's figure (`indicatorCode` then holds its rule code). */
    adjustmentId: integer('adjustment_id').references(() => adjustments.id),
  },
  (t) => [index('objections_cycle_idx').on(t.cycleId), check('objections_status_check', sql`${t.status} in ('filed','accepted','rejected','withdrawn')`)],
);

/** The committee that decides a cycle's objections instead of the city admins (empty: the city admins decide). */
export const objectionDeciders = pgTable(
  'objection_deciders',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    addedBy: integer('added_by').references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('objection_deciders_pk').on(t.cycleId, t.userId)],
);

/** What the public sees of a cycle: the published run, and the press-release text the city edited. */
export const publications = pgTable('publications', {
  cycleId: integer('cycle_id')
    .primaryKey()
    .references(() => cycles.id, { onDelete: 'cascade' }),
  runId: integer('run_id')
    .notNull()
    .references(() => scoringRuns.id),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  pressRelease: text('press_release'),
  publishedBy: integer('published_by').references(() => users.id),
  version: integer('version').notNull().default(1),
});

/** In-app notifications, to a user or to everyone holding a role (optionally in one org unit). */
export const notifications = pgTable(
  'notifications',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    role: text('role'),
    orgUnitId: integer('org_unit_id').references(() => orgUnits.id),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    emailed: boolean('emailed').notNull().default(false),
  },
  (t) => [index('notifications_user_idx').on(t.userId), index('notifications_role_idx').on(t.role, t.orgUnitId)],
);

/** Background jobs (imports, scoring with sensitivity, exports) claimed with SKIP LOCKED by any app server. */
export const jobs = pgTable(
  'jobs',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('queued'),
    progress: doublePrecision('progress').notNull().default(0),
    message: text('message'),
    result: jsonb('result'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('jobs_status_idx').on(t.status, t.createdAt), check('jobs_status_check', sql`${t.status} in ('queued','running','done','failed')`)],
);

/**
 * A cycle's panel settings (absent row = defaults). `blind`: reviewers see pseudonyms ("자치구 A") instead of the
 * districts' names, codes and file names. Set by the city admin before the review stage.
 */
export const reviewSettings = pgTable('review_settings', {
  cycleId: integer('cycle_id')
    .primaryKey()
    .references(() => cycles.id, { onDelete: 'cascade' }),
  blind: boolean('blind').notNull().default(false),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** 서약: a reviewer's signed pledge (impartiality, confidentiality) for one cycle; scoring needs it. */
export const reviewPledges = pgTable(
  'review_pledges',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    statementVersion: text('statement_version').notNull(),
    signedName: text('signed_name').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('review_pledges_unique').on(t.cycleId, t.reviewerId)],
);

/** 회피 신청: a reviewer declares a conflict of interest with one district for one cycle. */
export const reviewConflicts = pgTable(
  'review_conflicts',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    reason: text('reason').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('review_conflicts_unique').on(t.cycleId, t.reviewerId, t.orgUnitId), index('review_conflicts_cycle_idx').on(t.cycleId)],
);
