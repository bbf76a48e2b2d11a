import type { DbOrTx } from '../../db/tx.js';
import { publicationFingerprint } from '../../db/repositories/publication-fingerprint.js';
import { publishedResults } from '../../db/repositories/scoring-runs.js';
import { notFound } from '../errors.js';
import { frameworkDefinitionSchema, type FrameworkDefinition } from '../frameworks/definition.js';
import type { CycleOutcome } from '../scoring/evaluate.js';
import { snapshotSchema } from '../scoring/evaluate.js';
import { toEngineInput } from '../scoring/to-engine.js';
import { SEOUL_UNIT_WORDS, type UnitWords } from '../reference/unit-words.js';

/**
 * What the public (no sign-in) may see: published cycles only, read from the published scoring run. Cached per
 * database handle for a few seconds (public pages take the most traffic); publishing clears the cache.
 */
export interface PublishedCycle {
  year: number;
  title: string;
  demo: boolean;
  publishedAt: Date;
  runId: number;
  /** The version number of the framework the published run was scored with. */
  frameworkVersion: number;
  outcome: CycleOutcome;
  framework: FrameworkDefinition;
  pressRelease: string | null;
  /** The run's Monte Carlo summary (rank intervals, tier probabilities), when it was computed. */
  sensitivity: {
    units: Array<{ uCode: string; medianRank: number | null; rankP5: number | null; rankP95: number | null; tierProbability: Record<string, number> | null }>;
    runs: number;
    noise: number;
  } | null;
  /** What the units were called when scored ('구'/'자치구'; '시·군'). */
  unitWords: UnitWords;
  /** Raw values per district as scored (public once published). */
  values: Array<{ code: string; name: string; values: Record<string, number | null> }>;
}

const TTL_MS = 5_000;

/** One database's cache: what it read last, and the refresh under way (shared by concurrent callers). */
interface CacheState {
  cache: { at: number; fingerprint: string; cycles: PublishedCycle[] } | null;
  refreshing: Promise<PublishedCycle[]> | null;
  /** The {@link generation} the state belongs to: an older one is stale. */
  generation: number;
}

/** Per database handle: a process that serves (or tests) several databases never answers one from another's cache. */
const states = new WeakMap<object, CacheState>();
/** Bumped by clearPublicCache: every database's cache is dropped (publishing is rare). */
let generation = 0;

function stateOf(db: DbOrTx): CacheState {
  let state = states.get(db);
  if (!state || state.generation !== generation) states.set(db, (state = { cache: null, refreshing: null, generation }));
  return state;
}

export function clearPublicCache(): void {
  generation++;
}

/**
 * The published cycles. After TTL_MS a cheap fingerprint query checks whether anything published changed (another
 * app server may have published); only then are the runs read and parsed again, so the array and its cycle objects
 * stay the same objects while nothing changed (the public routes keep their rendered JSON keyed on the array).
 * Concurrent callers share one refresh: an expired cache under load costs one query, not one per request.
 */
export async function publishedCycles(db: DbOrTx): Promise<PublishedCycle[]> {
  const state = stateOf(db);
  if (state.cache && Date.now() - state.cache.at < TTL_MS) return state.cache.cycles;
  if (!state.refreshing) {
    const started = refreshPublished(db, state).finally(() => {
      if (state.refreshing === started) state.refreshing = null;
    });
    state.refreshing = started;
  }
  return state.refreshing;
}

async function refreshPublished(db: DbOrTx, state: CacheState): Promise<PublishedCycle[]> {
  const fingerprint = await publicationFingerprint(db);
  if (state.cache && state.cache.fingerprint === fingerprint) {
    state.cache.at = Date.now();
    return state.cache.cycles;
  }
  const cycles = await loadPublished(db);
  // A clearPublicCache() meanwhile (something was just published) means these rows may predate it: not kept.
  if (state.generation === generation) state.cache = { at: Date.now(), fingerprint, cycles };
  return cycles;
}

async function loadPublished(db: DbOrTx): Promise<PublishedCycle[]> {
  const rows = await publishedResults(db);
  const cycles = rows.map((r) => {
    const snapshot = snapshotSchema.parse(r.input);
    return {
      year: r.year,
      title: r.title,
      demo: r.isDemo,
      publishedAt: r.publishedAt,
      runId: r.runId,
      frameworkVersion: snapshot.frameworkVersion,
      outcome: r.result as CycleOutcome,
      framework: frameworkDefinitionSchema.parse(snapshot.framework),
      pressRelease: r.pressRelease,
      values: snapshot.units.map((u) => ({ code: u.code, name: u.name, values: u.values })),
      unitWords: snapshot.unitWords ?? SEOUL_UNIT_WORDS,
      sensitivity: (r.sensitivity ?? null) as PublishedCycle['sensitivity'],
    };
  });
  return cycles;
}

export async function publishedCycle(db: DbOrTx, year: number): Promise<PublishedCycle> {
  const c = (await publishedCycles(db)).find((x) => x.year === year);
  if (!c) throw notFound({ ko: `${year}년 공개 결과`, en: `Published results for ${year}` });
  return c;
}

