import type { DbOrTx } from '../../db/tx.js';
import { findPublication, latestRunOfKind, updatePressRelease } from '../../db/repositories/scoring-runs.js';
import { findPressReleaseVersion } from '../../db/repositories/press-release-versions.js';
import { appendPressReleaseVersion } from './workspace.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireRole } from '../authz.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import { defaultDataPeriod } from '../cycles.js';
import { DomainError, notFound } from '../errors.js';
import { frameworkDefinitionSchema } from '../frameworks/definition.js';
import { activityHighlights } from './press-highlights.js';
import { inThreadRenderer, type FileRenderer } from '../file-rendering/index.js';
import { resultsCsv, resultsJson } from './open-data.js';
import { dictionaryCsv, longCsv, type LongYear } from './open-data-long.js';
import { pressReleaseDraft } from './press-release.js';
import { kstCalendarDate } from './korean-text.js';
import { administrationShortName, unitWords } from '../reference/unit-words.js';
import { clearPublicCache, publishedCycle, type PublishedCycle } from './published-results.js';
import type { CycleOutcome } from '../scoring/evaluate.js';
import { snapshotSchema } from '../scoring/evaluate.js';
import type { Db } from '../../db/client.js';

export type OpenDataFormat = 'csv' | 'json' | 'xlsx';
export type LongDataFormat = 'csv' | 'xlsx' | 'dictionary.csv';
/** The text encoding of a CSV download: UTF-8 with a byte-order mark (default), or CP949 for older Excel. */
export type CsvEncoding = 'utf-8' | 'cp949';

/** Typographic characters CP949 has no code for, written as their plain look-alikes in a CP949 file. */
const CP949_FALLBACK: Record<string, string> = { '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u2018': "'", '\u2019': "'", '\u201C': '"', '\u201D': '"' };

/**
 * CSV text as bytes: UTF-8 as written (with its byte-order mark), or CP949 without one (what older Excel reads),
 * the few typographic characters CP949 lacks (en dash, curly quotes, minus sign) written as plain ones.
 */
async function csvBytes(text: string, encoding: CsvEncoding): Promise<{ body: Buffer; type: string }> {
  if (encoding === 'utf-8') return { body: Buffer.from(text), type: 'text/csv; charset=utf-8' };
  const { default: iconv } = await import('iconv-lite');
  const plain = text.replace(/^\uFEFF/, '').replace(/[\u2013\u2014\u2212\u2018\u2019\u201C\u201D]/g, (ch) => CP949_FALLBACK[ch] ?? ch);
  return { body: iconv.encode(plain, 'cp949'), type: 'text/csv; charset=cp949' };
}

/** A file anonymous visitors download, as bytes with its media type and download name. */
export interface PublicFile {
  body: Buffer;
  type: string;
  name: string;
}

function cycleOf(cycles: PublishedCycle[], year: number): PublishedCycle {
  const c = cycles.find((x) => x.year === year);
  if (!c) throw notFound({ ko: `${year}년 공개 결과`, en: `Published results for ${year}` });
  return c;
}

/**
 * Open data of a published cycle in one format, from the given publication state (the public routes pass the
 * state they store the file under, so its bytes always belong to that state). The workbook is built by `renderer`
 * (worker threads in the server); CSV and JSON are small text and built here.
 */
export async function openDataFile(
  cycles: PublishedCycle[],
  year: number,
  format: OpenDataFormat,
  lang: 'ko' | 'en',
  renderer: FileRenderer = inThreadRenderer,
  encoding: CsvEncoding = 'utf-8',
): Promise<PublicFile> {
  const c = cycleOf(cycles, year);
  const opts = { demo: c.demo, lang, unitWords: c.unitWords };
  const base = `hopejobs-${year}-results`;
  switch (format) {
    case 'csv':
      return { ...(await csvBytes(resultsCsv(c.outcome, c.framework, opts), encoding)), name: `${base}${encoding === 'cp949' ? '-cp949' : ''}.csv` };
    case 'json':
      return { body: Buffer.from(resultsJson(c.outcome, c.framework, { demo: c.demo })), type: 'application/json; charset=utf-8', name: `${base}.json` };
    case 'xlsx':
      return {
        body: await renderer.render({ kind: 'results-xlsx', outcome: c.outcome, framework: c.framework, options: opts }),
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        name: `${base}.xlsx`,
      };
  }
}

/** Every published year as the long file reads it. */
export function longYears(cycles: PublishedCycle[]): LongYear[] {
  return cycles.map((c) => ({
    year: c.year,
    frameworkVersion: c.frameworkVersion,
    demo: c.demo,
    outcome: c.outcome,
    framework: c.framework,
    unitWords: c.unitWords,
  }));
}

/**
 * Open data across every published year of the given publication state: the long table (year × unit × indicator)
 * as CSV or xlsx (with the crosswalk and the dictionary as sheets), or the data dictionary as CSV.
 */
export async function longOpenDataFile(
  cycles: PublishedCycle[],
  format: LongDataFormat,
  lang: 'ko' | 'en',
  renderer: FileRenderer = inThreadRenderer,
  encoding: CsvEncoding = 'utf-8',
): Promise<PublicFile> {
  if (cycles.length === 0) throw notFound({ ko: '공개 결과', en: 'Published results' });
  const years = longYears(cycles);
  const suffix = encoding === 'cp949' ? '-cp949' : '';
  switch (format) {
    case 'csv':
      return { ...(await csvBytes(longCsv(years, lang), encoding)), name: `hopejobs-indicators-long${suffix}.csv` };
    case 'dictionary.csv':
      return { ...(await csvBytes(dictionaryCsv(years, lang), encoding)), name: `hopejobs-data-dictionary${suffix}.csv` };
    case 'xlsx':
      return {
        body: await renderer.render({ kind: 'long-xlsx', years, lang }),
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        name: 'hopejobs-indicators-long.xlsx',
      };
  }
}

