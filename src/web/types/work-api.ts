// Shapes of the HTTP API behind the district, verification, review, objection and notification screens (/api/v1).
// Kept apart from api.ts (public and city-administration shapes) so that two people can change the two halves of
// the contract at once; the same rule holds: a change in the contract is a change here.
import type { LocalizedText } from '../lib/localized.js';
import type { CycleStage, ItemStatus, OutlierFlag, Rubric } from './api.js';

/** A problem the server reports in both languages (submission blockers, stored import errors). */
export interface BilingualProblem {
  path: string;
  message: LocalizedText;
}

// ── Evidence ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** An evidence file attached to an item. */
export interface AttachedEvidence {
  id: number;
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
  addedAt: string;
}

/** An uploaded evidence file of a district (`POST /districts/:code/evidence`). */
export interface EvidenceFile {
  id: number;
  orgUnitCode: string | null;
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
  deduplicated?: boolean;
}

// ── Submissions (indicator values) ─────────────────────────────────────────────────────────────────────────────────

export interface ComputationStep {
  /** The piece of the formula this step evaluated, e.g. `count("company_visit")`. */
  text: string;
  fn?: string;
  yearsBack?: number;
  period?: { start: string; end: string };
  recordType?: string;
  field?: string;
  recordCount?: number;
  recordIds?: number[];
  inputs?: unknown[];
  value: number | null;
}

export interface IndicatorComputation {
  value: number | null;
  formula: string;
  trace: ComputationStep[];
  records: { yearsBack: number; recordType: string; ids: (number | string)[] }[];
  periods: { yearsBack: number; start: string; end: string; population: number | null }[];
  computedAt: string | null;
  error?: LocalizedText;
}

export interface SubmissionIndicator {
  code: string;
  name: LocalizedText;
  field: string;
  kind: 'quantitative' | 'qualitative';
  unit: string;
  points: number;
  /** null: the district enters the value directly. */
  formula: string | null;
  evidenceRequired: boolean;
  bounds: { min?: number; max?: number };
}

export interface SubmissionItem {
  /** null until the district first saves the item. */
  id: number | null;
  indicator: SubmissionIndicator;
  status: ItemStatus;
  value: number | null;
  valueSource: 'computed' | 'entered' | null;
  computedValue: number | null;
  computation: IndicatorComputation | null;
  comment: string | null;
  returnReason: string | null;
  /** The records or evidence behind the item changed after it was submitted: it came back to be submitted again. */
  changedAfterSubmit: {
    source: { kind: 'record' | 'xlsx_import' | 'csv_import' | 'evidence' };
    previousStatus: 'submitted' | 'approved';
    submittedValue: number | null;
    currentValue: number | null;
    by: number | null;
    at: string;
  } | null;
  evidence: AttachedEvidence[];
  flags: OutlierFlag[];
  late: boolean;
  /** What blocks submitting the item now. */
  problems: BilingualProblem[];
  submittedAt: string | null;
  approvedAt: string | null;
  verifiedAt: string | null;
  updatedAt: string | null;
  version: number;
  /** What the signed-in user may do with the item now, as the server's rules say (it checks again). */
  allowedActions: SubmissionAction[];
}

/** save/submit: the district's officer; correct: the city on the district's behalf; approve/return: the district's approver; verify/return_to_district: the city. */
export type SubmissionAction = 'save' | 'correct' | 'submit' | 'approve' | 'return' | 'verify' | 'return_to_district';

export interface DistrictSubmissions {
  year: number;
  cycleStatus: CycleStage;
  district: { code: string; name: string };
  deadline: { dueAt: string | null; passed: boolean };
  items: SubmissionItem[];
  totals: Record<ItemStatus, number>;
}

export interface SubmissionWarning {
  code: 'late';
  message: LocalizedText;
}

export interface SubmitResult {
  submission: SubmissionItem;
  warnings: SubmissionWarning[];
}

export interface SubmitAllResult {
  submitted: string[];
  blocked: { indicator: string; problems: BilingualProblem[] }[];
  notStarted: string[];
  warnings: SubmissionWarning[];
}

