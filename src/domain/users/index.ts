export * from './accounts.js';
export * from './password-policy.js';
export * from './accounts-xlsx.js';