/** A district's scorecard PDF of a published cycle, with its trend over every published year; built by `renderer`. */
export async function scorecardPdfFile(
  cycles: PublishedCycle[],
  year: number,
  code: string,
  lang: 'ko' | 'en',
  renderer: FileRenderer = inThreadRenderer,
): Promise<PublicFile> {
  const c = cycleOf(cycles, year);
  if (!c.outcome.units.some((u) => u.code === code))
    throw notFound({ ko: `${c.unitWords.nameKo} ${code}`, en: `${c.unitWords.nameEn.charAt(0).toUpperCase()}${c.unitWords.nameEn.slice(1)} ${code}` });
  const trend = cycles
    .map((cy) => {
      const u = cy.outcome.units.find((x) => x.code === code);
      return u ? { year: cy.year, score: u.score, rank: u.rank, awardTier: u.awardTier } : null;
    })
    .filter((x): x is NonNullable<typeof x> => x !== null);
  const body = await renderer.render({
    kind: 'scorecard-pdf',
    outcome: c.outcome,
    framework: c.framework,
    code,
    options: { lang, demo: c.demo, trend, unitNameEn: c.unitWords.nameEn },
  });
  return { body, type: 'application/pdf', name: `hopejobs-${year}-${code}-scorecard.pdf` };
}

/** The districts a press release talks about: the first four winners, then those with a streak of 3 years or more. */
function headlineDistricts(outcome: CycleOutcome): string[] {
  const winners = outcome.units.filter((u) => u.awardTier !== null);
  const streaks = winners.filter((u) => (u.streak?.length ?? 0) >= 3).sort((a, b) => (b.streak?.length ?? 0) - (a.streak?.length ?? 0));
  return [...new Set([...winners.slice(0, 4), ...streaks].map((u) => u.code))].slice(0, 6);
}

/**
 * The outcome a cycle's documents speak of: the published run's, else the latest final run's.
 *
 * @throws {DomainError} `no_final_run` (409) when the cycle has neither.
 */
export async function finalOutcome(db: DbOrTx, year: number) {
  const cycle = await cycleOrThrow(db, year);
  const pub = await findPublication(db, cycle.id);
  if (pub) {
    const c = await publishedCycle(db, year);
    return { cycle, outcome: c.outcome, framework: c.framework, runId: pub.runId };
  }
  const run = await latestRunOfKind(db, cycle.id, 'final');
  if (!run) throw new DomainError('conflict', 'no_final_run', { ko: '최종 점수 산정이 없습니다.', en: 'No final scoring run yet.' });
  return {
    cycle,
    outcome: run.result as CycleOutcome,
    framework: frameworkDefinitionSchema.parse(snapshotSchema.parse(run.input).framework),
    runId: run.id,
  };
}

/**
 * The press-release draft of a cycle's final (or published) run, generated from results and activity records, dated
 * `date` (`YYYY-MM-DD`; default today in Seoul — never the server's UTC date, which is still yesterday before 09:00).
 */
export async function generatePressRelease(db: DbOrTx, year: number, date = kstCalendarDate(new Date())): Promise<string> {
  const { cycle, outcome, framework } = await finalOutcome(db, year);
  const period = defaultDataPeriod(year);
  return pressReleaseDraft(outcome, framework, {
    cityName: await administrationShortName(db),
    unitWords: await unitWords(db),
    date,
    demo: cycle.isDemo,
    highlights: await activityHighlights(db, year, headlineDistricts(outcome)),
    period: { from: cycle.dataPeriodStart ?? period.start, to: cycle.dataPeriodEnd ?? period.end },
  });
}

/**
 * The press release as the city last saved it — the newest version of the publication workspace, else the text
 * stored with the publication — or a fresh draft dated today in Seoul (`now` is the clock) when none is saved.
 */
export async function pressRelease(db: DbOrTx, principal: Principal | null, year: number, now: Date = new Date()) {
  requireRole(principal, 'city_admin', 'auditor');
  const cycle = await cycleOrThrow(db, year);
  const pub = await findPublication(db, cycle.id);
  const saved = await findPressReleaseVersion(db, cycle.id, null);
  if (saved) return { text: saved.body, edited: true, version: pub?.version ?? 0 };
  if (pub?.pressRelease) return { text: pub.pressRelease, edited: true, version: pub.version };
  return { text: await generatePressRelease(db, year, kstCalendarDate(now)), edited: false, version: pub?.version ?? 0 };
}

/**
 * Saves the press release stored with the publication (optimistic on the publication's version), and the same text
 * as a new version of the publication workspace, so both show the newest edit.
 */
export async function savePressRelease(db: Db, principal: Principal | null, year: number, text: string, version: number) {
  requireRole(principal, 'city_admin');
  await db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    const pub = await findPublication(tx, cycle.id);
    if (!pub)
      throw new DomainError('conflict', 'not_published', {
        ko: '공표된 뒤에 보도자료를 저장할 수 있습니다.',
        en: 'Publish the results before saving the press release.',
      });
    if (!(await updatePressRelease(tx, cycle.id, text, version))) {
      throw new DomainError('conflict', 'stale_version', { ko: '다른 사용자가 먼저 저장했습니다.', en: 'Someone else saved first.' }, [], {
        current: { version: pub.version },
      });
    }
    await appendAudit(tx, actorOf(principal), { action: 'press_release.saved', entityType: 'publication', entityId: year, after: { length: text.length } });
    await appendPressReleaseVersion(tx, principal, cycle, text, null, null);
  });
  clearPublicCache();
}
