export * from './schema/org-units.js';
export * from './schema/users.js';
export * from './schema/cycles.js';
export * from './schema/audit-log.js';
export * from './schema/frameworks.js';
export * from './schema/activities.js';
export * from './schema/submissions.js';
export * from './schema/evaluation.js';
