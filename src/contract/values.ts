/**
 * The closed lists of the API (roles, cycle stages, notification kinds) as plain constants: no zod here, so the web
 * may import them at run time without bundling the schemas. The database schema and the domain use the same lists.
 */

export const roles = ['city_admin', 'district_officer', 'district_approver', 'reviewer', 'auditor'] as const;
export type Role = (typeof roles)[number];

/** The nine stages of a yearly cycle, in order. */
export const cycleStatuses = ['draft', 'open', 'verification', 'review', 'scoring', 'provisional', 'objections', 'final', 'published'] as const;
export type CycleStatus = (typeof cycleStatuses)[number];

/** Status of one district × indicator item; `not_started` when the district has not touched it. */
export const itemStatuses = ['not_started', 'draft', 'submitted', 'approved', 'verified', 'returned'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

export const notificationKinds = [
  'item_returned',
  'submission_approved',
  'objection_filed',
  'objection_decided',
  'deadline_near',
  'objection_reply_requested',
  'objection_replied',
  'review_reopened',
  /** An officer submitted an item: its district's approvers have work. */
  'submission_submitted',
  /** The records or evidence behind a submitted or approved item changed: it went back to the district. */
  'item_changed',
  /** A 가점·감점 entry of the district now counts (confirmed or automatic), or was withdrawn. */
  'adjustment_recorded',
  /** A 가점·감점 entry waits for a second city user's confirmation. */
  'adjustment_pending',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * What a caller may do with one submission item now (`allowedActions` of a submission view; the rules are in
 * src/domain/submissions/submission-rules.ts): save, correct (the city), submit, approve, return (the approver),
 * verify, return_to_district (the city).
 */
export const submissionActions = ['save', 'correct', 'submit', 'approve', 'return', 'verify', 'return_to_district'] as const;
export type SubmissionAction = (typeof submissionActions)[number];
