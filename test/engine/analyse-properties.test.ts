/**
 * Properties of the audit, on generated frameworks and data: α of perfectly correlated children is 1, r is
 * symmetric, and removing an element that already weighs 0 changes no rank.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/engine/index.js';
import { pearson } from '../../src/engine/analysis/pairwise.js';

const value = fc.integer({ min: -1e6, max: 1e6 });
const cell = fc.option(value, { nil: null, freq: 5 });

describe('audit properties', () => {
  it('r is symmetric, within [−1, 1], and unchanged by a positive affine map of one side', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 0, maxLength: 30 }), fc.double({ min: 0.01, max: 100, noNaN: true }), (rows, scale) => {
        const x = Float64Array.from(rows, ([a]) => a ?? NaN);
        const y = Float64Array.from(rows, ([, b]) => b ?? NaN);
        const r = pearson(x, y);
        const s = pearson(y, x);
        if (Number.isNaN(r)) return Number.isNaN(s);
        expect(s).toBe(r);
        expect(Math.abs(r)).toBeLessThanOrEqual(1);
        const moved = pearson(
          x.map((v) => v * scale + 3),
          y,
        );
        if (!Number.isNaN(moved)) expect(moved).toBeCloseTo(r, 6);
        return true;
      }),
      { numRuns: 500, seed: 17 },
    );
  });

  it("Cronbach's α of perfectly correlated children is 1 (they normalise to the same column)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 12 }),
        fc.array(fc.tuple(fc.double({ min: 0.1, max: 50, noNaN: true }), fc.integer({ min: -100, max: 100 })), { minLength: 2, maxLength: 5 }),
        (base, maps) => {
          const iMeta = [
            { iCode: 'T', iName: 'T', Level: 2, Parent: null, Weight: null, Direction: 1, Type: 'Aggregate' },
            ...maps.map((_, j) => ({ iCode: `i${j}`, iName: `i${j}`, Level: 1, Parent: 'T', Weight: 1, Direction: 1, Type: 'Indicator' })),
          ];
          const iData = base.map((b, u) => ({ uCode: `U${u}`, uName: `U${u}`, ...Object.fromEntries(maps.map(([a, c], j) => [`i${j}`, a * b + c])) }));
          const audit = analyse({ iMeta, iData });
          expect(audit.cronbach['T']).toBeCloseTo(1, 9);
          for (const c of audit.correlations) expect(c.r).toBeCloseTo(1, 9);
          expect(audit.pca['T']!.varianceExplained[0]).toBeCloseTo(1, 9);
        },
      ),
      { numRuns: 60, seed: 17 },
    );
  });

  it('removing an element of weight 0 changes nothing', () => {
    let audited = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 15 }).chain((n) =>
          fc.tuple(
            fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null, freq: 6 }), { minLength: n, maxLength: n }), {
              minLength: 4,
              maxLength: 4,
            }),
            fc.integer({ min: 0, max: 3 }),
            fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 }),
          ),
        ),
        ([columns, zero, weights]) => {
          // two pillars of two indicators under T; indicator `zero` weighs 0
          const iMeta = [
            { iCode: 'T', iName: 'T', Level: 3, Parent: null, Weight: null, Direction: 1, Type: 'Aggregate' },
            { iCode: 'P', iName: 'P', Level: 2, Parent: 'T', Weight: 1, Direction: 1, Type: 'Aggregate' },
            { iCode: 'Q', iName: 'Q', Level: 2, Parent: 'T', Weight: 1, Direction: 1, Type: 'Aggregate' },
            ...columns.map((_, j) => ({
              iCode: `i${j}`,
              iName: `i${j}`,
              Level: 1,
              Parent: j < 2 ? 'P' : 'Q',
              Weight: j === zero ? 0 : weights[j]!,
              Direction: 1,
              Type: 'Indicator',
            })),
          ];
          const n = columns[0]!.length;
          const iData = Array.from({ length: n }, (_, u) => ({
            uCode: `U${u}`,
            uName: `U${u}`,
            ...Object.fromEntries(columns.map((c, j) => [`i${j}`, c[u]!])),
          }));
          let audit;
          try {
            audit = analyse({ iMeta, iData });
          } catch {
            return true; // inputs the engine refuses (e.g. a constant column) are not this property's concern
          }
          audited++;
          expect(audit.removal.find((r) => r.code === `i${zero}`)!.meanAbsRankChange ?? 0).toBe(0);
          return true;
        },
      ),
      { numRuns: 150, seed: 17 },
    );
    expect(audited).toBeGreaterThan(100);
  });
});
