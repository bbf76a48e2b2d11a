export * from './schema/org-units.js';
export * from './schema/users.js';
export * from './schema/cycles.js';
export * from './schema/audit-log.js';