export function resultsView(c: PublishedCycle) {
  const fieldPoints = new Map<string, number>();
  for (const i of c.framework.indicators) fieldPoints.set(i.field, (fieldPoints.get(i.field) ?? 0) + i.points);
  return {
    year: c.year,
    title: c.title,
    demo: c.demo,
    illustrative: c.framework.illustrative,
    publishedAt: c.publishedAt,
    topCode: 'TOTAL',
    unitWords: c.unitWords,
    fields: c.framework.fields.map((f) => ({ code: f.code, name: f.name, points: fieldPoints.get(f.code) ?? 0 })),
    tiers: c.outcome.tiers.map((t) => ({ code: t.code, name: t.name, winners: t.winners.length, prizeEach: t.prizeEach, total: t.total })),
    prizeTotal: c.outcome.prizeTotal,
    units: c.outcome.units.map((u) => ({
      code: u.code,
      name: u.name,
      score: u.score,
      rank: u.rank,
      awardTier: u.awardTier,
      fieldScores: u.fieldScores,
      bonus: u.bonus,
      penalty: u.penalty,
      prize: u.prize,
      previousRank: u.previousRank,
      streak: u.streak && u.streak.length >= 2 ? u.streak.length : null,
      streakText: u.streak && u.streak.length >= 2 ? { ko: u.streak.ko, en: u.streak.en } : null,
    })),
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const sentences = (text: string) => text.split(/(?<=[.])\s+/).filter((s) => s.trim().length > 0);

export async function scorecardView(db: DbOrTx, year: number, code: string) {
  const all = await publishedCycles(db);
  const c = all.find((x) => x.year === year);
  if (!c) throw notFound({ ko: `${year}년 공개 결과`, en: `Published results for ${year}` });
  const u = c.outcome.units.find((x) => x.code === code);
  if (!u) throw notFound({ ko: `${c.unitWords.nameKo} ${code}`, en: `${c.unitWords.nameEn} ${code}` });
  const indicators = c.framework.indicators.map((i) => ({
    code: i.code,
    name: i.name,
    field: i.field,
    kind: i.kind,
    points: i.points,
    earned: u.points[i.code] ?? null,
    rawValue: u.raw[i.code] ?? null,
    unit: i.unit || null,
    normalised: u.normalised[i.code] ?? null,
    median: median(c.outcome.units.map((x) => x.normalised[i.code]).filter((v): v is number => typeof v === 'number')),
  }));
  const trend = [...all]
    .sort((a, b) => a.year - b.year)
    .map((cy) => {
      const x = cy.outcome.units.find((y) => y.code === code);
      return x ? { year: cy.year, score: x.score, rank: x.rank, awardTier: x.awardTier } : null;
    })
    .filter((x): x is NonNullable<typeof x> => x !== null);
  return {
    year,
    title: c.title,
    demo: c.demo,
    unitWords: c.unitWords,
    district: { code: u.code, name: u.name },
    score: u.score,
    baseScore: u.baseScore,
    rank: u.rank,
    previousRank: u.previousRank,
    awardTier: u.awardTier,
    awardTierName: c.outcome.tiers.find((t) => t.code === u.awardTier)?.name ?? null,
    awardReason: u.awardReason,
    prize: u.prize,
    streak: u.streak && u.streak.length >= 2 ? { ko: u.streak.ko, en: u.streak.en, length: u.streak.length } : null,
    bonus: u.bonus,
    penalty: u.penalty,
    fields: c.framework.fields.map((f) => ({ code: f.code, name: f.name, score: u.fieldScores[f.code] ?? null })),
    indicators,
    explanation: { ko: sentences(u.explanation.ko), en: sentences(u.explanation.en) },
    trend,
    reproducibility: { runId: c.runId, snapshotHash: c.outcome.snapshotHash, engineVersion: c.outcome.engineVersion },
    robustness: robustnessOf(c, code),
  };
}

/** The district's rank interval under ±noise weight changes, and how likely each award tier was. */
function robustnessOf(c: PublishedCycle, code: string) {
  const u = c.sensitivity?.units.find((x) => x.uCode === code);
  if (!c.sensitivity || !u) return null;
  return {
    runs: c.sensitivity.runs,
    noise: c.sensitivity.noise,
    medianRank: u.medianRank,
    rankP5: u.rankP5,
    rankP95: u.rankP95,
    tierProbability: u.tierProbability,
  };
}

/** The published run's engine input (iMeta, iData, options): anyone can re-score it with `hopejobs/engine`. */
export function publishedEngineInput(c: PublishedCycle) {
  const input = toEngineInput(c.framework, c.values, { year: c.year, title: c.title, demo: c.demo });
  return {
    year: c.year,
    snapshotHash: c.outcome.snapshotHash,
    engineVersion: c.outcome.engineVersion,
    iMeta: input.iMeta as Array<Record<string, unknown>>,
    iData: input.iData as Array<Record<string, string | number | null>>,
    options: (input.options ?? {}) as Record<string, unknown>,
  };
}
