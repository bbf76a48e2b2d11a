import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunAwards } from '../../src/engine/award-runs.js';
import { assignAwards, AwardConfigSchema, type AwardConfigInput } from '../../src/engine/awards.js';

const GROUPS = ['A', 'B', null, undefined] as const;
const name = { ko: '등급', en: 'Tier' };
const ties = fc.constantFrom('include' as const, 'exclude' as const);
const rule = fc.oneof(
  fc.record({ kind: fc.constant('topN' as const), n: fc.integer({ min: 0, max: 8 }), ties }),
  fc.record({
    kind: fc.constant('topShare' as const),
    share: fc.constantFrom(0.1, 0.2, 0.25, 0.3, 0.5, 0.7, 1),
    rounding: fc.constantFrom('floor' as const, 'ceil' as const, 'round' as const),
    ties,
  }),
  fc.record({ kind: fc.constant('cutoff' as const), minScore: fc.integer({ min: 0, max: 20 }).map((s) => s * 5) }),
  fc.record({
    kind: fc.constant('mostImproved' as const),
    n: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 7, max: 14 })),
    minGain: fc.integer({ min: 1, max: 3 }),
    tieBreak: fc.constantFrom('currentRank' as const, 'none' as const),
    ties,
  }),
);
/** Coarse scores (ties are common), scores that tie only after rounding, fractional ones, missing ones. */
const score = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 20 }).map((s) => s * 5) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 20 }).map((s) => s * 5 + 1e-12) },
  { weight: 3, arbitrary: fc.double({ min: -10, max: 110, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(NaN) },
);

const caseArb = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    previous: fc.array(fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }), { minLength: n, maxLength: n }),
    groups: fc.array(fc.constantFrom(...GROUPS), { minLength: n, maxLength: n }),
    runs: fc.array(fc.array(score, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 5 }),
    tiers: fc.array(
      fc.record({
        rule,
        group: fc.option(fc.constant('region'), { nil: undefined }),
        among: fc.option(fc.constantFrom('unawarded' as const, 'all' as const), { nil: undefined }),
        stackable: fc.boolean(),
        minScore: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    excluded: fc.subarray(
      Array.from({ length: n }, (_, u) => u),
      { maxLength: Math.min(3, n) },
    ),
    minScore: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    decimals: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
  }),
);

describe('RunAwards', () => {
  it('counts, for every run of a sequence, the tiers assignAwards gives each unit (ties, groups, rounding, stackable, missing)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const codes = Array.from({ length: c.n }, (_, u) => `u${String((u * 7) % 31).padStart(2, '0')}${u}`);
        const groups = c.groups.map((g) => (g === undefined ? undefined : { region: g }));
        const config: AwardConfigInput = {
          tiers: c.tiers.map((t, i) => ({
            code: `t${i}`,
            name,
            rule: t.rule,
            ...(t.group === undefined ? {} : { group: t.group }),
            ...(t.among === undefined ? {} : { among: t.among }),
            stackable: t.stackable,
            ...(t.minScore === undefined ? {} : { minScore: t.minScore }),
          })),
          eligibility: { excluded: c.excluded.map((u) => codes[u]!), ...(c.minScore === undefined ? {} : { minScore: c.minScore }) },
          ...(c.decimals === undefined ? {} : { decimals: c.decimals }),
        };
        const parsed = AwardConfigSchema.parse(config);
        const nTiers = parsed.tiers.length;
        const runAwards = new RunAwards(parsed, codes, c.previous, groups);
        for (const run of c.runs) {
          const expected = new Int32Array(c.n * nTiers);
          const result = assignAwards(
            codes.map((uCode, u) => ({
              uCode,
              score: run[u]! === run[u]! ? run[u]! : null,
              previousRank: c.previous[u]!,
              ...(groups[u] ? { groups: groups[u] } : {}),
            })),
            config,
          );
          for (const r of result.units) for (const t of r.tiers) expected[codes.indexOf(r.uCode) * nTiers + Number(t.slice(1))]!++;
          const offset = 2;
          const scores = new Float64Array(offset + c.n).fill(1e9);
          scores.set(run, offset);
          const actual = new Int32Array(c.n * nTiers);
          expect(runAwards.tally(scores, offset, actual)).toBe(true);
          expect(Array.from(actual)).toEqual(Array.from(expected));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('declines a run with an infinite score, counting nothing (assignAwards rejects it)', () => {
    const config = AwardConfigSchema.parse({ tiers: [{ code: 'a', name, rule: { kind: 'topN', n: 1 } }] });
    const runAwards = new RunAwards(config, ['x', 'y'], [null, null], [undefined, undefined]);
    const counts = new Int32Array(2);
    expect(runAwards.tally(Float64Array.of(1, Infinity), 0, counts)).toBe(false);
    expect(Array.from(counts)).toEqual([0, 0]);
  });
});
