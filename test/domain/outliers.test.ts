import { describe, expect, it } from 'vitest';
import { outlierFlags, robustZScore } from '../../src/domain/submissions/index.js';

describe('robust z-score (Iglewicz & Hoaglin)', () => {
  it('scales by the median absolute deviation', () => {
    // reference [10, 12, 11, 13, 9]: median 11; |r − 11| = 1, 1, 0, 2, 2 → MAD = 1
    const r = robustZScore(20, [10, 12, 11, 13, 9]);
    expect(r).toEqual({ z: expect.closeTo(0.6745 * 9, 12), median: 11, mad: 1, scale: 'mad' });
    expect(r.z).toBeCloseTo(6.0705, 12);
    expect(robustZScore(15, [10, 12, 11, 13, 9]).z).toBeCloseTo(2.698, 12);
    expect(robustZScore(2, [10, 12, 11, 13, 9]).z).toBeCloseTo(-6.0705, 12);
  });

  it('uses the mean of the two middle values for an even sample', () => {
    // [40, 42, 41, 43]: median 41.5; deviations 1.5, 0.5, 0.5, 1.5 → MAD = 1
    const r = robustZScore(99, [40, 42, 41, 43]);
    expect(r.median).toBe(41.5);
    expect(r.mad).toBe(1);
    expect(r.z).toBeCloseTo(0.6745 * 57.5, 12);
  });

  it('falls back to the mean absolute deviation when MAD is 0', () => {
    // [4, 4, 4, 4, 0]: median 4; deviations 0, 0, 0, 0, 4 → MAD 0, meanAD 0.8
    const r = robustZScore(0, [4, 4, 4, 4, 0]);
    expect(r.scale).toBe('mean_ad');
    expect(r.z).toBeCloseTo(-4 / (1.253314 * 0.8), 12);
    expect(r.z).toBeCloseTo(-3.989423, 5);
  });

  it('gives ±Infinity when the reference has no spread and the value differs, 0 when it matches', () => {
    expect(robustZScore(5, [3, 3, 3])).toEqual({ z: Infinity, median: 3, mad: 0, scale: 'none' });
    expect(robustZScore(1, [3, 3, 3]).z).toBe(-Infinity);
    expect(robustZScore(3, [3, 3, 3]).z).toBe(0);
  });

  it('names the broken precondition instead of returning NaN', () => {
    expect(() => robustZScore(1, [])).toThrow(/robustZScore: the reference sample is empty/);
    expect(() => robustZScore(NaN, [1, 2, 3])).toThrow(/robustZScore: x must be a finite number/);
    expect(() => robustZScore(1, [1, Infinity])).toThrow(/robustZScore: every reference value/);
  });
});

describe('outlier flags', () => {
  const peers = [98, 99, 100, 101, 102, 100, 99, 101, 100, 100]; // median 100, MAD 1

  it('flags |z| > 3.5 against history and peers, each with its z and median', () => {
    expect(outlierFlags(20, { history: [10, 12, 11, 13, 9], peers: [] })).toEqual([{ kind: 'history', z: expect.closeTo(6.0705, 12), median: 11, n: 5 }]);
    expect(outlierFlags(10, { history: [40, 42, 41, 43], peers })).toEqual([
      { kind: 'history', z: expect.closeTo(0.6745 * -31.5, 12), median: 41.5, n: 4 },
      { kind: 'peers', z: expect.closeTo(0.6745 * -90, 12), median: 100, n: 10 },
    ]);
  });

  it('does not flag at or below the threshold', () => {
    // 0.6745 × 5 = 3.3725 ≤ 3.5; 0.6745 × 6 = 4.047 > 3.5
    expect(outlierFlags(105, { history: [], peers })).toEqual([]);
    expect(outlierFlags(106, { history: [], peers })).toHaveLength(1);
  });

  it('needs at least three reference values and a value', () => {
    expect(outlierFlags(1000, { history: [1, 2], peers: [5, 6] })).toEqual([]);
    expect(outlierFlags(null, { history: [1, 2, 3], peers })).toEqual([]);
  });

  it('flags a value unlike peers who all report the same, with z null', () => {
    expect(outlierFlags(3, { history: [], peers: [4, 4, 4, 4] })).toEqual([{ kind: 'peers', z: null, median: 4, n: 4 }]);
    expect(outlierFlags(4, { history: [], peers: [4, 4, 4, 4] })).toEqual([]);
  });
});
