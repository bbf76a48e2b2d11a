/**
 * Award tiers (시상 등급: 최우수구, 우수구, 장려구, 노력구 …) assigned from rules held as data in the yearly
 * framework: top N by rank, top share, score cut-off, most improved rank, optionally within a peer group.
 */
import { z } from 'zod';
import { fieldIssue, parseConfig, safely, throwIfErrors, type EngineIssue, type SafeResult } from './engine-error.js';
import { checkUnitScores, competitionRank, DEFAULT_RANK_DECIMALS, rankKey, rankUnits, withinTop, type Ranked } from './rank.js';
import { BilingualSchema, formatPercent, formatScore, type Bilingual } from './award-text.js';
import { josaPick } from './korean.js';

/**
 * What happens to a tie group straddling the boundary of a top-N selection: `include` (default; what a city
 * expects: "공동 4위도 상위 4개 구") takes all tied units, so there may be more than N winners; `exclude` takes
 * none of them, so there may be fewer than N. Only `include` guarantees that a higher score never costs a unit its
 * tier: with `exclude`, rising into a tie across the boundary (e.g. from rank 2 to a tie for rank 1 with n = 1)
 * leaves the unit, and the unit it tied with, without that tier.
 */
export const TiesPolicySchema = z.enum(['include', 'exclude']);
export type TiesPolicy = z.infer<typeof TiesPolicySchema>;

/**
 * The rule of a tier, evaluated on the tier's candidate pool (see {@link AwardTierSchema}):
 * - `topN`: the `n` best-ranked candidates (rank within the pool ≤ n, ties per `ties`);
 * - `topShare`: like `topN` with n = `rounding`(share × pool size); `floor` (default) keeps the winners strictly
 *   within the share ("상위 30% 이내": 30% of 25 = 7.5 → 7), `ceil` gives 8, `round` half up; a 1e-9
 *   tolerance keeps float noise such as 0.7 × 10 = 7.000000000000001 from changing the count;
 * - `cutoff`: score ≥ `minScore` (both rounded to the configured decimals);
 * - `mostImproved`: biggest rank gain = previous year's rank − this year's overall rank; only gains ≥ `minGain`
 *   (default 1) count; units without a previous rank are not candidates; equal gains are broken by the better
 *   current rank when `tieBreak` is `currentRank` (default), then remaining ties follow `ties`.
 */
export const AwardRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('topN'),
    n: z.number().int().nonnegative(),
    ties: TiesPolicySchema.default('include'),
  }),
  z.strictObject({
    kind: z.literal('topShare'),
    share: z.number().gt(0).lte(1),
    rounding: z.enum(['floor', 'ceil', 'round']).default('floor'),
    ties: TiesPolicySchema.default('include'),
  }),
  z.strictObject({
    kind: z.literal('cutoff'),
    minScore: z.number(),
  }),
  z.strictObject({
    kind: z.literal('mostImproved'),
    n: z.number().int().nonnegative(),
    minGain: z.number().int().positive().default(1),
    tieBreak: z.enum(['currentRank', 'none']).default('currentRank'),
    ties: TiesPolicySchema.default('include'),
  }),
]);
export type AwardRule = z.infer<typeof AwardRuleSchema>;

/**
 * One award tier. Tiers are evaluated in the order listed (best first). A unit holds at most one non-stackable
 * tier: the first it wins. Candidate pool of a tier = units eligible for awards, with a score ≥ the tier's
 * `minScore` if set, and — with `among: 'unawarded'` (default) — not already holding a non-stackable tier, so
 * "최우수구 4, 우수구 4" means ranks 1–4 and 5–8 and a most-improved tier goes to units not already awarded.
 * With `among: 'all'` the rule sees every eligible unit (cumulative rules: top 10% → 최우수, top 30% → 우수 for
 * the next 20%); a selected unit that already holds a non-stackable tier keeps it. A `stackable` tier is given
 * in addition to any other tier and does not take its winners out of later pools; its `among` defaults to `all`
 * (a non-stackable tier's to `unawarded`). With `group` (a grouping
 * column of the units) the rule is applied separately within each peer group; units without a value in that
 * column are not candidates.
 */
