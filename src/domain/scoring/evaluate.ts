import { z } from 'zod';
import {
  applyAdjustments,
  assignAwardsWithTies,
  canonicalJson,
  computePrizes,
  computeStreaks,
  describeStreak,
  ENGINE_VERSION,
  score,
  sha256HexOfText,
  type BoundaryTie,
  type ScoreResult,
  type TieDecision,
} from '../../engine/index.js';
import { frameworkDefinitionSchema, type FrameworkDefinition } from '../frameworks/definition.js';
import { excellentTitle, SEOUL_UNIT_WORDS } from '../reference/unit-words.js';
import { TOP_CODE, toEngineInput } from './to-engine.js';

/**
 * Everything a scoring run depends on, frozen: the framework version, each district's verified values (panel
 * scores included as their indicator's value), adjustments, last year's ranks (most-improved) and earlier years'
 * tiers (streaks). Stored as JSON with the run; `evaluateSnapshot(snapshot)` is a pure function of it.
 */
export const snapshotSchema = z.strictObject({
  year: z.number().int(),
  title: z.string(),
  demo: z.boolean(),
  frameworkVersion: z.number().int(),
  framework: z.unknown(),
  units: z.array(
    z.strictObject({
      code: z.string(),
      name: z.string(),
      values: z.record(z.string(), z.number().nullable()),
      previousRank: z.number().int().nullable(),
      /** Peer groups by grouping ('유형' → '도시형'), for award tiers given per group; absent when none. */
      groups: z.record(z.string(), z.string()).optional(),
    }),
  ),
  adjustments: z.array(z.strictObject({ uCode: z.string(), rule: z.string(), points: z.number(), reason: z.string() })),
  tierHistory: z.array(z.strictObject({ year: z.number().int(), tiers: z.record(z.string(), z.string().nullable()) })),
  /** Tiers that count for "N년 연속 우수구". */
  streakTiers: z.array(z.string()),
  /** The installation's unit words when not Seoul's ('시·군' …); absent = 구/자치구/district. */
  unitWords: z.strictObject({ nounKo: z.string(), nameKo: z.string(), nameEn: z.string(), pluralEn: z.string(), parentNounKo: z.string() }).optional(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export type UnitOutcome = {
  code: string;
  name: string;
  baseScore: number | null;
  bonus: number;
  penalty: number;
  score: number | null;
  rank: number | null;
  baseRank: number | null;
  previousRank: number | null;
  awardTier: string | null;
  awardReason: { ko: string; en: string } | null;
  prize: number;
  streak: { length: number; from: number; to: number; ko: string; en: string } | null;
  fieldScores: Record<string, number | null>;
  /** Points earned per indicator. */
  points: Record<string, number>;
  normalised: Record<string, number | null>;
  raw: Record<string, number | null>;
  explanation: { ko: string; en: string; gains: Array<{ iCode: string; difference: number }>; losses: Array<{ iCode: string; difference: number }> };
};

export type CycleOutcome = {
  year: number;
  engineVersion: string;
  /** sha256 of the canonical snapshot. */
  snapshotHash: string;
  /** The engine's own input hash (framework + values). */
  engineInputHash: string;
  units: UnitOutcome[];
  tiers: Array<{ code: string; name: { ko: string; en: string }; winners: string[]; prizeEach: number; total: number }>;
  prizeTotal: number;
  medianUnit: string | null;
  warnings: Array<{ ko: string; en: string }>;
};

export function snapshotHash(s: Snapshot): string {
  return sha256HexOfText(canonicalJson(s));
}

const roundScore = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * Scores one cycle: engine (normalise → points), bonus/penalty with caps, final ranking (ties share the best
 * rank), award tiers, prizes and streaks. Pure and deterministic: the same snapshot gives byte-identical JSON.
 */
export function evaluateSnapshot(snapshot: Snapshot, decisions: readonly TieDecision[] = []): CycleOutcome {
  return evaluateWithTies(snapshot, decisions).outcome;
}

/**
 * {@link evaluateSnapshot} with the award ties it met: every tie that gives a tier more winners than places, with
 * the decision applied to it (null = undecided, in which case every tied unit holds the tier for now).
 */
export function evaluateWithTies(snapshot: Snapshot, decisions: readonly TieDecision[] = []): { outcome: CycleOutcome; ties: BoundaryTie[] } {
  const def: FrameworkDefinition = frameworkDefinitionSchema.parse(snapshot.framework);
  const input = toEngineInput(
    def,
    snapshot.units.map((u) => ({ code: u.code, name: u.name, values: u.values })),
    { year: snapshot.year, title: snapshot.title, demo: snapshot.demo },
  );
  const engine: ScoreResult = score(input);
  const byCode = new Map(engine.units.map((u) => [u.uCode, u]));

  const adjusted = applyAdjustments(
    engine.units.map((u) => ({ uCode: u.uCode, score: u.scores[TOP_CODE] ?? null })),
    snapshot.adjustments,
    def.adjustments,
  );
  const adjByCode = new Map(adjusted.map((a) => [a.uCode, a]));
  const prevByCode = new Map(snapshot.units.map((u) => [u.code, u.previousRank]));

  const groupsByCode = new Map(snapshot.units.map((u) => [u.code, u.groups]));
  const words = snapshot.unitWords ?? SEOUL_UNIT_WORDS;
  // A framework that names no noun of its own speaks of the installation's units ('구' in Seoul, '시·군' in a province).
  const awardConfig = def.awards.unitNounKo === SEOUL_UNIT_WORDS.nounKo ? { ...def.awards, unitNounKo: words.nounKo } : def.awards;
  const { awards, ties } = assignAwardsWithTies(
    adjusted.map((a) => {
      const groups = groupsByCode.get(a.uCode);
      return {
        uCode: a.uCode,
        score: a.final === null ? null : roundScore(a.final),
        previousRank: prevByCode.get(a.uCode) ?? null,
        ...(groups ? { groups } : {}),
      };
    }),
    awardConfig,
    decisions,
  );
  const prizes = computePrizes(awards, def.prizes);
  const awardByCode = new Map(awards.units.map((u) => [u.uCode, u]));
  const history = [...snapshot.tierHistory.filter((h) => h.year < snapshot.year)];
  history.push({ year: snapshot.year, tiers: Object.fromEntries(awards.units.map((u) => [u.uCode, u.tier])) });
  const streaks = computeStreaks(history, { tiers: snapshot.streakTiers, asOf: snapshot.year });
  const streakByCode = new Map(streaks.map((s) => [s.uCode, s]));
  const streakLabel = excellentTitle(words);

  const units: UnitOutcome[] = snapshot.units.map((su) => {
    const e = byCode.get(su.code);
    const a = adjByCode.get(su.code);
    const w = awardByCode.get(su.code);
    const s = streakByCode.get(su.code);
    const current = s?.current ?? null;
    const text = current ? describeStreak(current, streakLabel) : null;
    const fieldScores: Record<string, number | null> = {};
    for (const f of def.fields) fieldScores[f.code] = e ? (e.contributions[f.code] ?? null) : null;
    return {
      code: su.code,
      name: su.name,
      baseScore: e?.scores[TOP_CODE] ?? null,
      bonus: a?.bonus ?? 0,
      penalty: a?.penalty ?? 0,
      score: a?.final ?? null,
      rank: w?.rank ?? null,
      baseRank: e?.rank ?? null,
      previousRank: su.previousRank,
      awardTier: w?.tier ?? null,
      awardReason: w?.reason ?? null,
      prize: prizes.units.find((p) => p.uCode === su.code)?.amount ?? 0,
      streak: current && text ? { length: current.length, from: current.startYear, to: current.endYear, ko: text.ko, en: text.en } : null,
      fieldScores,
      points: { ...(e?.points ?? {}) },
      normalised: { ...(e?.normalised ?? {}) },
      raw: { ...su.values },
      explanation: {
        ko: e?.explanation.ko ?? '',
        en: e?.explanation.en ?? '',
        gains: (e?.explanation.gains ?? []).map((g) => ({ iCode: g.iCode, difference: g.difference })),
        losses: (e?.explanation.losses ?? []).map((g) => ({ iCode: g.iCode, difference: g.difference })),
      },
    };
  });
  units.sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity) || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));

  const outcome: CycleOutcome = {
    year: snapshot.year,
    engineVersion: ENGINE_VERSION,
    snapshotHash: snapshotHash(snapshot),
    engineInputHash: engine.inputHash,
    units,
    tiers: awards.tiers.map((t) => {
      const prize = prizes.tiers.find((p) => p.tier === t.code);
      return { code: t.code, name: t.name, winners: [...t.winners], prizeEach: prize?.perUnit ?? 0, total: prize?.total ?? 0 };
    }),
    prizeTotal: prizes.total,
    medianUnit: engine.medianUnit,
    warnings: engine.warnings.map((w) => ({ ko: w.message.ko, en: w.message.en })),
  };
  return { outcome, ties };
}

/** The engine's warnings with their codes, for plain-language notices (the outcome keeps only the raw text). */
export function engineWarnings(snapshot: Snapshot): Array<{ code: string; unit: string | null; iCode: string | null; ko: string; en: string }> {
  const def: FrameworkDefinition = frameworkDefinitionSchema.parse(snapshot.framework);
  const input = toEngineInput(
    def,
    snapshot.units.map((u) => ({ code: u.code, name: u.name, values: u.values })),
    { year: snapshot.year, title: snapshot.title, demo: snapshot.demo },
  );
  return score(input).warnings.map((w) => ({
    code: w.code,
    unit: w.location.unit ?? null,
    iCode: w.location.iCode ?? null,
    ko: w.message.ko,
    en: w.message.en,
  }));
}
