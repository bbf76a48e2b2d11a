/** 가점·감점 in the product: entered by the city within the framework's caps, confirmed by a second city user, late penalties made automatically. */
export { checkEntry, lateRuleOf, ruleOrThrow, signedPoints } from './adjustment-rules.js';
export { adjustmentView, adjustmentsLocked, mayConfirm, type AdjustmentView } from './adjustment-view.js';
export { changeAdjustment, confirmAdjustment, enterAdjustment, withdrawAdjustment, type AdjustmentChange, type AdjustmentInput } from './enter-adjustment.js';
export { applyLatePenalties, kstDate, kstDateTime, lateKey, lateReason, lateStages, recordLatePenalty, type LatePenaltyMade } from './late-penalty.js';
export { adjustmentHistory, readAdjustments, type AdjustmentHistoryEntry, type AdjustmentPage, type DistrictAdjustmentTotals } from './read-adjustments.js';
