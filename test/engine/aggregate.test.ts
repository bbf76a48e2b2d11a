import { describe, expect, it } from 'vitest';
import { EngineInputError, score, type ScoreOptions } from '../../src/engine/index.js';
import { aggregate, evaluation, flatPassthrough, indicator, units } from './engine-fixtures.js';

const top = (options: ScoreOptions, values: Record<string, number | null>) =>
  score(evaluation(flatPassthrough(), units({ A: values, B: { a: 50, b: 50, c: 50 } }), { points: false, ...options })).units.find((u) => u.uCode === 'A')!
    .scores['T'];

describe('aggregation functions (hand-computed)', () => {
  const v = { a: 20, b: 50, c: 80 };
  it('weighted arithmetic mean: (20·1 + 50·2 + 80·1) / 4 = 50', () => {
    expect(top({}, v)).toBe(50);
  });
  it('weighted geometric mean: (20 · 50² · 80)^(1/4) = √2000', () => {
    expect(top({ aggregate: 'gmean' }, v)).toBeCloseTo(Math.sqrt(2000), 12);
  });
  it('weighted harmonic mean: 4 / (1/20 + 2/50 + 1/80) = 4 / 0.1025', () => {
    expect(top({ aggregate: 'hmean' }, v)).toBeCloseTo(4 / 0.1025, 12);
  });
  it('rejects values ≤ 0 in a geometric mean with a clear error naming unit and indicator', () => {
    try {
      top({ aggregate: 'gmean' }, { a: 0, b: 50, c: 80 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EngineInputError);
      const issue = (e as EngineInputError).issues[0]!;
      expect(issue.code).toBe('NON_POSITIVE_MEAN_INPUT');
      expect(issue.location).toMatchObject({ unit: 'A', iCode: 'a' });
      expect(issue.message.en).toContain('gmean');
      expect(issue.message.ko).toContain('기하평균');
    }
  });
});

describe('missing children', () => {
  const v = { a: 20, b: null, c: 80 };
  it('renormalise: skips b and renormalises the weights: (20 + 80) / 2 = 50', () => {
    expect(top({ missing: 'renormalise' }, v)).toBe(50);
  });
  it('zero: counts b as 0 with its weight: (20 + 0 + 80) / 4 = 25', () => {
    expect(top({ missing: 'zero' }, v)).toBe(25);
  });
  it('error: refuses to aggregate and names the unit and indicator', () => {
    expect(() => top({ missing: 'error' }, v)).toThrowError(EngineInputError);
    try {
      top({ missing: 'error' }, v);
    } catch (e) {
      expect((e as EngineInputError).issues[0]).toMatchObject({ code: 'MISSING_NOT_ALLOWED', location: { unit: 'A', iCode: 'b' } });
    }
  });
  it('datThresh: 2 of 3 children present (0.67) is below 0.7, so the aggregate is missing and the unit unranked', () => {
    const r = score(evaluation(flatPassthrough(), units({ A: v, B: { a: 50, b: 50, c: 50 } }), { datThresh: 0.7 }));
    const a = r.units.find((u) => u.uCode === 'A')!;
    expect(a.scores['T']).toBeNull();
    expect(a.rank).toBeNull();
    expect(r.units[r.units.length - 1]!.uCode).toBe('A');
    expect(r.warnings.some((w) => w.code === 'NO_TOP_SCORE' && w.location.unit === 'A')).toBe(true);
    expect(top({ datThresh: 0.6 }, v)).toBe(50);
  });
});

describe('levels and ranks', () => {
  it('aggregates level by level with weights relative within each parent', () => {
    const iMeta = [
      aggregate('T', 3, null),
      aggregate('X', 2, 'T', 1),
      aggregate('Y', 2, 'T', 3),
      indicator('a', 'X', 1, { Method: 'passthrough' }),
      indicator('b', 'X', 1, { Method: 'passthrough' }),
      indicator('c', 'Y', 1, { Method: 'passthrough' }),
    ];
    const r = score(evaluation(iMeta, units({ A: { a: 40, b: 60, c: 20 } })));
    // X = 50, Y = 20, T = (50·1 + 20·3) / 4 = 27.5
    expect(r.units[0]!.scores).toEqual({ T: 27.5, X: 50, Y: 20 });
  });

  it('gives tied units the best rank and skips the next (1, 2, 2, 4)', () => {
    const r = score(
      evaluation(flatPassthrough(), units({ D: { a: 10, b: 10, c: 10 }, B: { a: 50, b: 50, c: 50 }, C: { a: 50, b: 50, c: 50 }, A: { a: 90, b: 90, c: 90 } })),
    );
    expect(r.units.map((u) => [u.uCode, u.rank])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 2],
      ['D', 4],
    ]);
  });
});
