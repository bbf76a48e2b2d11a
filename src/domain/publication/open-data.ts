/**
 * Open data of a cycle's results: CSV (UTF-8 with BOM, for Excel), JSON (a documented, versioned shape) and xlsx
 * (see `open-data-xlsx.ts`). In CSV and xlsx every figure is rounded to the precision its column declares (points
 * and 0–100 scores 2 decimals, raw values as entered, ranks and won whole; `result-columns.ts`); the JSON keeps the
 * stored run's full precision, so it reproduces the run exactly. Text cells are protected against formula injection.
 */
import { z } from 'zod';
import { fieldPoints, type FrameworkDefinition } from '../frameworks/definition.js';
import type { CycleOutcome } from '../scoring/evaluate.js';
import { publicationNotices, resultsTitle, type Lang } from './labels.js';
import { describeMethod } from './method-text.js';
import { resultColumns, type CellValue } from './result-columns.js';
import { neutraliseFormula } from './text-cell.js';
import type { UnitWords } from '../reference/unit-words.js';

export { resultsXlsx, type XlsxOptions } from './open-data-xlsx.js';

export interface OpenDataOptions {
  /** Language of headers and tier names (default `ko`). */
  lang?: Lang;
  /** A demo cycle: every file says "데모 데이터". */
  demo: boolean;
  /** Title of the results (default "2019 희망일자리 만들기 평가 결과"). */
  title?: string;
  /** What the units are called (Seoul's '자치구' by default), for the unit-name column. */
  unitWords?: UnitWords;
}

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field (RFC 4180): text neutralised against formulas and quoted when needed; numbers as is. */
function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`resultsCsv: a result is not a finite number (${value})`);
    return String(value);
  }
  const text = neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The results as CSV: one row per district in rank order, columns rank, code, name, total, indicator points
 * total, bonus, penalty, previous rank, award tier, prize (won), streak, field scores, points per indicator and
 * the data status ("데모 데이터"). UTF-8 with a byte-order mark and CRLF line ends, so Excel opens Korean text
 * correctly. Headers are Korean by default, with codes: `S1 사회적경제기업 제품 공공구매 실적(점)`.
 *
 * @throws {Error} when a result is NaN or infinite (the engine never produces one; a file must not carry one).
 * @example resultsCsv(outcome, framework, { demo: true }).split('\r\n')[1] // → '1,11215,광진구,88.85,…'
 */
