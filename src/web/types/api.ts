// Shapes of the HTTP API as the server publishes them (/api/v1). One place, so that a change in the contract is a
// change here and the compiler points at every screen it touches.
import type { LocalizedText } from '../lib/localized.js';

export interface PublicCycle {
  year: number;
  title: string;
  status: 'published';
  publishedAt: string | null;
  demo: boolean;
}

export interface PublicCyclesResponse {
  cycles: PublicCycle[];
}

export interface ResultField {
  code: string;
  name: LocalizedText;
  points: number;
}

export interface AwardTier {
  code: string;
  name: LocalizedText;
}

export interface ResultUnit {
  code: string;
  name: string;
  score: number;
  rank: number;
  awardTier: string | null;
  fieldScores: Record<string, number>;
  /** Bonus points added after the engine's score (≥ 0). */
  bonus: number;
  /** Penalty points (≤ 0). */
  penalty: number;
  previousRank: number | null;
  streak: number | null;
}

export interface CycleResults {
  year: number;
  title: string;
  demo: boolean;
  publishedAt: string | null;
  topCode: string;
  fields: ResultField[];
  tiers: AwardTier[];
  units: ResultUnit[];
}

export interface ScorecardIndicator {
  code: string;
  name: LocalizedText;
  /** Code of the field the indicator belongs to (see {@link CycleResults.fields}). */
  field: string;
  points: number;
  earned: number | null;
  rawValue: number | null;
  unit: string | null;
  /** 0–100. */
  normalised: number | null;
  /** City median of the normalised value, 0–100. */
  median: number | null;
}

export interface ScorecardTrendPoint {
  year: number;
  score: number;
  rank: number;
  awardTier: string | null;
}

export interface Scorecard {
  year: number;
  demo: boolean;
  district: { code: string; name: string };
  score: number;
  rank: number;
  awardTier: string | null;
  bonus: number;
  penalty: number;
  indicators: ScorecardIndicator[];
  explanation: { ko: string[]; en: string[] };
  trend: ScorecardTrendPoint[];
}

export type Role = 'city_admin' | 'district_officer' | 'district_approver' | 'reviewer' | 'auditor';

export interface RoleGrant {
  role: Role;
  orgUnitCode: string | null;
}

export interface User {
  id: string | number;
  username: string;
  displayName: string;
  isDemo?: boolean;
  roles: RoleGrant[];
  /** Set after an account is created or its password reset: every call but /me, the password change and sign-out is
   * refused (403 `password_change_required`) until the user chooses a new password. */
  mustChangePassword: boolean;
}

export interface MeResponse {
  user: User;
  csrfToken: string;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  user: User;
  csrfToken: string;
}

// ── City administration: cycles, frameworks, scoring runs, audit (signed-in) ──────────────────────────────────────

/** The nine stages of a yearly cycle, in order. */
export const cycleStages = [
  'draft',
  'open',
  'verification',
  'review',
  'scoring',
  'provisional',
  'objections',
  'final',
  'published',
] as const;
export type CycleStage = (typeof cycleStages)[number];

export interface Cycle {
  year: number;
  title: string;
  dataPeriodStart: string;
  dataPeriodEnd: string;
  status: CycleStage;
  isDemo: boolean;
  publishedAt: string | null;
  version: number;
}

export interface CyclesResponse {
  cycles: Cycle[];
}

/** One item in the way of the next stage: a district's indicator and its status. */
export interface GateItem {
  district: { code: string; name: string };
  indicator: { code: string; name: LocalizedText };
  status: string;
}

/** The items blocking a step: the first ones (bounded) and how many in all. */
export interface BlockingList {
  total: number;
  truncated: boolean;
  items: GateItem[];
}

export interface CycleBlocker {
  code: string;
  overridable: boolean;
  message: LocalizedText;
  /** The blocking items (city admin and auditor only; null for guards that do not count items). */
  blocking: BlockingList | null;
}

/** Every item of the cycle counted by status, never-started ones included (city admin and auditor only). */
export interface GateCounts {
  submissions: { total: number; byStatus: Record<string, number> };
  reviews: { total: number; byStatus: Record<string, number> };
}

export interface CycleDetail {
  year: number;
  title: string;
  status: CycleStage;
  stageName: LocalizedText;
  next: CycleStage | null;
  version: number;
  isDemo: boolean;
  dataPeriodStart: string;
  dataPeriodEnd: string;
  publishedAt: string | null;
  /** Counts by status, e.g. `{ verified: 500 }`; absent statuses are zero. */
  counts: {
    submissions: Record<string, number>;
    reviews: Record<string, number>;
    objections: Record<string, number>;
  };
  deadlines: { stage: string; dueAt: string }[];
  blockers: CycleBlocker[];
  gate: GateCounts | null;
}

export interface CreateCycleRequest {
  year: number;
  title?: string;
  copyFromYear?: number | null;
}