export const AwardTierSchema = z.strictObject({
  code: z.string().min(1),
  name: BilingualSchema,
  rule: AwardRuleSchema,
  group: z.string().min(1).optional(),
  among: z.enum(['unawarded', 'all']).optional(),
  stackable: z.boolean().default(false),
  minScore: z.number().optional(),
});
export type AwardTier = z.infer<typeof AwardTierSchema>;

/** Who may receive any award: units not `excluded` with a score ≥ `minScore` (if set). */
export const AwardEligibilitySchema = z.strictObject({
  excluded: z.array(z.string().min(1)).default([]),
  minScore: z.number().optional(),
});

/**
 * Award settings of a framework. `decimals`: scores are compared after rounding to this many decimals (default
 * 9). `unitNounKo`: the Korean noun for a unit in the reasons ("구"; "시·군" for other evaluations).
 */
export const AwardConfigSchema = z.strictObject({
  tiers: z.array(AwardTierSchema),
  eligibility: AwardEligibilitySchema.default({ excluded: [] }),
  decimals: z.number().int().min(0).max(15).default(DEFAULT_RANK_DECIMALS),
  unitNounKo: z.string().min(1).default('구'),
});
export type AwardConfig = z.infer<typeof AwardConfigSchema>;
export type AwardConfigInput = z.input<typeof AwardConfigSchema>;

/**
 * A unit entering the award step: its final score (`null` = none), last year's published rank for the
 * most-improved rule, and its peer-group values by grouping column.
 */
export const AwardUnitSchema = z.strictObject({
  uCode: z.string().min(1),
  score: z.number().nullable(),
  previousRank: z.number().int().positive().nullable().optional(),
  groups: z.record(z.string(), z.string().nullable()).optional(),
});
export type AwardUnit = z.infer<typeof AwardUnitSchema>;

/** A tier won by a unit, with the reason. */
export interface AwardWin {
  readonly tier: string;
  readonly name: Bilingual;
  readonly stackable: boolean;
  readonly reason: Bilingual;
  /** The peer group the unit won in, for a grouped tier. */
  readonly group?: string;
}

/** The award outcome of one unit. */
export interface UnitAward {
  readonly uCode: string;
  readonly score: number | null;
  /** Overall rank among all units with a score (eligible or not); `null` without a score. */
  readonly rank: number | null;
  readonly previousRank: number | null;
  /** previousRank − rank (positive = moved up); `null` when either is missing. */
  readonly rankGain: number | null;
  /** Eligible for awards at all (has a score, not excluded, ≥ the minimum score). */
  readonly eligible: boolean;
  /** The first non-stackable tier won, or `null`. */
  readonly tier: string | null;
  /** Every tier won (non-stackable and stackable), in tier order. */
  readonly tiers: readonly string[];
  readonly wins: readonly AwardWin[];
  /** Why the unit has `tier` (or, with only stackable wins, the first of them), or why it has none. */
  readonly reason: Bilingual;
}

/** Winners of one tier, by overall rank then uCode. */
export interface TierSummary {
  readonly code: string;
  readonly name: Bilingual;
  readonly stackable: boolean;
  readonly winners: readonly string[];
}

export interface AwardResult {
  /** Every unit, by overall rank then uCode; units without a score last. */
  readonly units: readonly UnitAward[];
  /** Every configured tier, in tier order. */
  readonly tiers: readonly TierSummary[];
}

/**
 * A tie at the boundary of a top-N / top-share / most-improved tier that, under `ties: 'include'`, gives the tier
 * more winners than it has places: `tied` units share rank `rank` in the tier's pool, and only `placesLeft`
 * (= places − rank + 1) places remain for them.
 */
export interface BoundaryTie {
  readonly tier: string;
  readonly name: Bilingual;
  readonly group?: string;
  readonly places: number;
  readonly rank: number;
  readonly placesLeft: number;
  /** The tied units, by uCode. */
  readonly tied: readonly string[];
  /** The decision that settled it, when one was given (see {@link TieDecision}). */
  readonly decision: TieDecision | null;
}

/**
 * A person's decision on one {@link BoundaryTie} (matched by tier, group and the exact set of tied units):
 * `award_all` gives every tied unit the tier (the `include` policy), `leave_empty` gives none of them the tier
 * (the `exclude` policy: the places stay empty), `order` gives the remaining places to the first tied units in
 * the given order (a tie-break rule applied outside the engine, e.g. the higher score before adjustments).
 */
