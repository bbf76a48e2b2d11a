// The shapes of the HTTP API (/api/v1) as the web reads them: every one derived from the schemas the server validates
// and documents (src/contract), in their wire form (dates as ISO strings). Nothing here is written by hand, so a change
// in the contract is a change here and the compiler points at every screen it touches.
import type { z } from 'zod';
import type {
  adjustmentHistorySchema,
  adjustmentObjectionBody,
  adjustmentPageSchema,
  adjustmentSchema,
  changeAdjustmentBody,
  enterAdjustmentBody,
} from '../../contract/adjustments.js';
import type { auditEntrySchema, auditPageSchema, auditQuery, auditVerificationSchema } from '../../contract/audit.js';
import type {
  changePasswordBody,
  loginBody,
  logoutAnswer,
  recoveryCodesSchema,
  roleGrantSchema,
  secondFactorCodeBody,
  secondFactorStatusSchema,
  sessionSchema,
  signInMethodsSchema,
  totpEnrolmentSchema,
  userSchema,
} from '../../contract/auth.js';
import type { bilingual, fieldProblem } from '../../contract/common.js';
import type {
  blockingListSchema,
  createCycleBody,
  cycleBlockerSchema,
  cycleDetailSchema,
  cycleListSchema,
  cycleSchema,
  gateCountsSchema,
  gateItemSchema,
  transitionBody,
} from '../../contract/cycles.js';
import type { pressReleaseVersionSchema, publicationWorkspaceSchema, savePressReleaseVersionBody } from '../../contract/publication.js';
import type { evidenceFileSchema, uploadedEvidenceSchema } from '../../contract/evidence.js';
import type { fieldSchema, frameworkDocumentSchema, indicatorSchema, methodSchema, rubricSchema } from '../../contract/framework-definition.js';
import type { frameworkDiffSchema, frameworkVersionSchema, frameworkViewSchema, saveFrameworkBody } from '../../contract/frameworks.js';
import type { importDoneSchema, importPageSchema, importProblemSchema, importQueuedSchema, importViewSchema } from '../../contract/imports.js';
import type { notificationPageSchema, notificationSchema } from '../../contract/notifications.js';
import type {
  decideObjectionBody,
  fileObjectionBody,
  objectionEvidenceSchema,
  objectionScheduleSchema,
  objectionSchema,
  objectionSettingsBody,
  objectionSettingsSchema,
  provisionalResultsSchema,
  provisionalScorecardSchema,
  replyObjectionBody,
  runScorecardSchema,
} from '../../contract/objections.js';
import type { orgUnitSchema } from '../../contract/org-units.js';
import type {
  levelWordsBody,
  populationEditSchema,
  populationImportSchema,
  referenceDataSchema,
  unitGroupsSchema,
  unitWordsSchema,
} from '../../contract/reference-data.js';
import type { engineInputSchema, publicCycleListSchema, publicCycleSchema, resultsSchema, scorecardSchema } from '../../contract/public.js';
import type { createRecordBody, recordPageSchema, recordSchema } from '../../contract/records.js';
import type { fieldDefinitionSchema, recordTypeSchema } from '../../contract/record-types.js';
import type {
  assignmentViewSchema,
  assignResultSchema,
  conflictResultSchema,
  declarationsSchema,
  dossierSchema,
  feedbackSchema,
  myAssignmentsSchema,
  myPledgeSchema,
  progressSchema,
  resultsSchema as reviewResultsSchema,
  reviewSettingsSchema,
  reviewStatusSchema,
  roundStateSchema,
} from '../../contract/reviews.js';
import type {
  awardTieSchema,
  reproductionSchema,
  runComparisonSchema,
  runKind,
  runListItemSchema,
  runNoticesSchema,
  runOutcomeSchema,
  runUnitOutcomeSchema,
  runViewSchema,
  tieDecisionSchema,
} from '../../contract/scoring-runs.js';
import type {
  computationSchema,
  computationStepSchema,
  districtSubmissionsSchema,
  evidenceSchema as attachedEvidenceSchema,
  myWorkSchema,
  outlierFlagSchema,
  submissionViewSchema,
  submitAllSchema,
  submitResultSchema,
  warningSchema,
} from '../../contract/submissions.js';
import type {
  createUserBody,
  oneTimePasswordSchema,
  roleInputSchema,
  setUserRolesBody,
  updateUserBody,
  userAnswerSchema,
  userListQuery,
  userListSchema,
  userViewSchema,
} from '../../contract/users.js';
import type { cellSchema, itemComparisonSchema, itemRef, verificationMatrixSchema } from '../../contract/verification.js';
import type { awardHistoryEntrySchema, awardHistoryImportResultSchema, awardHistoryListSchema } from '../../contract/award-history.js';
import type { analysisViewSchema } from '../../contract/analysis.js';
import type { Body, Json } from '../../contract/wire.js';

