/** Exports of a cycle's activity records (xlsx, CSV, JSON) and the safety rules every exported file follows. */
export { attachmentDisposition } from './download-name.js';
export { escapeFormula, unescapeFormula } from './formula-escape.js';
export { exportFormats, exportRecords, type ExportFile, type ExportFormat, type RecordsExportRequest } from './records-export.js';