export type TieDecision =
  | { readonly tier: string; readonly group?: string; readonly tied: readonly string[]; readonly kind: 'award_all' | 'leave_empty' }
  | { readonly tier: string; readonly group?: string; readonly tied: readonly string[]; readonly kind: 'order'; readonly order: readonly string[] };

const FN = 'assignAwards';
const SHARE_TOLERANCE = 1e-9;

interface Candidate {
  readonly uCode: string;
  readonly score: number;
  readonly key: number;
  readonly rank: number;
  readonly previousRank: number | null;
}

/** A unit picked by a rule in a pool. */
interface Pick {
  readonly uCode: string;
  readonly reason: Bilingual;
}

/** A unit left out by a tie-exclusion in a pool (explained when it ends with no tier). */
type NearMiss = Pick;

/**
 * Assigns award tiers to units from rules held as data.
 *
 * Steps: (1) overall competition rank of all units with a score (ties after rounding to `decimals` share the
 * best rank: 1, 2, 2, 4); (2) eligibility; (3) for each tier in order, its candidate pool (see
 * {@link AwardTierSchema}), split by peer group when `group` is set, and its rule (see {@link AwardRuleSchema})
 * applied to each pool; (4) per unit the first non-stackable tier won plus any stackable tiers, each with a
 * reason in Korean and English, e.g. "순위 3위로 상위 4개 구에 해당" / "Rank 3, within the top 4".
 *
 * Ties: at a top-N / top-share boundary per the rule's `ties` (default `include`: every tied unit wins).
 * The result does not depend on the order of `units` (everything is ordered by rank, then uCode). With only
 * topN / topShare (ties `include`) / cutoff rules, raising one unit's score never gives it a worse tier.
 * Complexity O(tiers × n log n).
 *
 * @throws {EngineInputError} with every problem: `config.invalid`, `config.duplicate_code` (tier codes),
 *   `input.duplicate_unit`, `input.not_finite` (NaN/∞ score; use null), `input.invalid_rank` (previousRank not a
 *   positive integer), `award.unknown_unit` (an excluded uCode that is not among the units).
 * @example
 * assignAwards(
 *   [{ uCode: 'a', score: 91 }, { uCode: 'b', score: 88 }, { uCode: 'c', score: 88 }, { uCode: 'd', score: 70 }],
 *   { tiers: [{ code: 'excellent', name: { ko: '우수구', en: 'Excellent district' }, rule: { kind: 'topN', n: 2 } }] },
 * ).tiers[0].winners
 * // → ['a', 'b', 'c']  (b and c tie for rank 2: both included)
 */
export function assignAwards(units: readonly AwardUnit[], config: AwardConfigInput): AwardResult {
  const parsed = parseConfig(AwardConfigSchema, config, 'config');
  const issues: EngineIssue[] = [...parsed.issues, ...checkUnitScores(units, 'units')];
  units.forEach((u, i) => {
    const p = u.previousRank;
    if (p !== undefined && p !== null && !(Number.isInteger(p) && p >= 1)) {
      issues.push(
        fieldIssue(
          'input.invalid_rank',
          ['units', i, 'previousRank'],
          `"${u.uCode}"의 전년도 순위가 1 이상의 정수가 아닙니다 (${String(p)})`,
          `previous rank of "${u.uCode}" is not a positive integer (${String(p)})`,
        ),
      );
    }
  });
  const cfg = parsed.data;
  if (cfg !== undefined) {
    const codes = new Set<string>();
    cfg.tiers.forEach((t, i) => {
      if (codes.has(t.code)) {
        issues.push(
          fieldIssue(
            'config.duplicate_code',
            ['config', 'tiers', i, 'code'],
            `시상 등급 코드 "${t.code}"${josaPick(t.code, '이/가')} 중복됩니다`,
            `award tier code "${t.code}" is repeated`,
          ),
        );
      }
      codes.add(t.code);
    });
    const known = new Set(units.map((u) => u.uCode));
    cfg.eligibility.excluded.forEach((c, i) => {
      if (!known.has(c)) {
        issues.push(
          fieldIssue(
            'award.unknown_unit',
            ['config', 'eligibility', 'excluded', i],
            `수상 제외 대상 "${c}"${josaPick(c, '이/가')} 단위 목록에 없습니다`,
            `excluded unit "${c}" is not among the units`,
          ),
        );
      }
    });
  }
  throwIfErrors(FN, issues);
  if (cfg === undefined) throw new Error('unreachable: config issues were reported');
  return assign(units, cfg, [], []);
}