export { cycleStatuses as cycleStages } from '../../contract/values.js';
export type { CycleStatus as CycleStage, ItemStatus, NotificationKind, Role } from '../../contract/values.js';

export type Bilingual = z.infer<typeof bilingual>;
/** A problem the server reports in both languages (submission blockers, stored import errors). */
export type BilingualProblem = Json<typeof fieldProblem>;

// ── Published results ──────────────────────────────────────────────────────────────────────────────────────────────
export type PublicCycle = Json<typeof publicCycleSchema>;
export type PublicCyclesResponse = Json<typeof publicCycleListSchema>;
export type CycleResults = Json<typeof resultsSchema>;
export type ResultField = CycleResults['fields'][number];
export type AwardTier = CycleResults['tiers'][number];
export type ResultUnit = CycleResults['units'][number];
export type Scorecard = Json<typeof scorecardSchema>;
export type ScorecardIndicator = Scorecard['indicators'][number];
export type ScorecardTrendPoint = Scorecard['trend'][number];
/** The published run's input in the engine's COINr-style form, for re-scoring in the browser. */
export type PublishedEngineInput = Json<typeof engineInputSchema>;

// ── Sign-in and accounts ───────────────────────────────────────────────────────────────────────────────────────────
export type RoleGrant = Json<typeof roleGrantSchema>;
export type User = Json<typeof userSchema>;
export type MeResponse = Json<typeof sessionSchema>;
export type SignInMethods = Json<typeof signInMethodsSchema>;
export type LogoutAnswer = Json<typeof logoutAnswer>;
export type LoginRequest = Body<typeof loginBody>;
export type LoginResponse = Json<typeof sessionSchema>;
export type ChangePasswordRequest = Body<typeof changePasswordBody>;
/** The server ends every other session and starts a new one: the CSRF token changes with it. */
export type ChangePasswordResponse = Json<typeof sessionSchema>;
export type SecondFactorCodeRequest = Body<typeof secondFactorCodeBody>;
export type SecondFactorStatus = Json<typeof secondFactorStatusSchema>;
export type TotpEnrolment = Json<typeof totpEnrolmentSchema>;
export type RecoveryCodesResponse = Json<typeof recoveryCodesSchema>;
export type UserView = Json<typeof userViewSchema>;
export type UserRoleView = UserView['roles'][number];
export type UsersResponse = Json<typeof userListSchema>;
export type UserResponse = Json<typeof userAnswerSchema>;
export type UserFilters = Body<typeof userListQuery>;
export type RoleGrantInput = Body<typeof roleInputSchema>;
export type CreateUserRequest = Body<typeof createUserBody>;
export type UpdateUserRequest = Body<typeof updateUserBody>;
export type SetUserRolesRequest = Body<typeof setUserRolesBody>;
/** A new account, or a reset password: the one-time password is in this answer and nowhere else. */
export type OneTimePasswordResponse = Json<typeof oneTimePasswordSchema>;

// ── Cycles and frameworks ──────────────────────────────────────────────────────────────────────────────────────────
export type Cycle = Json<typeof cycleSchema>;
export type CyclesResponse = Json<typeof cycleListSchema>;
export type GateItem = Json<typeof gateItemSchema>;
export type BlockingList = Json<typeof blockingListSchema>;
export type CycleBlocker = Json<typeof cycleBlockerSchema>;
export type GateCounts = Json<typeof gateCountsSchema>;
export type CycleDetail = Json<typeof cycleDetailSchema>;
export type CreateCycleRequest = Body<typeof createCycleBody>;
export type TransitionRequest = Body<typeof transitionBody>;

export type MethodDefinition = Json<typeof methodSchema>;
export type MethodType = MethodDefinition['type'];
export type Rubric = Json<typeof rubricSchema>;
export type RubricCriterion = Rubric['criteria'][number];
export type FrameworkIndicator = Json<typeof indicatorSchema>;
export type FrameworkField = Json<typeof fieldSchema>;
/** A framework definition: the editor changes fields and indicators; every other member is kept as the server sent it. */
export type FrameworkDefinition = Json<typeof frameworkDocumentSchema>;
export type Framework = Json<typeof frameworkViewSchema>;
export type FrameworkVersion = Json<typeof frameworkVersionSchema>;
export type SaveFrameworkRequest = Body<typeof saveFrameworkBody>;
export type FrameworkDiff = Json<typeof frameworkDiffSchema>;

