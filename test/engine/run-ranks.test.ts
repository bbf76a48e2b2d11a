import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { competitionRanks } from '../../src/engine/rank.js';
import { RunRanker } from '../../src/engine/run-ranks.js';

const score = fc.oneof(
  { weight: 5, arbitrary: fc.double({ min: -1000, max: 1000, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, 0, -0, Infinity, -Infinity) },
);

describe('RunRanker', () => {
  it('gives competitionRanks’ ranks (0 for a missing value) for every array of a sequence (ties, −0, missing, infinities, reordered runs)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 40 })
          .chain((n) => fc.tuple(fc.constant(n), fc.array(fc.array(score, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 6 }))),
        fc.nat(3),
        ([n, runs], offset) => {
          const ranker = new RunRanker(n);
          for (const run of runs) {
            const values = new Float64Array(offset + n).fill(7);
            values.set(run, offset);
            const expected = new Float64Array(n);
            competitionRanks(values, expected, true, new Float64Array(n), n, offset, 0);
            const actual = new Int32Array(n).fill(-1);
            ranker.rank(values, offset, actual);
            expect(Array.from(actual)).toEqual(Array.from(expected, (r) => (r === r ? r : 0)));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stays right when a run reverses the order (the fresh-sort fallback)', () => {
    const n = 300;
    const ranker = new RunRanker(n);
    for (const values of [
      Float64Array.from({ length: n }, (_, u) => u),
      Float64Array.from({ length: n }, (_, u) => -u),
      Float64Array.from({ length: n }, (_, u) => (u % 7 === 0 ? NaN : u % 13)),
    ]) {
      const expected = new Float64Array(n);
      competitionRanks(values, expected, true);
      const actual = new Int32Array(n);
      ranker.rank(values, 0, actual);
      expect(Array.from(actual)).toEqual(Array.from(expected, (r) => (r === r ? r : 0)));
    }
  });
});
