/** Provisional results and objections (이의신청): filing, decisions, withdrawal, and what each district may see. */
export { fileObjection, requireDistrictMember, type FileObjectionInput } from './file-objection.js';
export { listObjections, getObjection } from './read-objections.js';
export { decideObjection, withdrawObjection, type DecideObjectionInput } from './decide-objection.js';
export { provisionalResults, provisionalScorecard, type ProvisionalScorecard } from './provisional-results.js';
export { objectionView, type ObjectionStatus, type ObjectionView } from './objection-view.js';
