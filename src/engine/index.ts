/**
 * HopeJobs scoring engine — the public surface of `src/engine` (package export `hopejobs/engine`): what the CLI,
 * the domain, the server, the web and the benchmarks use, and nothing else. Pure: no I/O, no clock, no unseeded
 * randomness; runs in Node and in browsers. Node-only additions (worker threads) are in `node.ts`. Every other file
 * of `src/engine` is internal: ESLint refuses imports of them from outside the engine.
 */

// ── Scoring ──────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Scores an evaluation (COINr pipeline: denominate → impute → screen → treat → normalise → aggregate → rank); throws
 * {@link EngineInputError} listing every problem of the input.
 * @example const result = score({ iMeta, iData }, { aggregate: 'gmean' }); result.units[0].rank // 1
 */
export { score } from './score.js';

/**
 * {@link score} that never throws for bad input.
 * @example const r = safeScore(input); if (!r.success) r.error.issues.forEach((i) => console.error(formatIssue(i)));
 */
export { safeScore } from './score.js';

/**
 * The result of {@link score}: units with scores per node, normalised values, ranks, points, explanations, warnings.
 * @example const top = (r: ScoreResult) => r.units.map((u) => u.scores[r.top]);
 */
export type { ScoreResult } from './score.js';

/**
 * The engine's version, stored with every scoring run so a published number can be reproduced.
 * @example snapshot.engineVersion === ENGINE_VERSION
 */
export { ENGINE_VERSION } from './engine-version.js';

// ── Input ────────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Reads the COINr iMeta and iData CSV files (UTF-8 with or without BOM, or CP949, detected).
 * @example const input = readCsvInput({ name: 'iMeta.csv', content: metaBytes }, { name: 'iData.csv', content: dataBytes });
 */
export { readCsvInput } from './read-input.js';

/**
 * Reads an evaluation JSON (`{ iMeta, iData, options? }`) from bytes or from an already parsed value.
 * @example const input = readJsonInput({ name: 'evaluation.json', value: JSON.parse(text) });
 */
export { readJsonInput } from './read-input.js';

/**
 * An input read and checked by {@link readCsvInput} / {@link readJsonInput}, ready for {@link score}.
 * @example const prepared: PreparedInput = readCsvInput(meta, data).data;
 */
export type { PreparedInput } from './read-input.js';

/**
 * The engine's input and options (shapes of `input-schema.ts`): iMeta rows, iData rows, options.
 * @example const input: EvaluationInput = { iMeta: [row as IMetaRow], iData: [{ uCode: 'A', uName: 'A', x: 1 } as IDataRow] };
 */
export type { EvaluationInput, IMetaRow, IDataRow, ScoreOptions } from './input-schema.js';

/**
 * The accepted normalisation methods, aggregation functions and missing-value policies (zod enums).
 * @example MethodNameSchema.safeParse('zscore').success // true
 */
export { MethodNameSchema, AggregationNameSchema, MissingPolicySchema } from './input-schema.js';

/**
 * Decodes a text file as UTF-8 (with or without BOM) or CP949, whichever it is.
 * @example decodeText(bytes).text
 */
export { decodeText } from './decode-text.js';

// ── Errors ───────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The engine's one error: thrown by every function that cannot work with its input, with every
 * {@link EngineIssue} found and a `{ ko, en }` summary.
 * @example try { score(input); } catch (e) { if (e instanceof EngineInputError) show(e.issues); else throw e; }
 */
export { EngineInputError } from './engine-error.js';

/**
 * One problem: stable `code`, `severity`, `message: { ko, en }`, `location` (file, row, column, field, unit, iCode).
 * @example const first: EngineIssue | undefined = error.issues[0];
 */
export type { EngineIssue } from './engine-error.js';

/**
 * Result of a `safe…` function: `{ success: true, data, warnings }` or `{ success: false, error }`.
 * @example const r: SafeResult<ScoreResult> = safeScore(input);
 */
export type { SafeResult } from './engine-error.js';

/**
 * One line per problem, naming where and why in Korean and English.
 * @example formatIssue(issue) // 'iData.csv row 5 column "LPI": 숫자가 아닙니다: "abc" | not a number: "abc"'
 */
export { formatIssue } from './engine-error.js';

// ── Output (the CLI's formats) ───────────────────────────────────────────────────────────────────────────────────

/**
 * The result as CSV (`uCode,uName,<top>,Rank,…`, full precision), as JSON (byte-identical for the same input), or
 * as an aligned table with explanations.
 * @example process.stdout.write(formatCsv(score(input)));
 */
export { formatCsv, formatJson, formatTable } from './format-result.js';

// ── Low-level API (what-if page, benchmarks) ─────────────────────────────────────────────────────────────────────

/**
 * Runs everything that does not depend on weights once and lays the framework out in typed arrays.
 * @example const model: CompiledModel = compile(input); const weights = Float64Array.from(model.weights);
 */
export { compile, type CompiledModel } from './compile.js';

/**
 * Normalises every indicator into a buffer: the nominal methods, or one method for all.
 * @example normaliseInto(model, normalised, 'zscore');
 */
export { normaliseInto } from './compile.js';

/**
 * Aggregates normalised values level by level with the given weights, without allocating.
 * @example aggregateInto(model, weights, model.normalised, out);
 */
export { aggregateInto } from './aggregate.js';