/**
 * {@link assignAwards} that also reports every {@link BoundaryTie} (ties that give a tier more winners than it has
 * places) and applies the given decisions on them. Without decisions the awards equal {@link assignAwards}'s.
 */
export function assignAwardsWithTies(
  units: readonly AwardUnit[],
  config: AwardConfigInput,
  decisions: readonly TieDecision[] = [],
): { awards: AwardResult; ties: BoundaryTie[] } {
  assignAwards(units, config); // validates, throwing every problem
  const cfg = AwardConfigSchema.parse(config);
  const ties: BoundaryTie[] = [];
  return { awards: assign(units, cfg, decisions, ties), ties };
}

/** {@link assignAwards} without throwing. */
export function safeAssignAwards(units: readonly AwardUnit[], config: AwardConfigInput): SafeResult<AwardResult> {
  return safely(() => assignAwards(units, config));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((v, i) => v === y[i]);
}

function assign(units: readonly AwardUnit[], cfg: AwardConfig, decisions: readonly TieDecision[], ties: BoundaryTie[]): AwardResult {
  const d = cfg.decimals;
  const noun = cfg.unitNounKo;
  const ranked = rankUnits(units, { decimals: d });
  const excluded = new Set(cfg.eligibility.excluded);
  const minKey = cfg.eligibility.minScore === undefined ? null : rankKey(cfg.eligibility.minScore, d);
  const byCode = new Map(ranked.map((u) => [u.uCode, u]));

  const eligible: Candidate[] = [];
  for (const u of ranked) {
    if (u.score === null || u.rank === null || excluded.has(u.uCode)) continue;
    const key = rankKey(u.score, d);
    if (minKey !== null && key < minKey) continue;
    eligible.push({ uCode: u.uCode, score: u.score, key, rank: u.rank, previousRank: u.previousRank ?? null });
  }

  const primary = new Map<string, string>();
  const wins = new Map<string, AwardWin[]>();
  const nearMiss = new Map<string, Bilingual>();
  const summaries: TierSummary[] = [];
  const order = new Map(ranked.map((u, i) => [u.uCode, i]));

  for (const tier of cfg.tiers) {
    const tierMin = tier.minScore === undefined ? null : rankKey(tier.minScore, d);
    const among = tier.among ?? (tier.stackable ? 'all' : 'unawarded');
    const candidates = eligible.filter((c) => (tierMin === null || c.key >= tierMin) && (among === 'all' || !primary.has(c.uCode)));
    const pools = splitByGroup(candidates, tier.group, byCode);
    const winners: string[] = [];
    for (const [group, pool] of pools) {
      const scope = group === undefined ? null : { value: group, ranks: groupRanks(ranked, tier.group ?? '', group, d) };
      const settle: TieSettler = (b) => {
        const tied = b.tied;
        const decision = decisions.find((x) => x.tier === tier.code && (x.group ?? undefined) === group && sameSet(x.tied, tied)) ?? null;
        ties.push({
          tier: tier.code,
          name: tier.name,
          ...(group === undefined ? {} : { group }),
          places: b.places,
          rank: b.rank,
          placesLeft: b.places - b.rank + 1,
          tied: [...tied].sort(),
          decision,
        });
        return decision;
      };
      const { picks, misses } = applyRule(tier.name, tier.rule, pool, scope, noun, d, settle);
      for (const m of misses) if (!nearMiss.has(m.uCode)) nearMiss.set(m.uCode, m.reason);
      for (const p of picks) {
        if (!tier.stackable) {
          if (primary.has(p.uCode)) continue;
          primary.set(p.uCode, tier.code);
        }
        const win: AwardWin = { tier: tier.code, name: tier.name, stackable: tier.stackable, reason: p.reason, ...(group === undefined ? {} : { group }) };
        wins.set(p.uCode, [...(wins.get(p.uCode) ?? []), win]);
        winners.push(p.uCode);
      }
    }
    winners.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    summaries.push({ code: tier.code, name: tier.name, stackable: tier.stackable, winners });
  }

  const eligibleSet = new Set(eligible.map((c) => c.uCode));
  const unitsOut: UnitAward[] = ranked.map((u) => {
    const uWins = wins.get(u.uCode) ?? [];
    const tier = primary.get(u.uCode) ?? null;
    const main = uWins.find((w) => w.tier === tier && !w.stackable) ?? uWins[0];
    const previousRank = u.previousRank ?? null;
    return {
      uCode: u.uCode,
      score: u.score,
      rank: u.rank,
      previousRank,
      rankGain: previousRank === null || u.rank === null ? null : previousRank - u.rank,
      eligible: eligibleSet.has(u.uCode),
      tier,
      tiers: uWins.map((w) => w.tier),
      wins: uWins,
      reason: main?.reason ?? nearMiss.get(u.uCode) ?? noAwardReason(u, excluded, cfg),
    };
  });
  return { units: unitsOut, tiers: summaries };
}

