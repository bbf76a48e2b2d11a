/** The city and its districts, as the public list shows them (with each unit's latest population). */
export { listOrgUnits, type OrgUnitRow } from '../db/repositories/org-units.js';
