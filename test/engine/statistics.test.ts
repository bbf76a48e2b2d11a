import { describe, expect, it } from 'vitest';
import { median } from '../../src/engine/index.js';
import { kurtosis } from '../../src/engine/kurtosis.js';
import { mean } from '../../src/engine/mean.js';
import { skewness } from '../../src/engine/skewness.js';
import { sampleStandardDeviation } from '../../src/engine/standard-deviation.js';

// Expected values computed independently with SciPy: stats.skew(x, bias=False), stats.kurtosis(x, bias=False),
// numpy.std(x, ddof=1) — the same "type 2" definitions COINr uses (e1071 / Excel).
describe('descriptive statistics (COINr definitions)', () => {
  it('skips missing values in the mean and median', () => {
    expect(mean(Float64Array.of(1, NaN, 3))).toBe(2);
    expect(median(Float64Array.of(4, 1, NaN, 3, 2))).toBe(2.5);
    expect(median(Float64Array.of(5, 1, 3))).toBe(3);
    expect(mean(Float64Array.of(NaN))).toBeNaN();
  });

  it('computes the sample standard deviation with n − 1', () => {
    expect(sampleStandardDeviation(Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9))).toBeCloseTo(2.138089935299395, 14);
  });

  it('matches the type-2 skewness and kurtosis of SciPy', () => {
    const x = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100);
    expect(skewness(x)).toBeCloseTo(3.0632410342394993, 12);
    expect(kurtosis(x)).toBeCloseTo(9.741390834569144, 12);
    expect(skewness(Float64Array.of(1, 2, 3, 10))).toBeCloseTo(1.763632614803888, 12);
    expect(kurtosis(Float64Array.of(1, 2, 3, 4, 100))).toBeCloseTo(4.986865957200654, 12);
  });

  it('needs 3 values for skewness and 4 for kurtosis', () => {
    expect(skewness(Float64Array.of(1, 2))).toBeNaN();
    expect(kurtosis(Float64Array.of(1, 2, 3))).toBeNaN();
  });
});
