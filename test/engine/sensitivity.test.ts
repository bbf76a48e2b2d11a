import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compile,
  EngineInputError,
  formatCsv,
  formatJson,
  formatSensitivityCsv,
  formatSensitivityJson,
  formatSensitivityTable,
  readCsvInput,
  score,
  sensitivity,
  sensitivityBody,
} from '../../src/engine/index.js';
import { type AwardConfigInput } from '../../src/engine/awards.js';
import { safely } from '../../src/engine/engine-error.js';
import { type SensitivityOptions } from '../../src/engine/sensitivity-options.js';
import { positiveCopy } from '../../src/engine/sensitivity-plan.js';
import { nearestRankPercentile } from '../../src/engine/sensitivity-summary.js';
import { aggregate, evaluation, indicator, units } from './engine-fixtures.js';

const json = (r: ReturnType<typeof sensitivity>) => JSON.stringify(sensitivityBody(r));

/** Six districts, two fields; D1 is best on every indicator. */
const meta = [
  aggregate('T', 3, null),
  aggregate('F1', 2, 'T', 2),
  aggregate('F2', 2, 'T', 1),
  indicator('a', 'F1', 3),
  indicator('b', 'F1', 1, { Direction: -1 }),
  indicator('c', 'F2', 2),
  indicator('d', 'F2', 1),
];
const data = units({
  D1: { a: 10, b: 1, c: 9, d: 50 },
  D2: { a: 7, b: 4, c: 8, d: 20 },
  D3: { a: 6, b: 2, c: 3, d: 45 },
  D4: { a: 3, b: 5, c: 7, d: 30 },
  D5: { a: 5, b: 3, c: 5, d: 25 },
  D6: { a: 1, b: 6, c: 1, d: 10 },
});
const input = evaluation(meta, data);

const tiers: AwardConfigInput = {
  tiers: [
    { code: 'best', name: { ko: '최우수구', en: 'Best district' }, rule: { kind: 'topN', n: 1 } },
    { code: 'excellent', name: { ko: '우수구', en: 'Excellent district' }, rule: { kind: 'topN', n: 2 } },
  ],
};

