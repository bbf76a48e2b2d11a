/**
 * The award tiers of Monte Carlo runs: which units win which tier, as `assignAwards` decides it, without its
 * reasons, result records or configuration checks, for thousands of runs of the same units and configuration.
 *
 * `assignAwards` (with no tie decisions) decides a tier from the units' rank keys (`rankKey` of the score) alone:
 * the overall competition rank (1 + the number of higher keys), eligibility, and per tier and pool the rule. Who
 * wins does not depend on the order in which units are listed, only on these numbers, so here every rule is a
 * threshold on a key:
 * - top n under `include` (rank in the pool ≤ n, i.e. at most n − 1 members higher): the key is ≥ the n-th highest
 *   key of the pool (duplicates counted); under `exclude` (rank + tied − 1 ≤ n, i.e. at most n members at or
 *   above it): the key is > the (n + 1)-th highest; everyone when the pool has no more than n members, nobody when
 *   n = 0;
 * - a cut-off: the key is ≥ the rounded cut-off;
 * - most improved: the same top-n threshold on `gain × (maxRank + 1) − rank` (or the gain), over the pool members
 *   with a previous rank and a gain ≥ `minGain`.
 * A non-stackable win goes to a unit only when it holds no non-stackable tier yet, as in `assignAwards`.
 * Property-tested against `assignAwards`' `tiers` of every unit.
 */
import type { AwardConfig } from './awards.js';
import { rankKey } from './rank.js';
import { insertionSortDescending } from './run-ranks.js';

const RULE_TOP = 0;
const RULE_SHARE = 1;
const RULE_CUTOFF = 2;
const RULE_IMPROVED = 3;
const SHARE_TOLERANCE = 1e-9;

/** One tier, in numbers. */
interface TierPlan {
  readonly rule: number;
  /** topN / mostImproved: places; topShare: the share. */
  readonly n: number;
  readonly share: number;
  readonly rounding: 'floor' | 'ceil' | 'round';
  readonly include: boolean;
  /** Cut-off as a rank key (cutoff rule). */
  readonly cut: number;
  readonly minGain: number;
  readonly byCurrentRank: boolean;
  /** The tier's minimum score as a rank key, or NaN. */
  readonly minKey: number;
  readonly amongAll: boolean;
  readonly stackable: boolean;
  /** Peer group index of each unit (−1: not a candidate), or null without a group. */
  readonly group: Int32Array | null;
  readonly nGroups: number;
}

/** Per-run award tiers of a fixed set of units; keeps scratch state, so not shared between threads. */
export class RunAwards {
  private readonly n: number;
  /** `10 ** decimals`, as rankKey computes it. */
  private readonly factor: number;
  private readonly tiers: readonly TierPlan[];
  /** Units that may receive awards at all (not excluded). */
  private readonly allowed: Uint8Array;
  private readonly minKey: number;
  /** Previous rank per unit, 0 = none. */
  private readonly previous: Int32Array;
  private readonly keys: Float64Array;
  /** Unit indices by key, highest first, unscored last (kept between runs: the next run's order is nearly the same). */
  private readonly order: Int32Array;
  private readonly ranks: Int32Array;
  private readonly eligible: Uint8Array;
  /** Non-stackable tier held, −1 = none. */
  private readonly primary: Int32Array;
  private readonly member: Uint8Array;
  private readonly improvedKey: Float64Array;
  private readonly sortScratch: Float64Array;
  /** The highest most-improved keys of a pool, descending (at most eight). */
  private readonly top = new Float64Array(8);
  /** The members of the pool at hand, highest key first. */
  private readonly list: Int32Array;

