/**
 * Imports of activity records: the district's xlsx template, whole-file checked workbook imports written in one
 * transaction, CSV imports through the streaming bulk importer (in the background when large), and their history.
 */
export { buildTemplate } from './template.js';
export { importWorkbook, importRejected, MAX_REPORTED_PROBLEMS, type ImportSummary, type UploadedWorkbook } from './import-workbook.js';
export { createQueuedImport, importRecordsCsv, prepareCsvImport, runCsvImport, type CsvImportRequest, type CsvImportSummary } from './import-records-csv.js';
export { csvImportJobHandler, type CsvImportJobPayload } from './import-job.js';
export { getImport, IMPORT_JOB_KIND, listImports, type ImportView, type StoredProblem } from './import-history.js';
export { defaultXlsxLimits, readSafeXlsx, type XlsxLimits } from './xlsx-safety.js';