export interface TransitionRequest {
  to: CycleStage;
  version: number;
  override?: boolean;
  reason?: string | null;
}

export type MethodDefinition =
  | { type: 'minmax' }
  | { type: 'zscore'; mean: number; sd: number }
  | { type: 'rank' }
  | { type: 'percentile' }
  | { type: 'target'; target: number; cap: number }
  | { type: 'goalposts'; lo: number; hi: number }
  | { type: 'bands'; thresholds: number[]; scores: number[] }
  | { type: 'yoy' }
  | { type: 'passthrough'; max: number };
export type MethodType = MethodDefinition['type'];

export interface RubricCriterion {
  code: string;
  name: LocalizedText;
  weight: number;
  maxPoints?: number;
  levels?: { level: number; description: LocalizedText }[];
}

export interface Rubric {
  scale: 'levels' | 'points';
  criteria: RubricCriterion[];
}

export interface FrameworkIndicator {
  code: string;
  field: string;
  name: LocalizedText;
  description?: LocalizedText;
  points: number;
  direction: 1 | -1;
  unit: string;
  kind: 'quantitative' | 'qualitative';
  method: MethodDefinition;
  formula: string | null;
  evidenceRequired: boolean;
  bounds: { min?: number; max?: number };
  rubric?: Rubric;
  isNew: boolean;
}

export interface FrameworkField {
  code: string;
  name: LocalizedText;
}

/**
 * A framework definition. The editor changes fields and indicators; every other member (adjustments, awards,
 * prizes…) is kept as the server sent it.
 */
export interface FrameworkDefinition {
  title: LocalizedText;
  illustrative: boolean;
  notice?: LocalizedText;
  fields: FrameworkField[];
  indicators: FrameworkIndicator[];
  totalPoints: number;
  [member: string]: unknown;
}

export interface Framework {
  cycleYear: number;
  version: number;
  rowVersion: number;
  frozen: boolean;
  frozenAt: string | null;
  reason: string | null;
  createdAt: string;
  definitionHash: string;
  definition: FrameworkDefinition;
}

export interface FrameworkVersion {
  version: number;
  frozenAt: string | null;
  reason: string | null;
  createdAt: string;
  definitionHash: string;
}

export interface SaveFrameworkRequest {
  definition: FrameworkDefinition;
  rowVersion: number;
  reason?: string | null;
}

export interface FrameworkDiff {
  added: FrameworkIndicator[];
  removed: FrameworkIndicator[];
  changed: {
    code: string;
    field: string;
    name: LocalizedText;
    changes: { property: string; before: unknown; after: unknown }[];
  }[];
  fields: {
    added: string[];
    removed: string[];
    pointsBefore: Record<string, number>;
    pointsAfter: Record<string, number>;
  };
  awardsChanged: boolean;
  prizesChanged: boolean;
  adjustmentsChanged: boolean;
  summary: { ko: string[]; en: string[] };
}

export type ScoringRunKind = 'trial' | 'provisional' | 'final';

export interface ScoringRunSummary {
  id: number;
  kind: ScoringRunKind;
  status: string;
  inputHash: string;
  engineVersion: string;
  progress: number;
  note: string | null;
  notices: RunNotices | null;
  error: LocalizedText | null;
  createdAt: string;
  finishedAt: string | null;
}

/** What the admin must know about a run: data completeness, an override, plain notices for engine warnings. */
export interface RunNotices {
  completeness: { total: number; verified: number; counts: Record<string, number>; message: LocalizedText };
  override: { reason: string; blocking: BlockingList } | null;
  messages: { code: string; count: number; message: LocalizedText }[];
}

export interface TieDecision {
  kind: 'award_all' | 'leave_empty' | 'order';
  rule?: string;
  reason?: string;
  decidedBy?: string;
  decidedAt?: string;
}

/** A tie that gives a tier more winners than places, and the decision on it (null = undecided). */
export interface AwardTie {
  tier: string;
  name: LocalizedText;
  group?: string;
  places: number;
  rank: number;
  placesLeft: number;
  tied: string[];
  tiedUnits: { code: string; name: string }[];
  decision: TieDecision | null;
  message: LocalizedText;
}

export interface RunUnitOutcome {
  code: string;
  name: string;
  baseScore: number | null;
  bonus: number;
  penalty: number;
  score: number | null;
  rank: number | null;
  previousRank: number | null;
  awardTier: string | null;
  fieldScores: Record<string, number | null>;
  points: Record<string, number>;
  raw: Record<string, number | null>;
}

export interface RunOutcome {
  year: number;
  engineVersion: string;
  snapshotHash: string;
  units: RunUnitOutcome[];
  tiers: { code: string; name: LocalizedText; winners: string[]; prizeEach: number; total: number }[];
  prizeTotal: number;
  warnings: LocalizedText[];
}

