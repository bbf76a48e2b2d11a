import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankUnits } from '../../src/engine/rank.js';
import { assignAwards, type AwardConfigInput, type AwardResult, type AwardUnit } from '../../src/engine/awards.js';
import { computePrizes } from '../../src/engine/prizes.js';

const GROUPS = ['A', 'B', null] as const;

/** Units with coarse scores (ties are common), some missing, previous ranks and a peer group. */
const unitsArb: fc.Arbitrary<AwardUnit[]> = fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 30 }).chain((ids) =>
  fc.tuple(
    ...ids.map((id) =>
      fc.record({
        uCode: fc.constant(`u${String(id).padStart(2, '0')}`),
        score: fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: 0, max: 20 }).map((s) => s * 5) },
          { weight: 2, arbitrary: fc.integer({ min: 0, max: 20 }).map((s) => s * 5 + 1e-12) },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
        previousRank: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
        groups: fc.constantFrom(...GROUPS).map((g) => ({ region: g })),
      }),
    ),
  ),
);

const name = { ko: '등급', en: 'Tier' };
const ties = fc.constantFrom('include' as const, 'exclude' as const);
const monotoneRule = fc.oneof(
  fc.record({ kind: fc.constant('topN' as const), n: fc.integer({ min: 0, max: 8 }) }),
  fc.record({
    kind: fc.constant('topShare' as const),
    share: fc.constantFrom(0.1, 0.2, 0.25, 0.3, 0.5, 1),
    rounding: fc.constantFrom('floor' as const, 'ceil' as const, 'round' as const),
  }),
  fc.record({ kind: fc.constant('cutoff' as const), minScore: fc.integer({ min: 0, max: 20 }).map((s) => s * 5) }),
);
const anyRule = fc.oneof(
  monotoneRule,
  fc.record({ kind: fc.constant('topN' as const), n: fc.integer({ min: 0, max: 8 }), ties }),
  fc.record({
    kind: fc.constant('mostImproved' as const),
    n: fc.integer({ min: 0, max: 4 }),
    minGain: fc.integer({ min: 1, max: 3 }),
    tieBreak: fc.constantFrom('currentRank' as const, 'none' as const),
    ties,
  }),
);

function tiersArb(rule: fc.Arbitrary<Record<string, unknown>>, withExtras: boolean) {
  return fc
    .array(
      fc.record({
        rule,
        group: fc.option(fc.constant('region'), { nil: undefined }),
        among: fc.option(fc.constantFrom('unawarded' as const, 'all' as const), { nil: undefined }),
        stackable: withExtras ? fc.boolean() : fc.constant(false),
        minScore: withExtras ? fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }) : fc.constant(undefined),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((ts) =>
      ts.map((t, i) => ({
        code: `t${i}`,
        name,
        rule: t.rule,
        ...(t.group === undefined ? {} : { group: t.group }),
        ...(t.among === undefined ? {} : { among: t.among }),
        stackable: t.stackable,
        ...(t.minScore === undefined ? {} : { minScore: t.minScore }),
      })),
    );
}

function configArb(rule: fc.Arbitrary<Record<string, unknown>>, withExtras: boolean, units: AwardUnit[]): fc.Arbitrary<AwardConfigInput> {
  return fc.record({
    tiers: tiersArb(rule, withExtras),
    eligibility: fc
      .record({
        excluded: withExtras
          ? fc.subarray(
              units.map((u) => u.uCode),
              { maxLength: Math.min(3, units.length) },
            )
          : fc.constant([]),
        minScore: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      })
      .map((e) => (e.minScore === undefined ? { excluded: e.excluded } : e)),
  }) as fc.Arbitrary<AwardConfigInput>;
}

/** Position of the unit's main tier in the tier list (smaller = better); no tier = worst. */
function tierIndex(r: AwardResult, uCode: string): number {
  const tier = r.units.find((u) => u.uCode === uCode)?.tier ?? null;
  const i = r.tiers.findIndex((t) => t.code === tier);
  return i < 0 ? Number.POSITIVE_INFINITY : i;
}

describe('award properties', () => {
  it('do not depend on the order the units are given in', () => {
    fc.assert(
      fc.property(
        unitsArb.chain((units) => fc.tuple(fc.constant(units), fc.shuffledSubarray(units, { minLength: units.length }), configArb(anyRule, true, units))),
        ([units, shuffled, config]) => {
          expect(assignAwards(shuffled, config)).toEqual(assignAwards(units, config));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never give a unit a worse tier when only its own score rises (top N, top share, cut-off; ties included)', () => {
    fc.assert(
      fc.property(
        unitsArb.chain((units) =>
          fc.tuple(fc.constant(units), configArb(monotoneRule, false, units), fc.nat({ max: units.length - 1 }), fc.integer({ min: 1, max: 40 })),
        ),
        ([units, config, i, delta]) => {
          const target = units[i];
          if (target === undefined || target.score === null) return;
          const raised = units.map((u, k) => (k === i ? { ...u, score: (u.score ?? 0) + delta } : u));
          const before = tierIndex(assignAwards(units, config), target.uCode);
          const after = tierIndex(assignAwards(raised, config), target.uCode);
          expect(after).toBeLessThanOrEqual(before);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('give each unit at most one non-stackable tier, and only to eligible units', () => {
    fc.assert(
      fc.property(
        unitsArb.chain((units) => fc.tuple(fc.constant(units), configArb(anyRule, true, units))),
        ([units, config]) => {
          const r = assignAwards(units, config);
          const stackable = new Set(r.tiers.filter((t) => t.stackable).map((t) => t.code));
          for (const u of r.units) {
            expect(u.tiers.filter((t) => !stackable.has(t)).length).toBeLessThanOrEqual(1);
            if (u.tiers.length > 0) expect(u.eligible).toBe(true);
            expect(u.tier === null ? true : u.tiers.includes(u.tier)).toBe(true);
          }
          const wins = r.tiers.reduce((s, t) => s + t.winners.length, 0);
          expect(wins).toBe(r.units.reduce((s, u) => s + u.tiers.length, 0));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rank consistently with the engine: a tie group of k at rank r is followed by rank r + k', () => {
    fc.assert(
      fc.property(unitsArb, (units) => {
        const ranked = rankUnits(units).filter((u) => u.rank !== null);
        ranked.forEach((u, i) => {
          const better = ranked.filter((v) => (v.score ?? 0) > (u.score ?? 0) + 1e-9).length;
          expect(u.rank).toBe(better + 1);
          if (i > 0) expect(u.rank).toBeGreaterThanOrEqual(ranked[i - 1]?.rank ?? 0);
        });
      }),
    );
  });

  it('split prize pools without ever paying out more than the pool', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 5_000_000_000 }),
        fc.constantFrom(1, 10, 1_000, 10_000, 1_000_000),
        (winners, pool, roundTo) => {
          const r = computePrizes(
            { tiers: [{ code: 't', winners: Array.from({ length: winners }, (_, i) => `u${i}`) }] },
            { prizes: [{ tier: 't', kind: 'pool', pool, roundTo }] },
          );
          const t = r.tiers[0];
          if (t === undefined) throw new Error('no tier');
          expect(t.total + t.remainder).toBe(pool);
          expect(t.remainder).toBeGreaterThanOrEqual(0);
          expect(t.perUnit % roundTo).toBe(0);
          if (winners > 0) expect(t.remainder).toBeLessThan(winners * roundTo);
          expect(r.units.reduce((s, u) => s + u.amount, 0)).toBe(r.total);
        },
      ),
    );
  });
});
