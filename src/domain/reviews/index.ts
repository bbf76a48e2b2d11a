/**
 * Panel review of qualitative indicators (정성 평가): the only public surface of `src/domain/reviews`.
 */

// Setting up the panel (city admin)
export { assignReviewers, addAssignment, removeAssignment, DEFAULT_REVIEWERS_PER_ITEM } from './assignment.js';

// Scoring (reviewers; the admin and auditor may read one assignment)
export { listMyAssignments, getAssignment, saveDraftScores, submitScores } from './scoring.js';

// The round: progress, closing, results, and the scores the scoring run uses
export { reviewProgress, closeReviewRound, reviewResults, panelScores } from './round.js';
export { reviewRoundState } from './round-state.js';
// Re-review of one item after the round closed (an accepted objection on a qualitative item)
export {
  reopenReviewItem,
  reopenItemForRereview,
  reopenedItems,
  reopenedItemDetails,
  type Rereview,
  panelSheets,
  ITEM_REOPENED,
  ITEM_CLOSED,
} from './reopen.js';

// Integrity: the blind setting, the pledge and declared conflicts, the dossier, the districts' feedback
export { getReviewSettings, setReviewSettings } from './settings.js';
export { getMyPledge, signPledge, declareConflict, listDeclarations, PLEDGE_STATEMENT } from './pledge.js';
export { getDossier } from './dossier.js';
export { districtFeedback } from './feedback.js';
export { districtPseudonyms, maskDistrictText, maskedFileName } from './pseudonyms.js';
export { panelSecrecyFilter, redactOpenRoundScores } from './secrecy.js';

// Pure rules
export { rubricScore, rubricScoreProblems, type CriterionScores } from './rubric-score.js';
export { panelAggregate, panelTrimmedMean, safePanelTrimmedMean, TRIM_FROM, type PanelAggregate } from './trimmed-mean.js';
export { reviewerDeviationFlags, FLAG_DEFAULTS, type ReviewerDeviation, type ReviewerFlagOptions, type ReviewerItemScore } from './reviewer-flags.js';
export { planAssignments, type AssignmentPlan, type PlanReviewer, type ReviewItem, type Shortfall } from './plan-assignments.js';

// Shapes (validation and OpenAPI)
