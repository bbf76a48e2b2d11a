/** District submissions (district × indicator × cycle): drafts, evidence, submission, district approval, data quality. */
export { listSubmissions, getSubmission, viewOfItem, type DistrictSubmissions } from './read-submissions.js';
export { saveSubmission, type SaveSubmissionInput } from './save-submission.js';
export { attachSubmissionEvidence, detachSubmissionEvidence, type EvidenceChangeInput } from './submission-evidence.js';
export { submitSubmission, submitAll, type SubmitResult, type SubmitAllResult, type SubmitWarning } from './submit-submission.js';
export { approveSubmission, returnToOfficer, submissionLink } from './approve-submission.js';
export { submissionProblems, type SubmissionContent } from './submission-problems.js';
export { robustZScore, MAD_CONSTANT, MEAN_AD_CONSTANT, type RobustZScore } from './robust-z-score.js';
export { outlierFlags, OUTLIER_THRESHOLD, MIN_REFERENCE_VALUES, type OutlierFlag, type OutlierReference } from './outlier-flags.js';
export { computeIndicator, storedComputation, type IndicatorComputation } from './indicator-computation.js';
export { cycleOrThrow, districtOrThrow, indicatorOf, loadDistrictCycle, loadDistrictItem, staleVersion, type DistrictCycle } from './district-cycle.js';
export {
  allowedActions,
  districtMayEdit,
  cityMayVerify,
  submissionActions,
  type SubmissionAction,
  ownersOf,
  reasonRequired,
  requireOtherPerson,
  stageClosed,
  verifiedItemLocked,
  wrongStatus,
  type ItemStatus,
} from './submission-rules.js';
export {
  settleRecordChange,
  returnChangedItem,
  recordsLocked,
  spanOf,
  type AffectedItem,
  type ChangeAfterSubmit,
  type ChangeSource,
  type RecordTouch,
} from './records-changed.js';
export { myWorkCounts, type MyWorkCounts } from './my-work.js';
export { auditState, evidenceView, indicatorSummary, type EvidenceView, type SubmissionView } from './submission-view.js';
