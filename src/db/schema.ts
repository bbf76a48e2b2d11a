export * from './schema/org-units.js';
export * from './schema/users.js';
export * from './schema/sign-in-failures.js';
export * from './schema/cycles.js';
export * from './schema/audit-log.js';
export * from './schema/frameworks.js';
export * from './schema/activities.js';
export * from './schema/submissions.js';
export * from './schema/evaluation.js';
export * from './schema/award-history.js';
export * from './schema/publication-documents.js';
export * from './schema/totp.js';

export * from './schema/email.js';
