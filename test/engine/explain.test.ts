import { describe, expect, it } from 'vitest';
import { score } from '../../src/engine/index.js';
import { medianUnit } from '../../src/engine/explain.js';
import { aggregate, evaluation, indicator, units } from './engine-fixtures.js';

const pointsMeta = [
  aggregate('T', 3, null, null),
  aggregate('F1', 2, 'T', 40),
  aggregate('F2', 2, 'T', 60),
  indicator('a', 'F1', 30, { Method: 'passthrough' }),
  indicator('b', 'F1', 10, { Method: 'passthrough' }),
  indicator('c', 'F2', 60, { Method: 'passthrough' }),
];

describe('points frameworks (배점)', () => {
  it('detects leaf weights totalling 100 and makes the top score the sum of earned points', () => {
    const r = score(evaluation(pointsMeta, units({ A: { a: 50, b: 100, c: 25 }, B: { a: 100, b: 0, c: 100 } })));
    expect(r.pointsMode).toBe(true);
    expect(r.totalPoints).toBe(100);
    const a = r.units.find((u) => u.uCode === 'A')!;
    // earned: a 15, b 10, c 15 → 40
    expect(a.points).toEqual({ a: 15, b: 10, c: 15 });
    expect(a.scores['T']).toBeCloseTo(40, 12);
    expect(a.contributions['F1']).toBeCloseTo(25, 12);
    expect(a.contributions['F2']).toBeCloseTo(15, 12);
  });

  it('lets a missing value earn no points (missing policy zero by default in points mode)', () => {
    const r = score(evaluation(pointsMeta, units({ A: { a: 50, b: null, c: 25 }, B: { a: 10, b: 10, c: 10 } })));
    expect(r.options.missing).toBe('zero');
    const a = r.units.find((u) => u.uCode === 'A')!;
    expect(a.points!['b']).toBe(0);
    expect(a.scores['T']).toBeCloseTo(30, 12);
  });

  it('is not detected when the leaf weights do not total 100', () => {
    const meta = pointsMeta.map((m) => (m.iCode === 'c' ? { ...m, Weight: 50 } : m));
    const r = score(evaluation(meta, units({ A: { a: 50, b: 100, c: 25 } })));
    expect(r.pointsMode).toBe(false);
    expect(r.units[0]!.points).toBeNull();
  });
});

describe('explanation', () => {
  const meta = [
    aggregate('T', 3, null),
    aggregate('X', 2, 'T', 1),
    aggregate('Y', 2, 'T', 3),
    indicator('a', 'X', 1, { Method: 'passthrough' }),
    indicator('b', 'X', 2, { Method: 'passthrough' }),
    indicator('c', 'Y', 1, { Method: 'passthrough' }),
    indicator('d', 'Y', 1, { Method: 'passthrough' }),
  ];
  const data = units({
    A: { a: 90, b: 80, c: 70, d: null },
    B: { a: 40, b: 50, c: 60, d: 70 },
    C: { a: 10, b: 20, c: 30, d: 40 },
  });

  it('splits the top score into contributions that add up, accounting for renormalisation', () => {
    const r = score(evaluation(meta, data));
    for (const u of r.units) {
      const leaves = ['a', 'b', 'c', 'd'].reduce((s, k) => s + (u.contributions[k] ?? 0), 0);
      expect(Math.abs(leaves - u.scores['T']!)).toBeLessThan(1e-9);
      expect(Math.abs(u.contributions['X']! + u.contributions['Y']! - u.scores['T']!)).toBeLessThan(1e-9);
    }
    const a = r.units.find((u) => u.uCode === 'A')!;
    // X = (90 + 160) / 3, Y = 70 (d missing → c carries Y), T = (X + 3·70) / 4
    expect(a.scores['T']).toBeCloseTo((250 / 3 + 210) / 4, 12);
    expect(a.contributions['d']).toBe(0);
    expect(a.contributions['c']).toBeCloseTo(210 / 4, 12);
    expect(a.contributions['a']).toBeCloseTo(90 / 3 / 4, 12);
  });

  it('compares with the median unit, whose differences add up to the score difference', () => {
    const r = score(evaluation(meta, data));
    expect(r.medianUnit).toBe('B');
    const a = r.units.find((u) => u.uCode === 'A')!;
    const b = r.units.find((u) => u.uCode === 'B')!;
    const e = a.explanation;
    expect(e.versus).toBe('B');
    expect(e.difference).toBeCloseTo(a.scores['T']! - b.scores['T']!, 12);
    const all = [...e.gains, ...e.losses].reduce((s, g) => s + g.difference, 0);
    expect(all).toBeCloseTo(e.difference!, 9);
    expect(e.gains[0]!.iCode).toBe('c');
    expect(e.losses[0]!.iCode).toBe('d');
    expect(e.ko).toMatch(/^Unit A — 1위, \d+\.\d\d점\. 중위 단위 Unit B\(\d+\.\d\d점\) 대비 \+\d+\.\d\d점\. 강점: c c \+/);
    expect(e.en).toContain('Biggest gains: c c +');
    expect(e.en).toContain('Biggest losses: d d -');
    expect(b.explanation.ko).toContain('지표별 기여가 같습니다');
  });

  it('chooses the median unit by score, then code', () => {
    expect(medianUnit([10, 30, 20, NaN], ['a', 'b', 'c', 'd'])).toBe(2);
    // 20 (b), 20 (c), 10, 5 → the second of four is c, at index 1
    expect(medianUnit([10, 20, 20, 5], ['a', 'c', 'b', 'd'])).toBe(1);
    expect(medianUnit([NaN], ['a'])).toBe(-1);
  });
});