export interface ScoringRun extends ScoringRunSummary {
  /** The frozen snapshot; the screens read only the framework's field names from it. */
  input: { frameworkVersion: number; framework: { fields?: FrameworkField[] } };
  result: RunOutcome;
  ties: AwardTie[];
  tieBreakRules: { code: string; name: LocalizedText }[];
}

export interface Reproduction {
  runId: number;
  identical: boolean;
  storedHash: string;
  recomputedHash: string;
  engineVersion: { stored: string; current: string };
  differences: { code: string; field: string; stored: unknown; recomputed: unknown }[];
}

export interface RunComparison {
  from: number;
  to: number;
  units: {
    code: string;
    name: string;
    score: { from: number | null; to: number | null; delta: number | null };
    rank: { from: number | null; to: number | null };
    awardTier: { from: string | null; to: string | null };
  }[];
  inputChanges: { code: string; indicator: string; from: number | null; to: number | null }[];
  adjustmentsChanged: boolean;
  frameworkChanged: boolean;
}

export interface AuditEntry {
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
  hash: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: number | null;
}

export interface AuditFilters {
  action?: string;
  entityType?: string;
  orgUnitCode?: string;
  actor?: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  lastHash: string;
  problems: { seq: number; problem: string; detail: string }[];
}

export interface OrgUnit {
  code: string;
  name: string;
  nameEn: string;
  kind: 'city' | 'district';
  parentCode: string | null;
  population: number | null;
  populationYear: number | null;
}

/** The published run's input in the engine's COINr-style form, for re-scoring in the browser. */
export interface PublishedEngineInput {
  year: number;
  snapshotHash: string;
  engineVersion: string;
  iMeta: Record<string, unknown>[];
  iData: Record<string, string | number | null>[];
  options: Record<string, unknown>;
}

/** Status of one district × indicator item; `not_started` when the district has not touched it. */
export type ItemStatus = 'not_started' | 'draft' | 'submitted' | 'approved' | 'verified' | 'returned';

export interface OutlierFlag {
  /** `history`: against the district's own earlier years; `peers`: against the other districts this cycle. */
  kind: 'history' | 'peers';
  z: number | null;
  median: number;
  n: number;
}

export interface MatrixCell {
  id: number;
  status: Exclude<ItemStatus, 'not_started'>;
  value: number | null;
  late: boolean;
  flags: OutlierFlag[];
  /** Came back to the district because the records or evidence behind it changed after submission. */
  changed: boolean;
  version: number;
}

/** The city's progress matrix: every district × every indicator of the cycle. */
export interface VerificationMatrix {
  year: number;
  cycleStatus: string;
  indicators: { code: string; name: LocalizedText; kind: string }[];
  /** `cells[i]` belongs to `indicators[i]`; null when the district has not started it. */
  districts: { code: string; name: string; cells: (MatrixCell | null)[] }[];
  totals: Record<ItemStatus, number>;
  flagged: number;
  late: number;
}

// ── User accounts (city admin) and the signed-in user's password ──────────────────────────────────────────────────

export interface UserRoleView {
  role: Role;
  orgUnitCode: string | null;
  /** The district's name (Korean) when the role is tied to one. */
  orgUnitName: string | null;
}

/** A user account as the city admin manages it. */
export interface UserView {
  id: number;
  username: string;
  displayName: string;
  isDemo: boolean;
  disabled: boolean;
  /** A future time means the account is locked (too many failed sign-ins) until then. */
  lockedUntil: string | null;
  mustChangePassword: boolean;
  roles: UserRoleView[];
  lastSeenAt: string | null;
  createdAt: string;
  version: number;
  /** Separation of duties: districts where the account is both officer and approver (allowed, with this warning). */
  dutyWarnings: Array<{ code: 'officer_and_approver'; orgUnitCode: string; message: LocalizedText }>;
}

export interface UsersResponse {
  users: UserView[];
}

export interface UserFilters {
  q?: string;
  role?: string;
  orgUnitCode?: string;
}

/** One role to grant; district roles need the district's code (reviewers may name one). */
export interface RoleGrantInput {
  role: Role;
  orgUnitCode?: string;
}

export interface CreateUserRequest {
  username: string;
  displayName: string;
  roles: RoleGrantInput[];
}

/** A new account, or a reset password: the one-time password is in this answer and nowhere else. */
export interface OneTimePasswordResponse {
  user: UserView;
  oneTimePassword: string;
}

export interface UpdateUserRequest {
  version: number;
  displayName?: string;
  disabled?: boolean;
}

export interface SetUserRolesRequest {
  version: number;
  roles: RoleGrantInput[];
}

export interface UserResponse {
  user: UserView;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** The server ends every other session and starts a new one: the CSRF token changes with it. */
export interface ChangePasswordResponse {
  user: User;
  csrfToken: string;
}
