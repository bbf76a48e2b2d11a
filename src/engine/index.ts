/**
 * HopeJobs scoring engine — the only public surface of `src/engine` (package export `hopejobs/engine`).
 * Pure: no I/O, no clock, no unseeded randomness; runs in Node and in browsers.
 */

// Scoring
export { score, safeScore, type ScoreResult, type UnitResult, type NodeInfo } from './score.js';
export { ENGINE_VERSION } from './engine-version.js';

// Input
export { readCsvInput, readJsonInput, defaultSources } from './read-input.js';
export type { TextSource, PreparedInput, InputSources, TableSource } from './read-input.js';
export {
  EvaluationInputSchema,
  IMetaRowSchema,
  IDataRowSchema,
  ScoreOptionsSchema,
  MethodNameSchema,
  AggregationNameSchema,
  MissingPolicySchema,
} from './input-schema.js';
export type {
  EvaluationInput,
  IMetaRow,
  IDataRow,
  ScoreOptions,
  MethodName,
  AggregationName,
  MissingPolicy,
} from './input-schema.js';
export { decodeText, type DecodedText, type TextEncodingName } from './decode-text.js';
export { decodeCp949 } from './decode-cp949.js';
export { parseCsv, type CsvRecord, type CsvParseResult } from './csv-parse.js';

// Errors
export { EngineInputError, formatIssue, hasErrors, makeIssue, safely } from './engine-error.js';
export type { EngineIssue, IssueCode, IssueLocation, SafeResult } from './engine-error.js';

// Output
export { formatCsv, formatJson, formatTable, type TableFormatOptions } from './format-result.js';
export { displayWidth, padDisplay } from './display-width.js';

// Low-level API (Monte Carlo sensitivity, benchmarks)
export {
  compile,
  safeCompile,
  normaliseInto,
  type CompiledModel,
  type FinalOptions,
  type TreatmentReport,
  type RemovedUnit,
} from './compile.js';
export type { Topology } from './topology.js';
export {
  aggregateInto,
  AGG_AMEAN,
  AGG_GMEAN,
  AGG_HMEAN,
  MISSING_RENORMALISE,
  MISSING_ZERO,
  MISSING_ERROR,
  type AggregationProblem,
} from './aggregate.js';
export * from './rank.js';
export { upperBound, lowerBound } from './binary-search.js';
export { contributionsInto, medianUnit, explainUnit, type UnitExplanation, type ExplanationItem } from './explain.js';
export type { Framework, IndicatorSpec, AggregateSpec, MethodParams } from './framework.js';

// Sensitivity analysis (Monte Carlo; seeded). Worker threads: `sensitivityParallel` in the Node-only `node.ts`.
export { sensitivity, safeSensitivity, isCompiledModel, progressReporter } from './sensitivity.js';
export {
  resolveSensitivityOptions,
  SENSITIVITY_NORMALISATIONS,
  SENSITIVITY_AGGREGATIONS,
  DEFAULT_SENSITIVITY_NOISE,
  type SensitivityOptions,
  type ResolvedSensitivityOptions,
  type SensitivityAwards,
  type SensitivityNormalisation,
  type SensitivityAggregation,
} from './sensitivity-options.js';
export { planSensitivity, positiveCopy, type SensitivityPlan, type SensitivityTier, type AggregationChoice, type AwardPlan } from './sensitivity-plan.js';
export { runBlocks, mergeTallies, blockCount, SENSITIVITY_BLOCK_RUNS, type SensitivityTally, type AssignAwards } from './sensitivity-runs.js';
export { summariseSensitivity, nearestRankPercentile, type SensitivityResult, type UnitSensitivity, type SensitivitySamples } from './sensitivity-summary.js';
export {
  formatSensitivityTable,
  formatSensitivityCsv,
  formatSensitivityJson,
  sensitivityBody,
  type SensitivityTableOptions,
} from './sensitivity-format.js';
export { Xoshiro128, mix32 } from './random.js';

// Pre-processing steps (COINr equivalents)
export { denominate } from './denominate.js';
export { yearOnYearGrowth } from './year-on-year.js';
export { imputeColumn } from './impute.js';
export { dataAvailability, screenUnits } from './screen.js';
export { treatColumn, type ColumnTreatment } from './treat.js';
export { winsorise, type WinsoriseResult } from './winsorise.js';
export { logTransformCT } from './log-transform.js';
export { checkSkewKurtosis, type SkewKurtosisCheck } from './skew-kurtosis-check.js';

// Normalisation
export { normaliseColumn, NORMALISERS, DISTRIBUTION_METHODS } from './normalise.js';
export { normaliseMinmax } from './normalise-minmax.js';
export { normaliseZscore } from './normalise-zscore.js';
export { normaliseRank } from './normalise-rank.js';
export { normalisePercentile } from './normalise-percentile.js';
export { normaliseTarget } from './normalise-target.js';
export { normaliseGoalposts } from './normalise-goalposts.js';
export { normaliseBands } from './normalise-bands.js';
export { normalisePassthrough } from './normalise-passthrough.js';
export { normaliseYoy } from './normalise-yoy.js';
export type { NormaliseNote, ColumnNormaliser } from './normalise-note.js';

// Points frameworks
export { detectPoints, earnedPoints, type PointsDetection } from './points.js';

// Statistics
export { mean } from './mean.js';
export { median } from './median.js';
export { sampleStandardDeviation } from './standard-deviation.js';
export { skewness } from './skewness.js';
export { kurtosis } from './kurtosis.js';

// Hashing
export { sha256Hex, sha256HexOfText } from './sha256.js';
export { canonicalJson } from './canonical-json.js';

// Adjustments, awards, prizes and streaks (applied to scoring results)
export * from './adjustments.js';
export * from './awards.js';
export { fieldIssue, parseConfig, throwIfErrors, formatPath } from './engine-error.js';
export * from './award-text.js';
export * from './prizes.js';
export * from './streaks.js';
