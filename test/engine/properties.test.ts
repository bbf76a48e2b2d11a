import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJson, score, type IDataRow, type IMetaRow, type ScoreOptions } from '../../src/engine/index.js';

/** Two pillars (P: a, b, c; Q: d, e) under top T, with generated weights and directions. */
interface Case {
  readonly weights: number[];
  readonly directions: (1 | -1)[];
  readonly pillarWeights: [number, number];
  readonly values: (number | null)[][];
}

const CODES = ['a', 'b', 'c', 'd', 'e'];
const PARENT = ['P', 'P', 'P', 'Q', 'Q'];

function meta(c: Case): IMetaRow[] {
  return [
    { iCode: 'T', Level: 3, Type: 'Aggregate', Direction: 1 },
    { iCode: 'P', Level: 2, Parent: 'T', Weight: c.pillarWeights[0], Type: 'Aggregate' },
    { iCode: 'Q', Level: 2, Parent: 'T', Weight: c.pillarWeights[1], Type: 'Aggregate' },
    ...CODES.map((iCode, k) => ({
      iCode,
      Level: 1,
      Parent: PARENT[k]!,
      Weight: c.weights[k]!,
      Direction: c.directions[k]!,
      Type: 'Indicator',
    })),
  ];
}

function data(c: Case): IDataRow[] {
  return c.values.map((row, u) => ({ uCode: `U${String(u).padStart(2, '0')}`, ...Object.fromEntries(CODES.map((k, j) => [k, row[j]!])) }));
}

const weight = fc.double({ min: 0.1, max: 10, noNaN: true });
const caseArb = (missing: boolean) =>
  fc.record({
    weights: fc.array(weight, { minLength: 5, maxLength: 5 }),
    directions: fc.array(fc.constantFrom<1 | -1>(1, -1), { minLength: 5, maxLength: 5 }),
    pillarWeights: fc.tuple(weight, weight),
    values: fc.array(
      fc.array(missing ? fc.option(fc.integer({ min: 0, max: 1000 }), { freq: 6 }) : fc.integer({ min: 0, max: 1000 }), {
        minLength: 5,
        maxLength: 5,
      }),
      { minLength: 3, maxLength: 9 },
    ),
  });

const run = (c: Case, options: ScoreOptions = {}) => score({ iMeta: meta(c), iData: data(c) }, { points: false, ...options });
const topScores = (c: Case, options: ScoreOptions = {}) => {
  const r = run(c, options);
  return Object.fromEntries(r.units.map((u) => [u.uCode, u.scores['T']]));
};

describe('scoring properties', () => {
  it('raising an indicator in its good direction never lowers that unit’s arithmetic-mean score', () => {
    fc.assert(
      fc.property(caseArb(false), fc.nat(), fc.nat(4), fc.integer({ min: 1, max: 500 }), (c, unitSeed, k, delta) => {
        const u = unitSeed % c.values.length;
        const before = topScores(c)[`U${String(u).padStart(2, '0')}`];
        const raised: Case = {
          ...c,
          values: c.values.map((row, i) => (i === u ? row.map((v, j) => (j === k ? v! + c.directions[k]! * delta : v)) : row)),
        };
        const after = topScores(raised)[`U${String(u).padStart(2, '0')}`];
        if (before === null || before === undefined) return;
        expect(after).not.toBeNull();
        expect(after!).toBeGreaterThanOrEqual(before - 1e-9);
      }),
      { numRuns: 150 },
    );
  });

  it('the order of units does not change the results (byte-identical JSON)', () => {
    fc.assert(
      fc.property(caseArb(true), fc.array(fc.nat(), { minLength: 9, maxLength: 9 }), (c, keys) => {
        const rows = data(c);
        const shuffled = rows
          .map((row, i) => ({ row, key: keys[i]! }))
          .sort((x, y) => x.key - y.key)
          .map((x) => x.row);
        const a = formatJson(score({ iMeta: meta(c), iData: rows }, { points: false }));
        const b = formatJson(score({ iMeta: meta(c), iData: shuffled }, { points: false }));
        expect(b).toBe(a);
      }),
      { numRuns: 60 },
    );
  });

  it('scaling all weights of one parent by a constant changes nothing', () => {
    fc.assert(
      fc.property(caseArb(true), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.constantFrom('P', 'Q', 'T'), (c, factor, parent) => {
        const scaled: Case = {
          ...c,
          weights: c.weights.map((w, k) => (PARENT[k] === parent ? w * factor : w)),
          pillarWeights: parent === 'T' ? [c.pillarWeights[0] * factor, c.pillarWeights[1] * factor] : c.pillarWeights,
        };
        const a = topScores(c);
        const b = topScores(scaled);
        for (const [code, v] of Object.entries(a)) {
          if (v === null || v === undefined) expect(b[code]).toBeNull();
          else expect(Math.abs(b[code]! - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('with no missing data all missing policies agree', () => {
    fc.assert(
      fc.property(caseArb(false), (c) => {
        const renormalise = topScores(c, { missing: 'renormalise' });
        expect(topScores(c, { missing: 'zero' })).toEqual(renormalise);
        expect(topScores(c, { missing: 'error' })).toEqual(renormalise);
      }),
      { numRuns: 100 },
    );
  });

  it('explanation contributions sum to the score', () => {
    fc.assert(
      fc.property(caseArb(true), fc.constantFrom<ScoreOptions['missing']>('renormalise', 'zero'), (c, missing) => {
        const r = run(c, { missing });
        for (const u of r.units) {
          const top = u.scores['T'];
          if (top === null) continue;
          const leaves = CODES.reduce((s, k) => s + (u.contributions[k] ?? 0), 0);
          expect(Math.abs(leaves - top!)).toBeLessThanOrEqual(1e-9);
          expect(Math.abs(u.contributions['P']! + u.contributions['Q']! - top!)).toBeLessThanOrEqual(1e-9);
        }
      }),
      { numRuns: 150 },
    );
  });
});