// ── Activity records ───────────────────────────────────────────────────────────────────────────────────────────────

export type RecordFieldType = 'text' | 'longtext' | 'integer' | 'number' | 'money' | 'date' | 'boolean' | 'enum';

export interface RecordField {
  key: string;
  label: LocalizedText;
  type: RecordFieldType;
  required: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  options?: string[];
  unit?: string;
  format?: 'year_month';
  maxField?: string;
}

export interface RecordType {
  id: number;
  code: string;
  name: LocalizedText;
  description?: LocalizedText;
  fields: RecordField[];
  /** `occurred_on`, or the key of the date field that dates a record. */
  dateField: string;
  builtin: boolean;
  active: boolean;
  sortOrder: number;
  version: number;
}

export type RecordValue = string | number | boolean;

export interface ActivityRecord {
  id: number;
  orgUnitCode: string;
  recordType: string;
  occurredOn: string;
  data: Record<string, RecordValue>;
  version: number;
  importId: number | null;
  createdBy: number | null;
  updatedBy: number | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface RecordPage {
  items: ActivityRecord[];
  nextCursor: string | null;
}

export interface RecordInput {
  occurredOn?: string | null;
  data: Record<string, RecordValue | null>;
  reason?: string;
}

// ── Imports ────────────────────────────────────────────────────────────────────────────────────────────────────────

export interface ImportProblem {
  path: string;
  message: LocalizedText;
  sheet?: string;
  row?: number;
  column?: string;
}

export type ImportStatus = 'queued' | 'validating' | 'running' | 'committed' | 'failed';

export interface ImportView {
  id: number;
  cycleYear: number | null;
  orgUnitCode: string | null;
  format: string;
  fileName: string;
  status: ImportStatus | string;
  totalRows: number;
  processedRows: number;
  errorCount: number;
  errors: ImportProblem[];
  summary: unknown;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  job: { id: number; status: string; progress: number; message: string | null; error: LocalizedText | null } | null;
}

export interface ImportPage {
  items: ImportView[];
  nextCursor: number | null;
}

export interface ImportSheetSummary {
  sheet: string;
  recordType: string | null;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

export type ImportResponse =
  | {
      importId: number;
      status: 'committed';
      format: 'xlsx' | 'csv';
      created: number;
      updated?: number;
      unchanged?: number;
      rows?: number;
      sheets?: ImportSheetSummary[];
      directValues?: { rows: number; saved: number; unchanged: number };
    }
  | { importId: number; jobId: number; status: 'queued'; statusUrl: string };

// ── Verification ───────────────────────────────────────────────────────────────────────────────────────────────────

export interface ItemComparison {
  year: number;
  district: { code: string; name: string };
  item: SubmissionItem;
  lastYear: { year: number; value: number | null };
  history: { year: number; value: number }[];
  peers: { n: number; median: number | null; min: number | null; max: number | null };
}

export interface ItemRef {
  id: number;
  version: number;
}

// ── Panel review ───────────────────────────────────────────────────────────────────────────────────────────────────

export type ReviewStatus = 'assigned' | 'draft' | 'submitted';

export interface ReviewRound {
  closed: boolean;
  closedAt: string | null;
  closedBy: string | null;
  overrideReason: string | null;
}

export interface ReviewAssignment {
  id: number;
  year: number;
  orgUnit: { code: string; name: string; nameEn: string };
  indicator: { code: string; field: string | null; name: LocalizedText; points: number | null };
  rubric: Rubric | null;
  reviewer: { username: string; displayName: string };
  scores: Record<string, number> | null;
  /** 0–100 once every criterion is scored. */
  total: number | null;
  comment: string | null;
  status: ReviewStatus;
  submittedAt: string | null;
  version: number;
  /**
   * Set while the district × item is reopened for re-review after the round closed (an accepted objection): an
   * unsubmitted sheet with it may be scored and submitted again; `reason` is the reopening's reason.
   */
  rereview: { reason: string | null; reopenedAt: string } | null;
}

export interface MyAssignments {
  year: number;
  stage: CycleStage;
  editable: boolean;
  round: ReviewRound;
  /** The panel sees pseudonyms ("자치구 A") instead of district names. */
  blind: boolean;
  /** The dossier and scoring open once the reviewer signed the cycle's pledge. */
  pledgeSigned: boolean;
  assignments: ReviewAssignment[];
}

/** What the reviewer scores beside the rubric (masked on a blind panel). */
export interface ReviewDossier {
  assignmentId: number;
  year: number;
  blind: boolean;
  district: { label: LocalizedText; code: string | null; name: string | null; nameEn: string | null };
  indicator: { code: string; name: LocalizedText };
  submission: { status: string; value: number | null; comment: string | null; updatedAt: string } | null;
  records: { id: number; occurredOn: string; recordType: { code: string; name: LocalizedText }; title: string | null; summary: string | null }[];
  evidence: { id: number; name: string; mediaType: string; size: number; inline: boolean }[];
  lastYear: { year: number; value: number | null; points: number | null } | null;
}

export interface SignedPledge {
  signedName: string;
  signedAt: string;
  statementVersion: string;
}

export interface DeclaredConflict {
  orgUnitCode: string;
  orgUnitName: string;
  reason: string;
  declaredAt: string;
}

export interface MyPledge {
  year: number;
  statement: { version: string; ko: string; en: string };
  signed: SignedPledge | null;
  conflicts: DeclaredConflict[];
  districts: { code: string; name: string; nameEn: string }[];
  editable: boolean;
}

export interface ConflictResult {
  year: number;
  orgUnitCode: string;
  withdrawn: number;
  reassigned: number;
  shortfall: number;
}

export interface ReviewDeclarations {
  year: number;
  statementVersion: string;
  reviewers: { username: string; displayName: string; tiedTo: string[]; pledge: SignedPledge | null; conflicts: DeclaredConflict[] }[];
}

export interface ReviewSettings {
  year: number;
  blind: boolean;
  editable: boolean;
  version: number;
}

/** The panel's comments on a district's items after the final results (no reviewer identity). */
export interface ReviewFeedback {
  year: number;
  orgUnitCode: string;
  items: { indicatorCode: string; name: LocalizedText; comments: string[] }[];
}

export interface ReviewProgress {
  year: number;
  stage: CycleStage;
  round: ReviewRound;
  totals: { assigned: number; draft: number; submitted: number; all: number };
  items: {
    orgUnitCode: string;
    orgUnitName: string;
    indicatorCode: string;
    assigned: number;
    submitted: number;
    reviewers: { username: string; displayName: string; status: ReviewStatus; submittedAt: string | null }[];
  }[];
  reviewers: { username: string; displayName: string; tiedTo: string[]; assigned: number; submitted: number }[];
}

export interface AssignResult {
  year: number;
  reviewersPerItem: number;
  items: number;
  created: number;
  kept: number;
  shortfalls: { orgUnitCode: string; orgUnitName: string; indicatorCode: string; wanted: number; assigned: number }[];
  conflicting: { orgUnitCode: string; orgUnitName: string; indicatorCode: string; id: number; reviewer: string }[];
  loads: { username: string; displayName: string; assigned: number }[];
}

// ── Provisional results and objections ─────────────────────────────────────────────────────────────────────────────

export interface ProvisionalUnit {
  code: string;
  name: string;
  score: number | null;
  baseScore: number | null;
  bonus: number;
  penalty: number;
  rank: number | null;
  previousRank: number | null;
  awardTier: string | null;
}

export interface ProvisionalScorecard {
  code: string;
  name: string;
  score: number | null;
  rank: number | null;
  fields: { code: string; name: LocalizedText; score: number | null }[];
  indicators: {
    code: string;
    name: LocalizedText;
    field: string;
    kind: string;
    unit: string;
    points: number;
    value: number | null;
    normalised: number | null;
    earned: number | null;
  }[];
  explanation: LocalizedText;
  runId?: number;
}

export interface ProvisionalResults {
  year: number;
  cycleStatus: CycleStage;
  runId: number;
  runCreatedAt: string;
  objectionsDueAt: string | null;
  schedule: ObjectionSchedule;
  tiers: { code: string; name: LocalizedText }[];
  units: ProvisionalUnit[];
  /** Every district's scorecard: any district may object to any figure. */
  scorecards: ProvisionalScorecard[];
}

/** The cycle's objection deadlines (filing, the contested district's reply, decisions). */
export interface ObjectionSchedule {
  filingDueAt: string | null;
  replyDueAt: string | null;
  decisionDueAt: string | null;
}

export interface ObjectionSettings {
  year: number;
  schedule: ObjectionSchedule;
  /** Named deciders; empty when the city admins decide. */
  committee: { username: string; displayName: string }[];
}

export interface ObjectionSettingsRequest {
  filingDueAt: string;
  replyDueAt: string;
  decisionDueAt: string;
  committee: string[];
}

export type ObjectionStatus = 'filed' | 'accepted' | 'rejected' | 'withdrawn';

export type ObjectionStage = 'awaiting_reply' | 'awaiting_decision' | 'decided' | 'withdrawn';

export interface ObjectionEvidence {
  id: number;
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface Objection {
  id: number;
  year: number;
  /** The district whose figure is contested. */
  district: { code: string; name: string };
  /** The district that filed. */
  filer: { code: string; name: string };
  indicator: { code: string; name: LocalizedText | null; kind: string | null; unit: string | null };
  runId: number | null;
  provisionalValue: number | null;
  reason: string;
  requestedValue: number | null;
  evidence: ObjectionEvidence | null;
  reply: { text: string; evidence: ObjectionEvidence | null; by: string | null; at: string } | null;
  status: ObjectionStatus;
  stage: ObjectionStage;
  decisionReason: string | null;
  correctedValue: number | null;
  reopenedReviews: number | null;
  filedBy: string | null;
  filedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  version: number;
  actions: { reply: boolean; decide: boolean; withdraw: boolean };
}

export interface FileObjectionRequest {
  district: string;
  indicator: string;
  reason: string;
  requestedValue?: number | null;
  evidenceId?: number | null;
  filer?: string | null;
}

export interface ReplyObjectionRequest {
  version: number;
  text: string;
  evidenceId?: number | null;
}

export interface DecideObjectionRequest {
  decision: 'accept' | 'reject';
  version: number;
  correctedValue?: number | null;
  reason?: string | null;
}

// ── Notifications ──────────────────────────────────────────────────────────────────────────────────────────────────

export type NotificationKind =
  | 'item_returned'
  | 'submission_approved'
  | 'objection_filed'
  | 'objection_decided'
  | 'deadline_near'
  | 'objection_reply_requested'
  | 'objection_replied'
  | 'review_reopened'
  | 'submission_submitted'
  | 'item_changed';

/** GET /api/v1/me/work: what waits for each of the user's roles, per cycle at work. */
export interface MyWork {
  cycles: Array<{
    year: number;
    cycleStatus: CycleStage;
    districts: Array<{ code: string; name: string; roles: string[]; toSubmit: number; returned: number; changed: number; toApprove: number }>;
    city: { toVerify: number; changed: number; returned: number } | null;
    reviews: { toScore: number } | null;
  }>;
}

export interface AppNotification {
  id: number;
  kind: NotificationKind;
  payload: { message: LocalizedText; link?: string; [fact: string]: unknown };
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  notifications: AppNotification[];
  unread: number;
  nextCursor: number | null;
}

export interface ReviewResults {
  year: number;
  round: ReviewRound;
  /** Scores are trimmed (highest and lowest dropped) from this many reviewers on. */
  trimFrom: number;
  flagRule: { threshold: number; zThreshold: number; minItems: number };
  items: {
    orgUnitCode: string;
    orgUnitName: string;
    indicatorCode: string;
    n: number;
    trimmed: boolean;
    /** 0–100; null without submitted scores. */
    score: number | null;
    scores: { username: string; displayName: string; total: number; dropped: boolean }[];
  }[];
  reviewers: {
    username: string;
    displayName: string;
    items: number;
    meanDeviation: number | null;
    z: number | null;
    flagged: boolean;
    direction: 'harsh' | 'lenient' | null;
    reasons: ('deviation' | 'zscore')[];
  }[];
}
