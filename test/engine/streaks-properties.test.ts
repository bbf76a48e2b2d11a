import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStreaks, type YearTiers } from '../../src/engine/streaks.js';

const seriesArb: fc.Arbitrary<YearTiers[]> = fc.uniqueArray(fc.integer({ min: 2010, max: 2025 }), { maxLength: 16 }).chain((years) =>
  fc.tuple(
    ...years.map((year) =>
      fc.record({
        year: fc.constant(year),
        tiers: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.constantFrom('best', 'excellent', 'effort', null)),
      }),
    ),
  ),
);

describe('streak properties', () => {
  it('never exceed the number of years, and match a brute-force longest run', () => {
    fc.assert(
      fc.property(seriesArb, fc.subarray(['best', 'excellent', 'effort'], { minLength: 1 }), (series, tiers) => {
        const result = computeStreaks(series, { tiers });
        const set = new Set(tiers);
        for (const s of result) {
          const longest = s.longest?.length ?? 0;
          const current = s.current?.length ?? 0;
          expect(longest).toBeLessThanOrEqual(series.length);
          expect(current).toBeLessThanOrEqual(longest);
          expect(s.years.length).toBeGreaterThanOrEqual(longest);
          const ok = (y: number) => {
            const t = series.find((x) => x.year === y)?.tiers[s.uCode];
            return t !== undefined && t !== null && set.has(t);
          };
          let best = 0;
          for (const start of series.map((x) => x.year)) {
            let n = 0;
            while (ok(start + n)) n++;
            best = Math.max(best, n);
          }
          expect(longest).toBe(best);
          if (s.longest !== null) expect(s.longest.endYear - s.longest.startYear + 1).toBe(s.longest.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});