  /**
   * @param config a parsed award configuration (`AwardConfigSchema`'s output).
   * @param unitCodes the units, in the order of the score arrays.
   * @param previousRanks last year's rank per unit (null = none), positive integers.
   * @param groups each unit's peer-group values by column.
   */
  constructor(
    config: AwardConfig,
    unitCodes: readonly string[],
    previousRanks: readonly (number | null)[],
    groups: readonly (Readonly<Record<string, string | null>> | undefined)[],
  ) {
    const n = unitCodes.length;
    const d = config.decimals;
    this.n = n;
    this.factor = 10 ** d;
    const excluded = new Set(config.eligibility.excluded);
    this.allowed = Uint8Array.from(unitCodes, (c) => (excluded.has(c) ? 0 : 1));
    this.minKey = config.eligibility.minScore === undefined ? NaN : rankKey(config.eligibility.minScore, d);
    this.previous = Int32Array.from(previousRanks, (p) => p ?? 0);
    this.tiers = config.tiers.map((tier): TierPlan => {
      let group: Int32Array | null = null;
      let nGroups = 0;
      if (tier.group !== undefined) {
        const column = tier.group;
        const index = new Map<string, number>();
        group = new Int32Array(n);
        for (let u = 0; u < n; u++) {
          const g = groups[u]?.[column];
          if (g === undefined || g === null) group[u] = -1;
          else {
            let k = index.get(g);
            if (k === undefined) index.set(g, (k = index.size));
            group[u] = k;
          }
        }
        nGroups = index.size;
      }
      const r = tier.rule;
      return {
        rule: r.kind === 'topN' ? RULE_TOP : r.kind === 'topShare' ? RULE_SHARE : r.kind === 'cutoff' ? RULE_CUTOFF : RULE_IMPROVED,
        n: r.kind === 'topN' || r.kind === 'mostImproved' ? r.n : 0,
        share: r.kind === 'topShare' ? r.share : 0,
        rounding: r.kind === 'topShare' ? r.rounding : 'floor',
        include: r.kind === 'cutoff' || r.ties === 'include',
        cut: r.kind === 'cutoff' ? rankKey(r.minScore, d) : 0,
        minGain: r.kind === 'mostImproved' ? r.minGain : 0,
        byCurrentRank: r.kind === 'mostImproved' && r.tieBreak === 'currentRank',
        minKey: tier.minScore === undefined ? NaN : rankKey(tier.minScore, d),
        amongAll: (tier.among ?? (tier.stackable ? 'all' : 'unawarded')) === 'all',
        stackable: tier.stackable,
        group,
        nGroups,
      };
    });
    this.keys = new Float64Array(n);
    this.order = Int32Array.from({ length: n }, (_, u) => u);
    this.ranks = new Int32Array(n);
    this.eligible = new Uint8Array(n);
    this.primary = new Int32Array(n);
    this.member = new Uint8Array(n);
    this.improvedKey = new Float64Array(n);
    this.sortScratch = new Float64Array(n);
    this.list = new Int32Array(n);
  }

  /**
   * Adds this run's wins to `tierCounts[u * tiers + t]`, for the scores `scores[offset + u]` (NaN = no score).
   *
   * @returns false, having counted nothing, when a score is infinite (`assignAwards` rejects it: call it instead).
   */
  tally(scores: Float64Array, offset: number, tierCounts: Int32Array): boolean {
    const { n, keys, order, ranks, eligible, primary, member, allowed } = this;
    const f = this.factor;
    for (let u = 0; u < n; u++) {
      const s = scores[offset + u]!;
      if (s === Infinity || s === -Infinity) return false;
      if (s !== s) keys[u] = -Infinity;
      else {
        // rankKey(s, decimals), with its factor computed once.
        const scaled = s * f;
        keys[u] = Number.isFinite(scaled) ? Math.round(scaled) / f + 0 : s;
      }
    }
    this.sortOrder();
    // Overall competition ranks of the scored units; eligibility.
    const minKey = this.minKey;
    const hasMin = minKey === minKey;
    let previousKey = NaN;
    let previousRank = 0;
    for (let p = 0; p < n; p++) {
      const u = order[p]!;
      const s = scores[offset + u]!;
      primary[u] = -1;
      if (s !== s) {
        ranks[u] = 0;
        eligible[u] = 0;
        continue;
      }
      const k = keys[u]!;
      const r = p > 0 && k === previousKey ? previousRank : p + 1;
      ranks[u] = r;
      previousKey = k;
      previousRank = r;
      eligible[u] = allowed[u]! === 1 && (!hasMin || k >= minKey) ? 1 : 0;
    }
    const nTiers = this.tiers.length;
    for (let t = 0; t < nTiers; t++) {
      const tier = this.tiers[t]!;
      const tierMin = tier.minKey;
      const hasTierMin = tierMin === tierMin;
      for (let u = 0; u < n; u++) {
        member[u] = eligible[u]! === 1 && (!hasTierMin || keys[u]! >= tierMin) && (tier.amongAll || primary[u]! < 0) ? 1 : 0;
      }
      if (tier.group === null) this.pool(tier, t, -1, tierCounts, nTiers);
      else for (let g = 0; g < tier.nGroups; g++) this.pool(tier, t, g, tierCounts, nTiers);
    }
    return true;
  }

  /** `order` sorted by key, highest first: an insertion sort from the previous run's order, or a fresh sort. */
  private sortOrder(): void {
    const { n, keys, order } = this;
    if (insertionSortDescending(order, keys, n, 8 * n)) return;
    const sorted = Array.from(order).sort((a, b) => keys[b]! - keys[a]! || a - b);
    order.set(sorted);
  }

