/** The city's verification of district submissions: progress matrix, verify / return, bulk verify, comparison. */
export { verificationMatrix, type MatrixCell, type VerificationMatrix } from './verification-matrix.js';
export { verifySubmission, returnSubmission, bulkVerify, type BulkVerifyResult } from './verification-decisions.js';
export { compareItem, type ItemComparison } from './compare-item.js';