// ── Scoring runs ───────────────────────────────────────────────────────────────────────────────────────────────────
export type ScoringRunKind = z.infer<typeof runKind>;
export type ScoringRunSummary = Json<typeof runListItemSchema>;
export type RunNotices = Json<typeof runNoticesSchema>;
export type TieDecision = Json<typeof tieDecisionSchema>;
export type AwardTie = Json<typeof awardTieSchema>;
export type RunUnitOutcome = Json<typeof runUnitOutcomeSchema>;
export type RunOutcome = Json<typeof runOutcomeSchema>;
export type ScoringRun = Json<typeof runViewSchema>;
export type Reproduction = Json<typeof reproductionSchema>;
export type RunComparison = Json<typeof runComparisonSchema>;
/** The statistical audit of a run's framework (평가 체계 통계 점검). */
export type AnalysisView = Json<typeof analysisViewSchema>;
export type IndicatorStats = NonNullable<AnalysisView['analysis']>['stats'][number];
export type StatFlag = IndicatorStats['flags'][number];

// ── 가점·감점 (bonus and penalty points) ─────────────────────────────────────────────────────────────────────────────
export type Adjustment = Json<typeof adjustmentSchema>;
export type AdjustmentPage = Json<typeof adjustmentPageSchema>;
export type AdjustmentRule = AdjustmentPage['rules'][number];
export type DistrictAdjustmentTotals = AdjustmentPage['districts'][number];
export type AdjustmentHistory = Json<typeof adjustmentHistorySchema>;
export type EnterAdjustmentRequest = Body<typeof enterAdjustmentBody>;
export type ChangeAdjustmentRequest = Body<typeof changeAdjustmentBody>;
export type AdjustmentObjectionRequest = Body<typeof adjustmentObjectionBody>;

// ── Audit and org units ────────────────────────────────────────────────────────────────────────────────────────────
export type AuditEntry = Json<typeof auditEntrySchema>;
export type AuditPage = Json<typeof auditPageSchema>;
export type AuditFilters = Pick<Body<typeof auditQuery>, 'action' | 'entityType' | 'orgUnitCode' | 'actor'>;
export type AuditVerification = Json<typeof auditVerificationSchema>;
export type OrgUnit = Json<typeof orgUnitSchema>;
export type UnitWords = Json<typeof unitWordsSchema>;
export type ReferenceDataResponse = Json<typeof referenceDataSchema>;
export type PopulationImportResponse = Json<typeof populationImportSchema>;
export type PopulationEditResponse = Json<typeof populationEditSchema>;
export type LevelWordsRequest = Body<typeof levelWordsBody>;
export type UnitGroupsResponse = Json<typeof unitGroupsSchema>;

// ── Evidence, submissions and verification ─────────────────────────────────────────────────────────────────────────
/** An evidence file attached to an item. */
export type AttachedEvidence = Json<typeof attachedEvidenceSchema>;
/** An evidence file of a district: as listed, or as just uploaded (`deduplicated` then says whether it was stored already). */
export type EvidenceFile = Json<typeof evidenceFileSchema> & Partial<Pick<Json<typeof uploadedEvidenceSchema>, 'deduplicated'>>;
export type OutlierFlag = Json<typeof outlierFlagSchema>;
export type ComputationStep = Json<typeof computationStepSchema>;
export type IndicatorComputation = Json<typeof computationSchema>;
export type SubmissionItem = Json<typeof submissionViewSchema>;
export type SubmissionIndicator = SubmissionItem['indicator'];
export type DistrictSubmissions = Json<typeof districtSubmissionsSchema>;
export type SubmissionWarning = Json<typeof warningSchema>;
export type SubmitResult = Json<typeof submitResultSchema>;
export type SubmitAllResult = Json<typeof submitAllSchema>;
export type MatrixCell = Json<typeof cellSchema>;
/** The city's progress matrix: every district × every indicator of the cycle. */
export type VerificationMatrix = Json<typeof verificationMatrixSchema>;
export type ItemComparison = Json<typeof itemComparisonSchema>;
export type ItemRef = Body<typeof itemRef>;
/** GET /api/v1/me/work: what waits for each of the user's roles, per cycle at work. */
export type MyWork = Json<typeof myWorkSchema>;

