import { describe, expect, it } from 'vitest';
import { score } from '../../src/engine/index.js';
import { denominate } from '../../src/engine/denominate.js';
import { imputeColumn } from '../../src/engine/impute.js';
import { logTransformCT } from '../../src/engine/log-transform.js';
import { dataAvailability } from '../../src/engine/screen.js';
import { checkSkewKurtosis } from '../../src/engine/skew-kurtosis-check.js';
import { treatColumn } from '../../src/engine/treat.js';
import { winsorise } from '../../src/engine/winsorise.js';
import { yearOnYearGrowth } from '../../src/engine/year-on-year.js';
import { aggregate, evaluation, indicator, units } from './engine-fixtures.js';

describe('denominate (COINr Denominate)', () => {
  it('divides by the denominator over its ScaleFactor and makes a zero denominator missing', () => {
    const out = new Float64Array(3);
    const zeros = denominate(Float64Array.of(50, 30, 7), Float64Array.of(1000, 500, 0), 100000, out);
    expect(Array.from(out)).toEqual([5000, 6000, NaN]);
    expect(zeros).toBe(1);
  });
});

describe('year-on-year growth', () => {
  it('is the percent change against the previous value, missing when that is 0 or missing', () => {
    const out = new Float64Array(4);
    yearOnYearGrowth(Float64Array.of(110, 90, 5, 5), Float64Array.of(100, -100, 0, NaN), out);
    expect(Array.from(out)).toEqual([10, 190, NaN, NaN]);
  });
});

describe('impute (COINr i_mean, i_median, i_mean_grp)', () => {
  it('fills with the column mean or median', () => {
    const x = Float64Array.of(1, NaN, 3, 8);
    expect(imputeColumn(x, 'mean')).toBe(1);
    expect(x[1]).toBe(4);
    const y = Float64Array.of(1, NaN, 3, 8);
    imputeColumn(y, 'median');
    expect(y[1]).toBe(3);
  });
  it('fills within groups, leaves units without a group and groups without data as they are', () => {
    const x = Float64Array.of(1, NaN, 3, 10, NaN, NaN, NaN, NaN);
    const g = ['a', 'a', 'a', 'b', 'b', null, 'c', 'c'];
    expect(imputeColumn(x, 'mean', g)).toBe(2);
    expect(Array.from(x)).toEqual([1, 2, 3, 10, 10, NaN, NaN, NaN]);
  });
});

describe('screen (COINr Screen byNA)', () => {
  it('keeps units whose share of present values is at least the minimum', () => {
    // 2 indicators × 3 units, indicator-major: unit 1 misses one value (50 %), unit 2 both (0 %).
    const m = Float64Array.of(1, NaN, NaN, 4, 5, NaN);
    expect(Array.from(dataAvailability(m, 2, 3))).toEqual([1, 0.5, 0]);
  });
  it('removes screened units from the results and reports them', () => {
    const iMeta = [aggregate('T', 2, null), indicator('x', 'T', 1), indicator('y', 'T', 1)];
    const iData = units({ A: { x: 1, y: 2 }, B: { x: 3, y: null }, C: { x: 5, y: 6 } });
    const r = score(evaluation(iMeta, iData, { screen: { minShare: 0.9 } }));
    expect(r.units.map((u) => u.uCode).sort()).toEqual(['A', 'C']);
    expect(r.removedUnits).toEqual([{ uCode: 'B', uName: 'Unit B', dataAvailability: 0.5 }]);
  });
});

describe('outlier treatment (COINr Treat: winsorise, else log_CT)', () => {
  it('uses the skew/kurtosis test: fail only when |skew| ≥ 2 and kurtosis ≥ 3.5', () => {
    expect(checkSkewKurtosis(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100)).pass).toBe(false);
    expect(checkSkewKurtosis(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).pass).toBe(true);
  });

  it('winsorises the highest point to the next one until the column passes', () => {
    const r = winsorise(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100), 2);
    expect(Array.from(r.x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 30]);
    expect(r.nWinsorised).toBe(1);
    expect(r.high).toEqual([11]);
  });

  it('winsorises the lowest points when the skew is negative', () => {
    const r = winsorise(Float64Array.of(-100, -30, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1), 5);
    expect(r.x[0]).toBe(-30);
    expect(r.low).toEqual([0]);
  });

  it('counts tied extremes as COINr does and stops at winmax', () => {
    const y = Float64Array.from([...Array.from({ length: 20 }, (_, i) => i + 1), 1000, 2000, 3000]);
    const r = winsorise(y, 2);
    // round 1: 3000 → 2000; round 2: both 2000s → 1000; two points winsorised, still failing.
    expect(Array.from(r.x.slice(20))).toEqual([1000, 1000, 1000]);
    expect(r.nWinsorised).toBe(2);
  });

  it('falls back to the log transform of the original values when winsorising does not suffice', () => {
    const y = Float64Array.from([...Array.from({ length: 20 }, (_, i) => i + 1), 1000, 2000, 3000]);
    const t = treatColumn(y, { winmax: 2, skewThreshold: 2, kurtosisThreshold: 3.5 });
    expect(t.treatment.action).toBe('log');
    // log_CT: log(x − min + 0.01 · (max − min)) = log(x − 1 + 29.99)
    expect(t.x[0]).toBeCloseTo(Math.log(29.99), 12);
    expect(t.x[22]).toBeCloseTo(Math.log(3000 - 1 + 29.99), 12);
    expect(Array.from(logTransformCT(Float64Array.of(0, 1, 100)))).toEqual([Math.log(1), Math.log(2), Math.log(101)]);
  });

  it('leaves a column that passes untouched and skips one with fewer than 4 values', () => {
    const x = Float64Array.of(1, 2, 3, 4, 5);
    expect(treatColumn(x, { winmax: 5, skewThreshold: 2, kurtosisThreshold: 3.5 }).treatment.action).toBe('none');
    expect(treatColumn(Float64Array.of(1, 2, NaN), { winmax: 5, skewThreshold: 2, kurtosisThreshold: 3.5 }).treatment.action).toBe('undecidable');
  });
});