  /** Applies a tier's rule to one pool (group g, or every member with g = −1) and tallies its wins. */
  private pool(tier: TierPlan, t: number, g: number, tierCounts: Int32Array, nTiers: number): void {
    const { n, keys, order, member, primary, list } = this;
    const group = tier.group;
    // The pool's members, highest key first: the winners of a top-n or cut-off rule are a prefix of this list.
    let size = 0;
    for (let p = 0; p < n; p++) {
      const u = order[p]!;
      if (member[u]! === 1 && (group === null || group[u] === g)) list[size++] = u;
    }
    if (size === 0) return;
    if (tier.rule === RULE_IMPROVED) {
      this.improved(tier, t, size, tierCounts, nTiers);
      return;
    }
    let winners = 0;
    if (tier.rule === RULE_CUTOFF) {
      const cut = tier.cut;
      while (winners < size && keys[list[winners]!]! >= cut) winners++;
    } else {
      const places = tier.rule === RULE_TOP ? tier.n : shareCount(tier.share, size, tier.rounding);
      if (places <= 0) return;
      const wanted = tier.include ? places : places + 1;
      if (wanted > size) winners = size;
      else {
        const threshold = keys[list[wanted - 1]!]!;
        if (tier.include) while (winners < size && keys[list[winners]!]! >= threshold) winners++;
        else while (winners < size && keys[list[winners]!]! > threshold) winners++;
      }
    }
    const stackable = tier.stackable;
    for (let i = 0; i < winners; i++) {
      const u = list[i]!;
      if (!stackable) {
        if (primary[u]! >= 0) continue;
        primary[u] = t;
      }
      tierCounts[u * nTiers + t]!++;
    }
  }

  /**
   * Most improved over the pool in `list[0 … size)`: candidates with a previous rank and a gain ≥ `minGain`, keyed
   * `gain × (maxRank + 1) − rank` (or the gain), the top n of them by that key.
   */
  private improved(tier: TierPlan, t: number, size: number, tierCounts: Int32Array, nTiers: number): void {
    const { n, list, previous, ranks, improvedKey, sortScratch, primary } = this;
    const places = tier.n;
    if (places <= 0) return;
    let maxRank = 0;
    let m = 0;
    for (let i = 0; i < size; i++) {
      const u = list[i]!;
      if (previous[u]! > 0 && previous[u]! - ranks[u]! >= tier.minGain) {
        list[m++] = u;
        if (ranks[u]! > maxRank) maxRank = ranks[u]!;
      }
    }
    if (m === 0) return;
    for (let i = 0; i < m; i++) {
      const u = list[i]!;
      const gain = previous[u]! - ranks[u]!;
      const k = tier.byCurrentRank ? gain * (maxRank + 1) - ranks[u]! : gain;
      improvedKey[u] = k;
      sortScratch[i] = k;
    }
    const wanted = tier.include ? places : places + 1;
    let all = false;
    let threshold = 0;
    if (wanted > m) all = true;
    else if (wanted <= 8) {
      // The wanted-th highest key: the `wanted` highest kept in a short descending list (n is small in practice).
      const top = this.top;
      let kept = 0;
      for (let i = 0; i < m; i++) {
        const k = sortScratch[i]!;
        if (kept === wanted && !(k > top[kept - 1]!)) continue;
        let q = kept < wanted ? kept++ : kept - 1;
        while (q > 0 && top[q - 1]! < k) {
          top[q] = top[q - 1]!;
          q--;
        }
        top[q] = k;
      }
      threshold = top[wanted - 1]!;
    } else {
      for (let q = m; q < n; q++) sortScratch[q] = NaN; // sorted last
      sortScratch.sort();
      threshold = sortScratch[m - wanted]!;
    }
    const strict = !tier.include;
    const stackable = tier.stackable;
    for (let i = 0; i < m; i++) {
      const u = list[i]!;
      const k = improvedKey[u]!;
      if (!(all || (strict ? k > threshold : k >= threshold))) continue;
      if (!stackable) {
        if (primary[u]! >= 0) continue;
        primary[u] = t;
      }
      tierCounts[u * nTiers + t]!++;
    }
  }
}

/** Number of winners for a top share, as `assignAwards` counts it. */
function shareCount(share: number, size: number, rounding: 'floor' | 'ceil' | 'round'): number {
  const x = share * size;
  if (rounding === 'floor') return Math.floor(x + SHARE_TOLERANCE);
  if (rounding === 'ceil') return Math.ceil(x - SHARE_TOLERANCE);
  return Math.floor(x + 0.5 + SHARE_TOLERANCE);
}
