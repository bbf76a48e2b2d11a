import { describe, expect, it } from 'vitest';
import { score } from '../../src/engine/index.js';
import { type MethodParams } from '../../src/engine/framework.js';
import { type MethodName } from '../../src/engine/input-schema.js';
import { normaliseColumn } from '../../src/engine/normalise.js';
import { aggregate, evaluation, indicator, units } from './engine-fixtures.js';

const base: MethodParams = {
  target: null,
  cap: null,
  floor: null,
  lo: null,
  hi: null,
  bands: null,
  bandScores: null,
  scaleL: 0,
  scaleU: 100,
  zMean: 0,
  zSd: 1,
};

function run(method: MethodName, values: number[], direction: 1 | -1 = 1, params: Partial<MethodParams> = {}) {
  const out = new Float64Array(values.length);
  const note = normaliseColumn(Float64Array.from(values), out, method, direction, { ...base, ...params });
  return { values: Array.from(out), note };
}

describe('minmax', () => {
  it('maps the range onto 0–100, reversed for Direction −1', () => {
    expect(run('minmax', [2, 4, 6]).values).toEqual([0, 50, 100]);
    expect(run('minmax', [2, 4, 6], -1).values).toEqual([100, 50, 0]);
  });
  it('uses the ScaleL–ScaleU bounds and keeps missing values missing', () => {
    expect(run('minmax', [2, 4, 6], 1, { scaleL: 1, scaleU: 100 }).values).toEqual([1, 50.5, 100]);
    expect(run('minmax', [2, NaN, 6]).values).toEqual([0, NaN, 100]);
  });
  it('turns a zero-range column into missing values and says so', () => {
    const r = run('minmax', [3, 3, 3]);
    expect(r.note).toBe('zero-range');
    expect(r.values.every((v) => Number.isNaN(v))).toBe(true);
  });
});

describe('zscore', () => {
  it('standardises with the sample standard deviation', () => {
    expect(run('zscore', [2, 4, 6]).values).toEqual([-1, 0, 1]);
    expect(run('zscore', [2, 4, 6], -1).values).toEqual([1, 0, -1]);
  });
  it('rescales to ZMean and ZSD and clips to Floor and Cap', () => {
    expect(run('zscore', [2, 4, 6], 1, { zMean: 50, zSd: 10 }).values).toEqual([40, 50, 60]);
    expect(run('zscore', [2, 4, 6], 1, { zMean: 50, zSd: 60, floor: 0, cap: 100 }).values).toEqual([0, 50, 100]);
  });
});

describe('rank and percentile', () => {
  it('ranks lowest = 1 with ties sharing the lowest rank (COINr n_rank)', () => {
    expect(run('rank', [10, 30, 20, 30, NaN]).values).toEqual([1, 3, 2, 3, NaN]);
    expect(run('rank', [10, 30, 20, 30, NaN], -1).values).toEqual([4, 1, 3, 1, NaN]);
  });
  it('gives percentile ranks on 0–100 (COINr n_prank × 100)', () => {
    const v = run('percentile', [10, 30, 20, 30, NaN]).values;
    expect(v[0]).toBe(0);
    expect(v[1]).toBeCloseTo(200 / 3, 12);
    expect(v[2]).toBeCloseTo(100 / 3, 12);
    expect(v[4]).toBeNaN();
  });
});

describe('target', () => {
  it('scores value / target × 100, capped at Cap', () => {
    expect(run('target', [100, 300, 0], 1, { target: 200, cap: 100 }).values).toEqual([50, 100, 0]);
    expect(run('target', [100, 300], 1, { target: 200, cap: 120 }).values).toEqual([50, 120]);
  });
  it('scores target / value × 100 when lower is better', () => {
    expect(run('target', [5, 20, 0], -1, { target: 10, cap: 100 }).values).toEqual([100, 50, 100]);
  });
});

describe('goalposts', () => {
  it('maps Lo..Hi onto 0..100 and clips outside', () => {
    expect(run('goalposts', [70, 90, 105], 1, { lo: 80, hi: 100 }).values).toEqual([0, 50, 100]);
    expect(run('goalposts', [70, 90, 105], -1, { lo: 80, hi: 100 }).values).toEqual([100, 50, 0]);
  });
});

describe('bands', () => {
  it('gives evenly spaced scores by band, lowest band first', () => {
    expect(run('bands', [5, 10, 25, 19.99], 1, { bands: [10, 20] }).values).toEqual([0, 50, 100, 50]);
    expect(run('bands', [5, 10, 25], -1, { bands: [10, 20] }).values).toEqual([100, 50, 0]);
  });
  it('uses BandScores when given', () => {
    expect(run('bands', [2, 4, 6, 9], 1, { bands: [3, 5, 8], bandScores: [0, 40, 70, 100] }).values).toEqual([0, 40, 70, 100]);
  });
});

describe('passthrough', () => {
  it('keeps 0–100 scores and rescales another scale', () => {
    expect(run('passthrough', [0, 55.5, 100]).values).toEqual([0, 55.5, 100]);
    expect(run('passthrough', [4], 1, { lo: 0, hi: 5 }).values).toEqual([80]);
    expect(run('passthrough', [30], -1).values).toEqual([70]);
  });
  it('reports values outside the scale', () => {
    expect(run('passthrough', [120]).note).toBe('out-of-scale');
  });
});

describe('per-capita and year-on-year through score()', () => {
  it('denominates by the Denominator column with its ScaleFactor when asked', () => {
    const iMeta = [
      aggregate('T', 2, null),
      indicator('x', 'T', 1, { Method: 'passthrough', Denominator: 'Pop', ScaleFactor: 100 }),
      { iCode: 'Pop', Type: 'Denominator' },
    ];
    const iData = units({ A: { x: 5, Pop: 100 }, B: { x: 30, Pop: 200 } });
    const plain = score(evaluation(iMeta, iData));
    expect(plain.units.find((u) => u.uCode === 'A')!.normalised['x']).toBe(5);
    const perCapita = score(evaluation(iMeta, iData, { denominate: true }));
    expect(perCapita.units.find((u) => u.uCode === 'A')!.normalised['x']).toBe(5);
    expect(perCapita.units.find((u) => u.uCode === 'B')!.normalised['x']).toBe(15);
  });

  it('scores growth against the previous Time, min–max by default', () => {
    const iMeta = [aggregate('T', 2, null), indicator('s', 'T', 1, { Method: 'yoy' })];
    const iData = [
      { uCode: 'A', Time: 2018, s: 100 },
      { uCode: 'B', Time: 2018, s: 200 },
      { uCode: 'C', Time: 2018, s: 50 },
      { uCode: 'A', Time: 2019, s: 110 },
      { uCode: 'B', Time: 2019, s: 180 },
      { uCode: 'C', Time: 2019, s: 60 },
    ];
    const r = score(evaluation(iMeta, iData));
    const byCode = Object.fromEntries(r.units.map((u) => [u.uCode, u.normalised['s']]));
    // growth: A +10 %, B −10 %, C +20 % → min–max
    expect(byCode['A']).toBeCloseTo(200 / 3, 12);
    expect(byCode['B']).toBe(0);
    expect(byCode['C']).toBe(100);
    expect(r.time).toBe(2019);
  });
});
