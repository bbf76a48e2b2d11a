export * from './accounts.js';
export * from './password-policy.js';
