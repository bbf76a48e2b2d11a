/**
 * Publication of a cycle's results — the only public surface of `src/domain/publication`. The renderers (open data,
 * press release, scorecard) are pure functions from a `CycleOutcome` and its framework to strings and Buffers (no
 * database, no HTTP, no clock; the file-rendering workers import them directly). The services at the end read what
 * was published and hand it out: the public results, the downloadable files, the press release.
 */

// Open data
export { resultsCsv, resultsJson, resultsObject, resultsXlsx, openDataResultsSchema } from './open-data.js';
export type { OpenDataOptions, OpenDataResults, XlsxOptions } from './open-data.js';
export { SHEETS as XLSX_SHEETS } from './open-data-xlsx.js';
export { resultColumns, indicatorColumns, type Column } from './result-columns.js';
export {
  crosswalkColumns,
  dictionaryCsv,
  dictionaryEntries,
  indicatorCrosswalk,
  longColumns,
  longCsv,
  longRows,
  longXlsx,
  LONG_SHEETS,
  type LongYear,
} from './open-data-long.js';
export { atPrecision, withinPrecision, AS_ENTERED, POINTS_PRECISION, WHOLE, type Precision } from './number-format.js';

// Press release
export { pressReleaseDraft, pressReleaseSummaryEn, type PressReleaseOptions, type PressReleaseSummaryOptions } from './press-release.js';

// Scorecard
export { scorecardPdf, type ScorecardOptions, type TrendPoint } from './scorecard-pdf.js';

// 평가 편람 (evaluation handbook)
export { handbookPdf, type HandbookOptions } from './handbook-pdf.js';

// Shared words and guards
export { DEMO_LABEL, DEMO_NOTICE, publicationNotices, resultsTitle, type Lang } from './labels.js';
export { neutraliseFormula, startsLikeFormula } from './text-cell.js';
export { describeMethod } from './method-text.js';

// Published results, downloads and the press release (database-facing)
export {
  clearPublicCache,
  publishedCycle,
  publishedCycles,
  publishedEngineInput,
  resultsView,
  scorecardView,
  type PublishedCycle,
} from './published-results.js';
export {
  longOpenDataFile,
  longYears,
  openDataFile,
  scorecardPdfFile,
  pressRelease,
  savePressRelease,
  type CsvEncoding,
  type LongDataFormat,
  type OpenDataFormat,
  type PublicFile,
} from './files.js';
export {
  publicationWorkspace,
  pressReleaseVersion,
  savePressReleaseVersion,
  pressReleaseFile,
  resultReportFile,
  systemClock,
  type Clock,
  type DocumentFile,
  type DocumentFormat,
} from './workspace.js';
export { parsePressRelease, type DocModel, type DocBlock } from './document-model.js';
export { kstCalendarDate, koreanDateTime } from './korean-text.js';