describe('Monte Carlo sensitivity', () => {
  it('gives byte-identical JSON for the same input and seed, and other samples for another seed', () => {
    const options: SensitivityOptions = { runs: 600, seed: 7, noise: 0.4, keepSamples: true, awards: { config: tiers } };
    const a = sensitivity(input, options);
    const b = sensitivity(compile(input), options);
    expect(json(a)).toBe(json(b));
    expect(a.samples!.ranks).toEqual(b.samples!.ranks);
    const c = sensitivity(input, { ...options, seed: 8 });
    expect(c.samples!.scores).not.toEqual(a.samples!.scores);
    expect(json(c)).not.toBe(json(a));
  });

  it('with zero noise, every run ranks every unit at its nominal rank', () => {
    const r = sensitivity(input, { runs: 300, seed: 1, noise: 0, keepSamples: true });
    const nominal = score(input);
    for (const u of r.units) {
      const expected = nominal.units.find((x) => x.uCode === u.uCode)!;
      expect(u.nominalRank).toBe(expected.rank);
      expect(u.nominalScore).toBe(expected.scores['T']);
      expect([u.medianRank, u.rankP5, u.rankP95]).toEqual([u.nominalRank, u.nominalRank, u.nominalRank]);
      expect(u.meanScore).toBe(u.nominalScore);
      expect(u.sdScore).toBe(0);
    }
    const samples = r.samples!;
    samples.ranks.forEach((rank, k) => {
      const code = samples.units[k % samples.units.length]!;
      expect(rank).toBe(r.units.find((u) => u.uCode === code)!.nominalRank);
    });
  });

  it('keeps a unit that is best on every indicator at median rank 1 with the top tier in every run', () => {
    const r = sensitivity(input, {
      runs: 500,
      seed: 42,
      noise: 0.9,
      normalisations: ['nominal', 'minmax', 'zscore', 'rank', 'percentile'],
      aggregations: ['nominal', 'amean', 'gmean', 'hmean'],
      awards: { config: tiers },
    });
    const d1 = r.units.find((u) => u.uCode === 'D1')!;
    expect(d1.medianRank).toBe(1);
    expect(d1.rankP95).toBe(1);
    expect(d1.tierProbability).toEqual({ best: 1, excellent: 0 });
    expect(d1.nominalTier).toBe('best');
    expect(r.failedRuns).toBe(0); // z-scores are shifted to positive values for gmean / hmean runs
    for (const u of r.units) expect(u.scoredRuns).toBe(500);
  });

  it('moves ranks under weight noise, with percentiles around the nominal rank', () => {
    const r = sensitivity(input, { runs: 2000, seed: 3, noise: 0.5 });
    for (const u of r.units) {
      expect(u.rankP5!).toBeLessThanOrEqual(u.medianRank!);
      expect(u.medianRank!).toBeLessThanOrEqual(u.rankP95!);
    }
    expect(r.units.some((u) => u.rankP5 !== u.rankP95)).toBe(true);
    expect(r.units.map((u) => u.uCode)).toEqual(score(input).units.map((u) => u.uCode));
  });

  it('reports progress at most about 100 times, increasing, ending at 1', () => {
    const seen: number[] = [];
    sensitivity(input, { runs: 5000, seed: 1, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.length).toBeLessThanOrEqual(101);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    const one: number[] = [];
    sensitivity(input, { runs: 1, seed: 1, onProgress: (f) => one.push(f) });
    expect(one).toEqual([1]);
  });

  it('rejects bad options with one clear problem each', () => {
    const fields = (options: SensitivityOptions) => {
      const r = safely(() => sensitivity(input, options));
      if (r.success) throw new Error('expected a failure');
      return r.error.issues.map((i) => [i.code, i.location.field]);
    };
    expect(fields({ runs: 0, seed: 1 })).toEqual([['INVALID_OPTION', 'runs']]);
    expect(fields({ runs: -5, seed: 1 })).toEqual([['INVALID_OPTION', 'runs']]);
    expect(fields({ runs: 2.5, seed: 1 })).toEqual([['INVALID_OPTION', 'runs']]);
    expect(fields({ runs: 10, seed: 1, noise: 1 })).toEqual([['INVALID_OPTION', 'noise']]);
    expect(fields({ runs: 10, seed: 1, noise: -0.1 })).toEqual([['INVALID_OPTION', 'noise']]);
    expect(fields({ runs: 10, seed: 1, noise: NaN })).toEqual([['INVALID_OPTION', 'noise']]);
    expect(fields({ runs: 10, seed: 0.5 })).toEqual([['INVALID_OPTION', 'seed']]);
    expect(fields({ runs: 10, seed: 1, normalisations: ['rank', 'rank'] })).toEqual([['INVALID_OPTION', 'normalisations[1]']]);
    expect(fields({ runs: 10, seed: 1, aggregations: [] })).toEqual([['INVALID_OPTION', 'aggregations']]);
    expect(fields({ runs: 0, seed: 1, noise: 2 })).toHaveLength(2);
    const badTier = fields({ runs: 10, seed: 1, awards: { config: { tiers: [{ code: 'x', name: { ko: 'x', en: 'x' }, rule: { kind: 'topN', n: -1 } }] } } });
    expect(badTier[0]![1]).toMatch(/^awards\./);
    expect(() => sensitivity(input, { runs: 0, seed: 1 })).toThrow(/sensitivity: runs must be a whole number from 1/);
    expect(() => sensitivity(input, { runs: 10, seed: 1, noise: 1.5 })).toThrow(EngineInputError);
  });

  it('keeps a missing value as the lowest score in geometric runs under the zero policy', () => {
    const gaps = evaluation(meta, units({ A: { a: 5, b: 2, c: null, d: 40 }, B: { a: 4, b: 3, c: 6, d: 30 }, C: { a: 1, b: 5, c: 2, d: 10 } }));
    const r = sensitivity(gaps, { runs: 200, seed: 5, aggregations: ['gmean', 'hmean'], overrides: { missing: 'zero' } });
    expect(r.failedRuns).toBe(0);
    expect(r.units.every((u) => u.scoredRuns === 200)).toBe(true);
    expect(positiveCopy(Float64Array.of(2, NaN, 50), true)).toEqual(Float64Array.of(3, 1, 51));
    expect(positiveCopy(Float64Array.of(-2, NaN, 50))).toEqual(Float64Array.of(1, NaN, 53));
    const positive = Float64Array.of(2, 3);
    expect(positiveCopy(positive)).toBe(positive);
  });

  it('uses previous ranks for a most-improved tier', () => {
    const improved: AwardConfigInput = {
      tiers: [{ code: 'improved', name: { ko: '노력구', en: 'Most improved' }, rule: { kind: 'mostImproved', n: 1 } }],
    };
    const r = sensitivity(input, { runs: 50, seed: 1, noise: 0, awards: { config: improved, previousRanks: { D6: 1, D1: 6 } } });
    const d1 = r.units.find((u) => u.uCode === 'D1')!;
    expect(d1.tierProbability).toEqual({ improved: 1 });
    expect(r.units.find((u) => u.uCode === 'D6')!.tierProbability).toEqual({ improved: 0 });
  });
});

describe('nearest-rank percentiles', () => {
  it('takes the ⌈p/100 · n⌉-th smallest sample', () => {
    // samples 1, 1, 2, 3
    expect(nearestRankPercentile(Int32Array.of(2, 1, 1), 0, 3, 50)).toBe(1);
    expect(nearestRankPercentile(Int32Array.of(2, 1, 1), 0, 3, 51)).toBe(2);
    expect(nearestRankPercentile(Int32Array.of(2, 1, 1), 0, 3, 100)).toBe(3);
    // 20 samples equal to 1, then 980 equal to 2: the 5th percentile is the 50th sample
    expect(nearestRankPercentile(Int32Array.of(50, 950), 0, 2, 5)).toBe(1);
    expect(nearestRankPercentile(Int32Array.of(49, 951), 0, 2, 5)).toBe(2);
    expect(nearestRankPercentile(Int32Array.of(0, 0), 0, 2, 50)).toBeNull();
  });
});

describe('sensitivity output forms', () => {
  const result = score(input);
  const s = sensitivity(input, { runs: 100, seed: 7, awards: { config: tiers } });

  it('appends columns to the contract CSV without changing its columns', () => {
    const plain = formatCsv(result).trimEnd().split('\n');
    const extended = formatSensitivityCsv(result, s).trimEnd().split('\n');
    expect(extended[0]).toBe(`${plain[0]},MedianRank,RankP5,RankP95,ScoreMean,ScoreSD,P_best,P_excellent`);
    extended.slice(1).forEach((line, i) => expect(line.startsWith(`${plain[i + 1]},`)).toBe(true));
  });

  it('adds a "sensitivity" key after the contract JSON keys', () => {
    const parsed = JSON.parse(formatSensitivityJson(result, s)) as Record<string, unknown>;
    const contract = Object.keys(JSON.parse(formatJson(result)) as Record<string, unknown>);
    expect(Object.keys(parsed)).toEqual([...contract, 'sensitivity']);
    expect(parsed['sensitivity']).toEqual(JSON.parse(JSON.stringify(sensitivityBody(s))));
  });

  it('prints a table with the 90% rank interval and tier probabilities', () => {
    const table = formatSensitivityTable(s, { lang: 'en' });
    expect(table).toContain('90% rank interval');
    expect(table).toMatch(/D1\s+Unit D1\s+1\s+\[1–1\]/);
    expect(table).toContain('100.0%');
    expect(formatSensitivityTable(s)).toContain('최우수구');
  });
});

const asemDir = path.resolve(import.meta.dirname, '../..', '../shared/data/coinr-asem');
const asemPresent = existsSync(path.join(asemDir, 'ASEM_iData.csv'));
if (!asemPresent) console.info('ASEM data set not found next to the repository (../shared/data/coinr-asem): skipping its sensitivity test');

describe.skipIf(!asemPresent)('sensitivity on ASEM (51 units × 49 indicators)', () => {
  it('ranks as score() nominally and gives intervals that contain the median', () => {
    const prepared = readCsvInput(
      { name: 'ASEM_iMeta.csv', content: readFileSync(path.join(asemDir, 'ASEM_iMeta.csv')) },
      { name: 'ASEM_iData.csv', content: readFileSync(path.join(asemDir, 'ASEM_iData.csv')) },
    );
    if (!prepared.success) throw prepared.error;
    const nominal = score(prepared.data);
    const r = sensitivity(prepared.data, { runs: 1000, seed: 7 });
    expect(r.units.map((u) => [u.uCode, u.nominalRank])).toEqual(nominal.units.map((u) => [u.uCode, u.rank]));
    for (const u of r.units) {
      expect(u.rankP5!).toBeLessThanOrEqual(u.medianRank!);
      expect(u.medianRank!).toBeLessThanOrEqual(u.rankP95!);
    }
    expect(r.units[0]!.medianRank).toBe(1);
  });
});