/**
 * Competition ranks ("1224"): `competitionRanks` for any values, `rankInto` for the top node of `aggregateInto`'s
 * output; neither allocates.
 * @example competitionRanks(Float64Array.of(90, 80, 80, 70), out, true); // out = [1, 2, 2, 4]
 */
export { competitionRanks, rankInto } from './rank.js';

// ── Sensitivity (Monte Carlo, seeded; worker threads: `sensitivityParallel` in node.ts) ──────────────────────────

/**
 * Monte Carlo sensitivity of the ranks (weight noise, alternative normalisations and aggregations, award tiers).
 * @example const s = sensitivity(input, { runs: 1000, seed: 1, noise: 0.25 }); s.units[0].rankP95
 */
export { sensitivity } from './sensitivity.js';

/**
 * The sensitivity result without its raw samples, as stored with a scoring run.
 * @example const stored = sensitivityBody(sensitivity(input, options));
 */
export { sensitivityBody } from './sensitivity-format.js';

/**
 * The sensitivity result as the CLI prints it: a table, CSV columns after the score's, or JSON.
 * @example formatSensitivityTable(result, { lang: 'ko' })
 */
export { formatSensitivityTable, formatSensitivityCsv, formatSensitivityJson } from './sensitivity-format.js';

/**
 * The alternatives a sensitivity analysis may draw from, and the award configuration it may apply.
 * @example SENSITIVITY_NORMALISATIONS.includes('rank') // true
 */
export {
  SENSITIVITY_NORMALISATIONS,
  SENSITIVITY_AGGREGATIONS,
  type SensitivityNormalisation,
  type SensitivityAggregation,
  type SensitivityAwards,
} from './sensitivity-options.js';

/**
 * The seeded random generator of the Monte Carlo runs (one independent stream per run).
 * @example const rng = new Xoshiro128().seedRun(2019, 0); rng.next();
 */
export { Xoshiro128 } from './random.js';

// ── Adjustments, awards, prizes and streaks (applied to scoring results) ─────────────────────────────────────────

/**
 * Bonus and penalty points with per-rule and overall caps; `AdjustmentConfigSchema` is the framework's rule set.
 * @example applyAdjustments([{ uCode: 'A', score: 80 }], [{ uCode: 'A', rule: 'B1', points: 2, reason: '…' }], config)[0].final
 */
export { applyAdjustments, AdjustmentConfigSchema } from './adjustments.js';
export type { AdjustmentConfig, AdjustmentRule, UnitAdjustment } from './adjustments.js';

/**
 * Award tiers from rules held as data (top N, top share, cut-off, most improved, per group), with the boundary ties
 * met and the decisions taken on them; `AwardConfigSchema` is the framework's award configuration.
 * @example const { awards, ties } = assignAwardsWithTies(units, config, decisions);
 */
export { assignAwardsWithTies, safeAssignAwards, AwardConfigSchema, type AwardResult, type BoundaryTie, type TieDecision } from './awards.js';

/**
 * Prize money per tier (fixed, shared pot) and amounts in words.
 * @example formatWonKo(45_000_000) // '4,500만 원'
 */
export { computePrizes, PrizeTableSchema, formatWon, formatWonKo, formatWonEn } from './prizes.js';

/**
 * "N년 연속" streaks of tiers across years, and their sentence.
 * @example describeStreak(computeStreaks(series, { tiers: ['best'], asOf: 2019 })[0].current, { ko: '우수구', en: 'Excellent district' })
 */
export { computeStreaks, describeStreak } from './streaks.js';

// ── Statistics and hashing ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Median of the present (non-NaN) values (NaN when there is none); COINr `median(x, na.rm = TRUE)`.
 * @example median(Float64Array.of(4, 1, NaN, 3, 2)) // 2.5
 */
export { median } from './median.js';

/**
 * Canonical JSON (sorted keys, shortest numbers), the text behind every stored hash, and its sha256.
 * @example sha256HexOfText(canonicalJson(snapshot))
 */
export { canonicalJson } from './canonical-json.js';
export { sha256HexOfText } from './sha256.js';

// ── Statistical audit of a framework (COINr get_stats, get_corr, get_cronbach, get_PCA, remove_elements) ─────────

/**
 * The audit of a framework: raw indicator statistics and flags, parent and sibling correlations, Cronbach's α and
 * PCA per aggregate, rank changes when each element of levels 1 and 2 is removed; `safeAnalyse` never throws.
 * @example const audit = analyse(input); audit.cronbach['Index'] // 0.7…
 */
export { analyse, safeAnalyse, STAT_THRESHOLDS } from './analysis/analyse.js';
export type { AnalysisResult, IndicatorStats, StatFlag, StructureCorrelation, GroupPca, RemovalImpact } from './analysis/analyse.js';

/**
 * The audit as the CLI prints it: JSON (contract keys, byte-identical for the same input) or text tables.
 * @example process.stdout.write(formatAnalysisTable(analyse(input), { lang: 'en' }));
 */
export { formatAnalysisJson, formatAnalysisTable } from './analysis/format.js';

/**
 * Korean particles by the word before them (es-hangul, plus numbers read aloud and asides skipped), for every text.
 * @example josa('버전 2', '이/가') // '버전 2가'; josaPick('실행 #6', '이/가') // '이'
 */
export { josa, josaPick, type Particle } from './korean.js';
