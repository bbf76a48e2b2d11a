/** The city and its districts, as the public list shows them (with each unit's latest population). */
export { listOrgUnits, type OrgUnitRow } from '../db/repositories/org-units.js';
export {
  editPopulation,
  importPopulationFile,
  populationsOfYear,
  referenceData,
  setLevelWords,
  setUnitGroups,
  type ReferenceData,
} from './reference/reference-data.js';
export { unitWords, type UnitWords } from './reference/unit-words.js';
