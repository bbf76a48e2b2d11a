import { describe, expect, it } from 'vitest';
import { EngineInputError, safely } from '../../src/engine/engine-error.js';
import { rankKey, rankUnits } from '../../src/engine/rank.js';

const ranks = (r: ReturnType<typeof rankUnits>): Array<[string, number | null]> => r.map((u) => [u.uCode, u.rank]);

describe('rankUnits', () => {
  it('gives tied units the best rank and skips the next number (1, 2, 2, 4)', () => {
    const r = rankUnits([
      { uCode: 'a', score: 80 },
      { uCode: 'b', score: 90 },
      { uCode: 'c', score: 80 },
      { uCode: 'd', score: 70 },
    ]);
    expect(ranks(r)).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it('never lets float noise split a tie', () => {
    const r = rankUnits([
      { uCode: 'x', score: 0.1 + 0.2 },
      { uCode: 'y', score: 0.3 },
      { uCode: 'z', score: 0.29 },
    ]);
    expect(ranks(r)).toEqual([
      ['x', 1],
      ['y', 1],
      ['z', 3],
    ]);
    expect(rankKey(0.1 + 0.2)).toBe(rankKey(0.3));
  });

  it('compares after rounding to the configured number of decimals', () => {
    const units = [
      { uCode: 'a', score: 72.441 },
      { uCode: 'b', score: 72.444 },
    ];
    expect(ranks(rankUnits(units))).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
    expect(ranks(rankUnits(units, { decimals: 2 }))).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });

  it('puts units without a score last, unranked', () => {
    const r = rankUnits([
      { uCode: 'm', score: null },
      { uCode: 'a', score: 1 },
    ]);
    expect(ranks(r)).toEqual([
      ['a', 1],
      ['m', null],
    ]);
  });

  it('orders ties by uCode whatever the input order', () => {
    const a = rankUnits([
      { uCode: '11215', score: 5 },
      { uCode: '11110', score: 5 },
    ]);
    const b = rankUnits([
      { uCode: '11110', score: 5 },
      { uCode: '11215', score: 5 },
    ]);
    expect(a).toEqual(b);
    expect(a.map((u) => u.uCode)).toEqual(['11110', '11215']);
  });

  it('rejects repeated codes, NaN scores and bad decimals, listing every problem', () => {
    const r = safely(() =>
      rankUnits(
        [
          { uCode: 'a', score: NaN },
          { uCode: 'a', score: 1 },
        ],
        { decimals: 20 },
      ),
    );
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error).toBeInstanceOf(EngineInputError);
    expect(r.error.issues.map((i) => i.code)).toEqual(['config.invalid', 'input.not_finite', 'input.duplicate_unit']);
    expect(r.error.message).toMatch(/^rankUnits: 3 problems/);
    expect(r.error.issues[1]?.location.field).toBe('units[0].score');
    expect(r.error.issues[1]?.message.ko).toContain('유한한 숫자가 아닙니다');
  });
});