// ── Activity records and imports ───────────────────────────────────────────────────────────────────────────────────
export type RecordField = Json<typeof fieldDefinitionSchema>;
export type RecordFieldType = RecordField['type'];
export type RecordType = Json<typeof recordTypeSchema>;
export type ActivityRecord = Json<typeof recordSchema>;
export type RecordValue = ActivityRecord['data'][string];
export type RecordPage = Json<typeof recordPageSchema>;
export type RecordInput = Omit<Body<typeof createRecordBody>, 'recordType'>;
export type ImportProblem = Json<typeof importProblemSchema>;
export type ImportView = Json<typeof importViewSchema>;
export type ImportStatus = ImportView['status'];
export type ImportPage = Json<typeof importPageSchema>;
export type ImportResponse = Json<typeof importDoneSchema> | Json<typeof importQueuedSchema>;

// ── Panel review ───────────────────────────────────────────────────────────────────────────────────────────────────
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;
export type ReviewRound = Json<typeof roundStateSchema>;
export type ReviewAssignment = Json<typeof assignmentViewSchema>;
export type MyAssignments = Json<typeof myAssignmentsSchema>;
/** What the reviewer scores beside the rubric (masked on a blind panel). */
export type ReviewDossier = Json<typeof dossierSchema>;
export type MyPledge = Json<typeof myPledgeSchema>;
export type SignedPledge = NonNullable<MyPledge['signed']>;
export type DeclaredConflict = MyPledge['conflicts'][number];
export type ConflictResult = Json<typeof conflictResultSchema>;
export type ReviewDeclarations = Json<typeof declarationsSchema>;
export type ReviewSettings = Json<typeof reviewSettingsSchema>;
/** The panel's comments on a district's items after the final results (no reviewer identity). */
export type ReviewFeedback = Json<typeof feedbackSchema>;
export type ReviewProgress = Json<typeof progressSchema>;
export type AssignResult = Json<typeof assignResultSchema>;
export type ReviewResults = Json<typeof reviewResultsSchema>;

// ── Provisional results and objections ─────────────────────────────────────────────────────────────────────────────
export type ProvisionalResults = Json<typeof provisionalResultsSchema>;
export type ProvisionalUnit = ProvisionalResults['units'][number];
/** A district's provisional scorecard (with the run it comes from when asked for alone). */
export type ProvisionalScorecard = Json<typeof provisionalScorecardSchema> & Partial<Pick<Json<typeof runScorecardSchema>, 'runId'>>;
/** The cycle's objection deadlines (filing, the contested district's reply, decisions). */
export type ObjectionSchedule = Json<typeof objectionScheduleSchema>;
export type ObjectionSettings = Json<typeof objectionSettingsSchema>;
export type ObjectionSettingsRequest = Body<typeof objectionSettingsBody>;
export type Objection = Json<typeof objectionSchema>;
export type ObjectionStatus = Objection['status'];
export type ObjectionStage = Objection['stage'];
export type ObjectionEvidence = Json<typeof objectionEvidenceSchema>;
export type FileObjectionRequest = Body<typeof fileObjectionBody>;
export type ReplyObjectionRequest = Body<typeof replyObjectionBody>;
export type DecideObjectionRequest = Body<typeof decideObjectionBody>;

// ── Notifications ──────────────────────────────────────────────────────────────────────────────────────────────────
export type AppNotification = Json<typeof notificationSchema>;
export type NotificationPage = Json<typeof notificationPageSchema>;

// ── Award history (수상 이력) ─────────────────────────────────────────────────────────────────────────────────────────
export type AwardHistoryEntry = Json<typeof awardHistoryEntrySchema>;
export type AwardHistoryResponse = Json<typeof awardHistoryListSchema>;
export type AwardHistoryImportResult = Json<typeof awardHistoryImportResultSchema>;

export type PublicationWorkspace = Json<typeof publicationWorkspaceSchema>;
export type PressReleaseVersion = Json<typeof pressReleaseVersionSchema>;
export type SavePressReleaseVersion = Body<typeof savePressReleaseVersionBody>;

// E-mail notifications: my settings and the one-click unsubscribe.
export type EmailSettings = Json<typeof import('../../contract/email.js').emailSettingsSchema>;
export type EmailSettingsRequest = Body<typeof import('../../contract/email.js').emailSettingsBody>;
export type EmailMode = EmailSettings['preferences'][number]['mode'];
