/** Activity registries: record types (built-in and admin-defined), activity records, and formula inputs. */
export {
  fieldDefinitionSchema,
  fieldTypes,
  OCCURRED_ON,
  parseRecordTypeDefinition,
  recordTypeDefinitionSchema,
  type FieldDefinition,
  type FieldType,
  type RecordTypeDefinition,
  type RecordTypeDefinitionInput,
} from './definition.js';
export { checkFieldValue, recordDataSchema, validateRecordData, type RecordData, type RecordDataOptions } from './record-data.js';
export { builtinRecordTypeCodes, builtinRecordTypes } from './builtin-types.js';
export {
  assertCanManageRecordTypes,
  assertCanReadRecords,
  assertCanWriteRecords,
  canManageRecordTypes,
  canReadRecords,
  canWriteRecords,
  readableDistricts,
} from './access.js';
export {
  browseRecordTypes,
  createRecordType,
  deactivateRecordType,
  findRecordType,
  getRecordType,
  listRecordTypes,
  readRecordType,
  seedRecordTypes,
  setRecordTypeActive,
  updateRecordType,
  type RecordType,
} from './record-types.js';
export {
  createRecord,
  deleteRecord,
  getRecord,
  listRecords,
  updateRecord,
  validateRecordInput,
  type ActivityRecord,
  type NewActivityRecord,
  type RecordChange,
  type RecordFilter,
  type RecordPage,
} from './records.js';
export { loadRecordsForPeriod } from './load.js';
export {
  computeIndicatorValue,
  shiftIsoDate,
  type IndicatorComputation,
  type IndicatorValueInput,
  type PeriodUsed,
  type PopulationYearRule,
} from './indicator-value.js';