function noAwardReason(u: { uCode: string; score: number | null; rank: number | null }, excluded: ReadonlySet<string>, cfg: AwardConfig): Bilingual {
  if (u.score === null || u.rank === null) return { ko: '점수가 없어 수상 대상이 아님', en: 'No score, not eligible for awards' };
  if (excluded.has(u.uCode)) return { ko: '수상 대상에서 제외됨', en: 'Excluded from awards' };
  const min = cfg.eligibility.minScore;
  if (min !== undefined && rankKey(u.score, cfg.decimals) < rankKey(min, cfg.decimals)) {
    return {
      ko: `점수 ${formatScore(u.score)}점으로 수상 최저 점수 ${formatScore(min)}점 미만`,
      en: `Score ${formatScore(u.score)}, below the minimum of ${formatScore(min)} for awards`,
    };
  }
  return { ko: `순위 ${u.rank}위로 수상 기준에 해당하지 않음`, en: `Rank ${u.rank}, no award criterion met` };
}

/** Candidate pools: one (key `undefined`) without a group column, else one per group value, in code order. */
function splitByGroup(
  candidates: readonly Candidate[],
  column: string | undefined,
  units: ReadonlyMap<string, AwardUnit>,
): Array<[string | undefined, Candidate[]]> {
  if (column === undefined) return [[undefined, [...candidates]]];
  const pools = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const g = units.get(c.uCode)?.groups?.[column];
    if (g === undefined || g === null) continue;
    pools.set(g, [...(pools.get(g) ?? []), c]);
  }
  return [...pools.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Ranks of all scored units of one peer group (for the reasons). */
function groupRanks(ranked: ReadonlyArray<AwardUnit & { rank: number | null }>, column: string, value: string, d: number): Map<string, number> {
  const members = ranked.filter((u) => u.groups?.[column] === value);
  const out = new Map<string, number>();
  for (const u of rankUnits(members, { decimals: d })) if (u.rank !== null) out.set(u.uCode, u.rank);
  return out;
}

interface GroupScope {
  readonly value: string;
  /** Rank of each scored member among all scored members of the group. */
  readonly ranks: ReadonlyMap<string, number>;
}

/** Called once per boundary tie of a tier with `ties: 'include'`; returns the decision on it, if any. */
type TieSettler = (b: { places: number; rank: number; tied: readonly string[] }) => TieDecision | null;

function applyRule(
  tierName: Bilingual,
  rule: AwardRule,
  pool: readonly Candidate[],
  scope: GroupScope | null,
  noun: string,
  d: number,
  settle: TieSettler,
): { picks: Pick[]; misses: NearMiss[] } {
  switch (rule.kind) {
    case 'topN':
    case 'topShare': {
      const n = rule.kind === 'topN' ? rule.n : shareCount(rule.share, pool.length, rule.rounding);
      const ranked = competitionRank(pool, (c) => c.key);
      const limit =
        rule.kind === 'topN'
          ? { ko: `상위 ${n}개 ${noun}에 해당`, en: `within the top ${n}` }
          : {
              ko: `상위 ${formatPercent(rule.share)}%(${n}개 ${noun}) 이내에 해당`,
              en: `within the top ${formatPercent(rule.share)}% (${n} unit${n === 1 ? '' : 's'})`,
            };
      return selectTop(
        ranked,
        n,
        rule.ties,
        settle,
        (r) => {
          const where = rankPhrase(r, scope, noun);
          return { ko: `${where.ko}${josaPick(where.ko, '으로/로')} ${limit.ko}${where.koSuffix}`, en: `${where.en}, ${limit.en}${where.enSuffix}` };
        },
        (r) => {
          const where = rankPhrase(r, scope, noun);
          return tieMiss(tierName, where, r.tied, n, noun, where);
        },
        (r, kind) => decidedTieMiss(tierName, r.rank, r.tied, n - r.rank + 1, noun, kind),
      );
    }
    case 'cutoff': {
      const cut = rankKey(rule.minScore, d);
      const picks = [...pool]
        .filter((c) => c.key >= cut)
        .map((c) => ({
          uCode: c.uCode,
          reason: {
            ko: `점수 ${formatScore(c.score)}점으로 기준 ${formatScore(rule.minScore)}점 이상`,
            en: `Score ${formatScore(c.score)}, at or above the cut-off of ${formatScore(rule.minScore)}`,
          },
        }));
      return { picks, misses: [] };
    }
    case 'mostImproved': {
      const improved = pool
        .filter((c) => c.previousRank !== null && c.previousRank - c.rank >= rule.minGain)
        .map((c) => ({ ...c, gain: (c.previousRank ?? 0) - c.rank }));
      // Biggest gain first; with tieBreak `currentRank`, equal gains by the better current rank. Gains and ranks are
      // integers with ranks in 1…maxRank, so `gain × (maxRank + 1) − rank` orders exactly as (gain ↓, rank ↑).
      const maxRank = improved.reduce((m, c) => Math.max(m, c.rank), 0);
      const ranked = competitionRank(improved, (c) => (rule.tieBreak === 'currentRank' ? c.gain * (maxRank + 1) - c.rank : c.gain));
      const inGroup = scope === null ? '' : `${scope.value} 그룹 내 `;
      const enGroup = scope === null ? '' : ` in group ${scope.value}`;
      const biggest = rule.n === 1 ? 'the biggest gain' : `among the ${rule.n} biggest gains`;
      return selectTop(
        ranked,
        rule.n,
        rule.ties,
        settle,
        (r) => ({
          ko: `전년도 ${r.item.previousRank ?? ''}위 → ${r.item.rank}위로 ${r.item.gain}계단 상승, ${inGroup}상승 폭 상위 ${rule.n}개 ${noun}에 해당`,
          en: `Rank ${r.item.previousRank ?? ''} → ${r.item.rank}, up ${r.item.gain} place${r.item.gain === 1 ? '' : 's'}, ${biggest}${enGroup}`,
        }),
        (r) =>
          tieMiss(
            tierName,
            { ko: `${inGroup}상승 폭 ${r.rank}위(${r.item.gain}계단)`, en: `Rank ${r.rank} by rank gain (${r.item.gain})${enGroup}` },
            r.tied,
            rule.n,
            noun,
            { koSuffix: '', enSuffix: '' },
          ),
        (r, kind) => decidedTieMiss(tierName, r.rank, r.tied, rule.n - r.rank + 1, noun, kind),
      );
    }
  }
}

/** Why a unit in a tie group straddling the boundary was left out (tie policy `exclude`). */
function tieMiss(
  tierName: Bilingual,
  where: { ko: string; en: string },
  tied: number,
  n: number,
  noun: string,
  suffix: { koSuffix: string; enSuffix: string },
): Bilingual {
  return {
    ko: `${tierName.ko}: ${where.ko}(동점 ${tied}개 ${noun}), 상위 ${n}개 경계에 걸친 동점은 제외하는 규정에 따라 미선정${suffix.koSuffix}`,
    en: `${tierName.en}: ${where.en.charAt(0).toLowerCase()}${where.en.slice(1)}, tied with ${tied - 1} other${tied === 2 ? '' : 's'} across the top-${n} boundary; tied units at the boundary are excluded${suffix.enSuffix}`,
  };
}

/** Number of winners for a top share: rounding(share × size), robust to float noise. */
function shareCount(share: number, size: number, rounding: 'floor' | 'ceil' | 'round'): number {
  const x = share * size;
  if (rounding === 'floor') return Math.floor(x + SHARE_TOLERANCE);
  if (rounding === 'ceil') return Math.ceil(x - SHARE_TOLERANCE);
  return Math.floor(x + 0.5 + SHARE_TOLERANCE);
}

function selectTop<T extends Candidate>(
  ranked: ReadonlyArray<Ranked<T>>,
  n: number,
  ties: TiesPolicy,
  settle: TieSettler,
  reason: (r: Ranked<T>) => Bilingual,
  missReason: (r: Ranked<T>) => Bilingual,
  decidedMiss: (r: Ranked<T>, kind: 'leave_empty' | 'order') => Bilingual,
): { picks: Pick[]; misses: NearMiss[] } {
  const picks: Pick[] = [];
  const misses: NearMiss[] = [];
  // A tie group straddling the boundary under `include` gives more winners than places: report it, apply a decision.
  const boundary = ties === 'include' ? ranked.filter((r) => r.rank <= n && r.rank + r.tied - 1 > n) : [];
  const decision = boundary.length > 0 ? settle({ places: n, rank: boundary[0]!.rank, tied: boundary.map((r) => r.item.uCode) }) : null;
  const chosen = new Set<string>();
  if (decision?.kind === 'order') {
    const placesLeft = n - boundary[0]!.rank + 1;
    const tied = new Set(boundary.map((r) => r.item.uCode));
    for (const c of decision.order) if (tied.has(c) && chosen.size < placesLeft) chosen.add(c);
  }
  for (const r of ranked) {
    const atBoundary = boundary.length > 0 && r.rank === boundary[0]!.rank;
    let wins = withinTop(r, n, ties);
    if (atBoundary && decision?.kind === 'leave_empty') wins = false;
    if (atBoundary && decision?.kind === 'order') wins = chosen.has(r.item.uCode);
    if (wins) picks.push({ uCode: r.item.uCode, reason: reason(r) });
    else if (atBoundary && (decision?.kind === 'leave_empty' || decision?.kind === 'order'))
      misses.push({ uCode: r.item.uCode, reason: decidedMiss(r, decision.kind) });
    else if (r.rank <= n) misses.push({ uCode: r.item.uCode, reason: missReason(r) });
  }
  return { picks, misses };
}

/** Why a unit tied across the boundary was left out by a person's decision on the tie. */
/** The noun with its subject particle: '구가', '시·군이' (the reasons speak of any installation's units). */
function subject(noun: string): string {
  const code = noun.charCodeAt(noun.length - 1);
  const batchim = code >= 0xac00 && code <= 0xd7a3 && (code - 0xac00) % 28 !== 0;
  return `${noun}${batchim ? '이' : '가'}`;
}

function decidedTieMiss(tierName: Bilingual, rank: number, tied: number, placesLeft: number, noun: string, kind: 'leave_empty' | 'order'): Bilingual {
  return kind === 'leave_empty'
    ? {
        ko: `${tierName.ko}: 공동 ${rank}위 동점 ${tied}개 ${subject(noun)} 남은 ${placesLeft}자리를 넘어, 자리를 비워 두기로 결정되어 미선정`,
        en: `${tierName.en}: ${tied} units tied for rank ${rank} exceeded the ${placesLeft} remaining place(s); the places were left empty by decision`,
      }
    : {
        ko: `${tierName.ko}: 공동 ${rank}위 동점 ${tied}개 ${noun} 중 남은 ${placesLeft}자리를 동점 처리 규칙에 따라 다른 ${noun}에 주기로 결정되어 미선정`,
        en: `${tierName.en}: ${tied} units tied for rank ${rank}; the ${placesLeft} remaining place(s) went to others by the tie-break rule decided`,
      };
}

/**
 * "순위 3위" / "Rank 3", naming the peer group and, when the pool rank differs from the rank among everyone in
 * scope, that the pool is the units still eligible; the overall rank is appended when it differs.
 */
function rankPhrase(r: Ranked<Candidate>, scope: GroupScope | null, noun: string): { ko: string; en: string; koSuffix: string; enSuffix: string } {
  const scopeRank = scope === null ? r.item.rank : (scope.ranks.get(r.item.uCode) ?? r.rank);
  const reduced = scopeRank !== r.rank;
  const ko = `${scope === null ? '' : `${scope.value} 그룹 내 `}${reduced ? `수상 가능 ${noun} 중 ` : ''}순위 ${r.rank}위`;
  const en = `Rank ${r.rank}${scope === null ? '' : ` in group ${scope.value}`}${reduced ? ' among the units still eligible' : ''}`;
  const differs = r.rank !== r.item.rank;
  return {
    ko,
    en,
    koSuffix: differs ? ` (전체 ${r.item.rank}위)` : '',
    enSuffix: differs ? ` (overall rank ${r.item.rank})` : '',
  };
}
