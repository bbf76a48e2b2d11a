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
}

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
  job: { id: number; status: string; progress: number; message: string | null; error: string | null } | null;
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
}

export interface MyAssignments {
  year: number;
  stage: CycleStage;
  editable: boolean;
  round: ReviewRound;
  assignments: ReviewAssignment[];
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
  tiers: { code: string; name: LocalizedText }[];
  units: ProvisionalUnit[];
  /** The reader's own district only (all of them for the city and the auditor). */
  scorecards: ProvisionalScorecard[];
}

export type ObjectionStatus = 'filed' | 'accepted' | 'rejected' | 'withdrawn';

export interface Objection {
  id: number;
  year: number;
  district: { code: string; name: string };
  indicator: { code: string; name: LocalizedText | null };
  runId: number | null;
  provisionalValue: number | null;
  reason: string;
  requestedValue: number | null;
  evidence: { id: number; originalName: string; mediaType: string; size: number; sha256: string } | null;
  status: ObjectionStatus;
  decisionReason: string | null;
  correctedValue: number | null;
  filedBy: string | null;
  filedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  version: number;
}

export interface FileObjectionRequest {
  district: string;
  indicator: string;
  reason: string;
  requestedValue?: number | null;
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