export function resultsCsv(outcome: CycleOutcome, framework: FrameworkDefinition, options: OpenDataOptions): string {
  const lang = options.lang ?? 'ko';
  const columns = resultColumns(outcome, framework, options.demo, options.unitWords);
  const lines = [columns.map((c) => csvField(c.header[lang])).join(',')];
  for (const unit of outcome.units) lines.push(columns.map((c) => csvField(c.value(unit, lang))).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

const bilingualText = z.object({ ko: z.string(), en: z.string() });
const nullableNumber = z.number().nullable();

/**
 * The JSON open-data shape, version 1 (`format: "hopejobs.results"`). Scores are points; `prize` and tier money
 * in integer won; `indicators[code]` holds the raw value (in the indicator's unit), its 0–100 score and the points.
 * `generatedFrom` identifies the stored scoring run, which recomputes every figure exactly.
 */
export const openDataResultsSchema = z.object({
  format: z.literal('hopejobs.results'),
  formatVersion: z.literal(1),
  year: z.number().int(),
  title: z.string(),
  demo: z.boolean(),
  illustrative: z.boolean(),
  notices: z.array(bilingualText),
  generatedFrom: z.object({ snapshotHash: z.string(), engineInputHash: z.string(), engineVersion: z.string() }),
  framework: z.object({
    title: bilingualText,
    totalPoints: z.number(),
    fields: z.array(z.object({ code: z.string(), name: bilingualText, points: z.number() })),
    indicators: z.array(
      z.object({
        code: z.string(),
        field: z.string(),
        name: bilingualText,
        points: z.number(),
        unit: z.string(),
        kind: z.enum(['quantitative', 'qualitative']),
        direction: z.union([z.literal(1), z.literal(-1)]),
        isNew: z.boolean(),
        method: z.record(z.string(), z.unknown()),
        methodText: bilingualText,
      }),
    ),
  }),
  tiers: z.array(z.object({ code: z.string(), name: bilingualText, winners: z.array(z.string()), prizeEach: z.number(), total: z.number() })),
  prizeTotal: z.number(),
  units: z.array(
    z.object({
      rank: nullableNumber,
      code: z.string(),
      name: z.string(),
      score: nullableNumber,
      baseScore: nullableNumber,
      bonus: z.number(),
      penalty: z.number(),
      previousRank: nullableNumber,
      awardTier: z.string().nullable(),
      awardTierName: bilingualText.nullable(),
      awardReason: bilingualText.nullable(),
      prize: z.number(),
      streak: z.object({ length: z.number(), from: z.number(), to: z.number(), ko: z.string(), en: z.string() }).nullable(),
      fieldScores: z.record(z.string(), nullableNumber),
      indicators: z.record(z.string(), z.object({ raw: nullableNumber, normalised: nullableNumber, points: nullableNumber, maxPoints: z.number() })),
      explanation: bilingualText,
    }),
  ),
});
export type OpenDataResults = z.infer<typeof openDataResultsSchema>;

/** The results as the {@link OpenDataResults} object (what `resultsJson` serialises). */
export function resultsObject(outcome: CycleOutcome, framework: FrameworkDefinition, options: Omit<OpenDataOptions, 'lang'>): OpenDataResults {
  const perField = fieldPoints(framework);
  const tierNames = new Map(outcome.tiers.map((t) => [t.code, t.name]));
  return {
    format: 'hopejobs.results',
    formatVersion: 1,
    year: outcome.year,
    title: options.title ?? resultsTitle(outcome, 'ko'),
    demo: options.demo,
    illustrative: framework.illustrative,
    notices: publicationNotices(framework, options.demo),
    generatedFrom: { snapshotHash: outcome.snapshotHash, engineInputHash: outcome.engineInputHash, engineVersion: outcome.engineVersion },
    framework: {
      title: { ...framework.title },
      totalPoints: framework.totalPoints,
      fields: framework.fields.map((f) => ({ code: f.code, name: { ...f.name }, points: perField.get(f.code) ?? 0 })),
      indicators: framework.indicators.map((i) => ({
        code: i.code,
        field: i.field,
        name: { ...i.name },
        points: i.points,
        unit: i.unit,
        kind: i.kind,
        direction: i.direction,
        isNew: i.isNew,
        method: { ...i.method },
        methodText: { ko: describeMethod(i, 'ko'), en: describeMethod(i, 'en') },
      })),
    },
    tiers: outcome.tiers.map((t) => ({ code: t.code, name: { ...t.name }, winners: [...t.winners], prizeEach: t.prizeEach, total: t.total })),
    prizeTotal: outcome.prizeTotal,
    units: outcome.units.map((u) => ({
      rank: u.rank,
      code: u.code,
      name: u.name,
      score: u.score,
      baseScore: u.baseScore,
      bonus: u.bonus,
      penalty: u.penalty,
      previousRank: u.previousRank,
      awardTier: u.awardTier,
      awardTierName: u.awardTier === null ? null : { ...(tierNames.get(u.awardTier) ?? { ko: u.awardTier, en: u.awardTier }) },
      awardReason: u.awardReason ? { ...u.awardReason } : null,
      prize: u.prize,
      streak: u.streak ? { ...u.streak } : null,
      fieldScores: { ...u.fieldScores },
      indicators: Object.fromEntries(
        framework.indicators.map((i) => [
          i.code,
          { raw: u.raw[i.code] ?? null, normalised: u.normalised[i.code] ?? null, points: u.points[i.code] ?? null, maxPoints: i.points },
        ]),
      ),
      explanation: { ko: u.explanation.ko, en: u.explanation.en },
    })),
  };
}

/**
 * The results as JSON text (two-space indented, trailing newline) in the documented {@link openDataResultsSchema}
 * shape, bilingual where text appears.
 *
 * @example JSON.parse(resultsJson(outcome, framework, { demo: true })).generatedFrom.engineVersion // → '0.1.0'
 */
export function resultsJson(outcome: CycleOutcome, framework: FrameworkDefinition, options: Omit<OpenDataOptions, 'lang'>): string {
  return `${JSON.stringify(resultsObject(outcome, framework, options), null, 2)}\n`;
}
