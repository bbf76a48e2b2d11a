/**
 * Provisional results and objections (이의신청) in stages, as the national joint evaluation runs them: filing
 * against any district's figure, the contested district's reply, decisions by the city or a named committee,
 * withdrawal, deadlines per cycle, and what each participant may see.
 */
export { fileObjection, requireDistrictMember, type FileObjectionInput } from './file-objection.js';
export { fileAdjustmentObjection, type AdjustmentObjectionInput } from './adjustment-objection.js';
export { replyToObjection, type ReplyObjectionInput } from './reply-objection.js';
export { listObjections, getObjection } from './read-objections.js';
export { decideObjection, withdrawObjection, type DecideObjectionInput } from './decide-objection.js';
export { provisionalResults, provisionalScorecard, type ProvisionalScorecard } from './provisional-results.js';
export { objectionView, type ObjectionStage, type ObjectionStatus, type ObjectionView } from './objection-view.js';
export { objectionValueProblems, PLAUSIBLE_LIMIT } from './objection-value.js';
export {
  objectionSchedule,
  objectionSettings,
  setObjectionSettings,
  DEFAULT_DECISION_DAYS,
  DEFAULT_REPLY_DAYS,
  type ObjectionSchedule,
  type ObjectionSettings,
  type ObjectionSettingsInput,
} from './objection-schedule.js';
