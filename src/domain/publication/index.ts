/**
 * Publication of a cycle's results — the only public surface of `src/domain/publication`. Pure functions from a
 * `CycleOutcome` and its framework to strings and Buffers; no database, no HTTP, no clock.
 */

// Open data
export { resultsCsv, resultsJson, resultsObject, resultsXlsx, openDataResultsSchema } from './open-data.js';
export type { OpenDataOptions, OpenDataResults, XlsxOptions } from './open-data.js';
export { SHEETS as XLSX_SHEETS } from './open-data-xlsx.js';
export { resultColumns, indicatorColumns, type Column } from './result-columns.js';

// Press release
export { pressReleaseDraft, pressReleaseSummaryEn, type PressReleaseOptions, type PressReleaseSummaryOptions } from './press-release.js';

// Scorecard
export { scorecardPdf, type ScorecardOptions, type TrendPoint } from './scorecard-pdf.js';

// Shared words and guards
export { DEMO_LABEL, DEMO_NOTICE, publicationNotices, resultsTitle, type Lang } from './labels.js';
export { neutraliseFormula, startsLikeFormula } from './text-cell.js';
export { describeMethod } from './method-text.js';
