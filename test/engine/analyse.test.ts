/**
 * `analyse` (COINr get_stats, get_corr, get_cronbach, get_PCA, remove_elements): hand-worked small cases, then
 * every number of the ASEM audit against a second, naive implementation written here from the raw CSV (read with
 * csv-parse) and from `score`'s published result — never from the analysis code itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { analyse, formatAnalysisJson, readCsvInput, readJsonInput, score, type AnalysisResult, type ScoreResult } from '../../src/engine/index.js';
import { cronbachAlpha } from '../../src/engine/analysis/cronbach.js';
import { pearson } from '../../src/engine/analysis/pairwise.js';
import { principalComponents } from '../../src/engine/analysis/pca.js';
import { columnStats } from '../../src/engine/analysis/analyse.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const dir = path.resolve(repoRoot, '../shared/data/coinr-asem');
const present = existsSync(path.join(dir, 'ASEM_iData.csv')) && existsSync(path.join(dir, 'ASEM_iMeta.csv'));
if (!present) console.info('ASEM data set not found next to the repository (../shared/data/coinr-asem): skipping its tests');

// ── Naive second implementation (plain arrays, textbook formulas) ────────────────────────────────────────────────

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && !Number.isNaN(v);
const avg = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

function naiveStats(values: (number | null)[]) {
  const xs = values.filter(isNum);
  const n = xs.length;
  const m = avg(xs);
  const sorted = [...xs].sort((a, b) => a - b);
  const med = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const sd = Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
  // e1071 type 2 via the unbiased moment estimators G1 = sqrt(n(n−1))/(n−2) · g1, G2 = ((n+1) g2 + 6)(n−1)/((n−2)(n−3)).
  const m2 = xs.reduce((s, v) => s + (v - m) ** 2, 0) / n;
  const m3 = xs.reduce((s, v) => s + (v - m) ** 3, 0) / n;
  const m4 = xs.reduce((s, v) => s + (v - m) ** 4, 0) / n;
  const g1 = m3 / m2 ** 1.5;
  const g2 = m4 / m2 ** 2 - 3;
  const skew = (Math.sqrt(n * (n - 1)) / (n - 2)) * g1;
  const kurt = (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3));
  const rows = values.length;
  const flags: string[] = [];
  if (n / rows < 0.65) flags.push('lowAvailability');
  if (xs.filter((v) => v !== 0).length / rows < 0.5) flags.push('manyZeros');
  if (new Set(xs).size / rows < 0.5) flags.push('fewUnique');
  if (Math.abs(skew) > 2 && kurt > 3.5) flags.push('outliers');
  return { n, min: sorted[0]!, max: sorted[n - 1]!, mean: m, median: med, sd, skew, kurtosis: kurt, flags };
}

/** R's cor(use = "pairwise.complete.obs") written out. */
function naiveR(x: (number | null)[], y: (number | null)[]): number {
  const pairs = x.map((v, i) => [v, y[i]] as const).filter(([a, b]) => isNum(a) && isNum(b)) as [number, number][];
  const mx = avg(pairs.map((p) => p[0]));
  const my = avg(pairs.map((p) => p[1]));
  const sxy = pairs.reduce((s, [a, b]) => s + (a - mx) * (b - my), 0);
  const sxx = pairs.reduce((s, [a]) => s + (a - mx) ** 2, 0);
  const syy = pairs.reduce((s, [, b]) => s + (b - my) ** 2, 0);
  return sxy / Math.sqrt(sxx * syy);
}

function naiveCov(x: (number | null)[], y: (number | null)[]): number {
  const pairs = x.map((v, i) => [v, y[i]] as const).filter(([a, b]) => isNum(a) && isNum(b)) as [number, number][];
  if (pairs.length < 2) return NaN;
  const mx = avg(pairs.map((p) => p[0]));
  const my = avg(pairs.map((p) => p[1]));
  return pairs.reduce((s, [a, b]) => s + (a - mx) * (b - my), 0) / (pairs.length - 1);
}

/** Cronbach's α from the full covariance matrix: k/(k−1) · (1 − Σ var / Σ all), equal to COINr's k²σ̄/Σall. */
function naiveAlpha(cols: (number | null)[][]): number {
  const k = cols.length;
  let all = 0;
  let diag = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const c = naiveCov(cols[i]!, cols[j]!);
      if (Number.isNaN(c)) continue;
      all += c;
      if (i === j) diag += c;
    }
  return (k / (k - 1)) * (1 - diag / all);
}

/** PCA by power iteration with deflation on the correlation matrix of the complete rows (a different algorithm). */
function naivePca(cols: (number | null)[][]) {
  const k = cols.length;
  const rows = cols[0]!.map((_, u) => u).filter((u) => cols.every((c) => isNum(c[u])));
  const data = cols.map((c) => rows.map((u) => c[u]!));
  const R = data.map((a) => data.map((b) => naiveR(a, b)));
  const values: number[] = [];
  let first: number[] = [];
  const M = R.map((r) => [...r]);
  for (let comp = 0; comp < Math.min(k, rows.length); comp++) {
    let v = Array.from({ length: k }, (_, i) => 1 + i / 10);
    let lambda = 0;
    for (let it = 0; it < 5000; it++) {
      const w = M.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0));
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      v = w.map((x) => x / norm);
      lambda = norm;
    }
    values.push(lambda);
    if (comp === 0) first = v;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) M[i]![j]! -= lambda * v[i]! * v[j]!;
  }
  const big = first.reduce((b, x, i) => (Math.abs(x) > Math.abs(first[b]!) ? i : b), 0);
  if (first[big]! < 0) first = first.map((x) => -x);
  return { shares: values.map((l) => l / k), loadings: first };
}

// ── Hand-worked small cases ──────────────────────────────────────────────────────────────────────────────────────

describe('statistics worked by hand', () => {
  it('Pearson r on the pairwise complete rows', () => {
    // rows 1–3 only: x = 1, 2, 3; y = 2, 4, 7 → dx = −1, 0, 1; dy = −7/3, −1/3, 8/3 → r = 5 / sqrt(2 · 38/3)
    expect(pearson(Float64Array.of(1, 2, 3, NaN), Float64Array.of(2, 4, 7, 1))).toBeCloseTo(5 / Math.sqrt((2 * 38) / 3), 14);
    expect(pearson(Float64Array.of(1, 2, 3), Float64Array.of(3, 2, 1))).toBe(-1);
    expect(pearson(Float64Array.of(1, 1, 1), Float64Array.of(3, 2, 1))).toBeNaN();
    expect(pearson(Float64Array.of(1, NaN), Float64Array.of(NaN, 2))).toBeNaN();
  });

  it("Cronbach's α: var 1 and 4, cov 2 → 4 · 2 / 9", () => {
    expect(cronbachAlpha([Float64Array.of(1, 2, 3), Float64Array.of(2, 4, 6)])).toBeCloseTo(8 / 9, 14);
    expect(cronbachAlpha([Float64Array.of(1, 2, 3)])).toBeNaN();
    // identical columns: α = 1; opposite columns: Σall = 0 → undefined
    expect(cronbachAlpha([Float64Array.of(1, 5, 2), Float64Array.of(1, 5, 2), Float64Array.of(1, 5, 2)])).toBeCloseTo(1, 14);
  });

  it('PCA of two columns with r = 0.5: eigenvalues 1.5 and 0.5, loadings 1/√2', () => {
    // x = 1,2,3,4 ; y = 1,3,2,4 → r = 0.8; x, z = 2,1,4,3 → r = 0.6; use r(x,y) = 0.8: shares 0.9 and 0.1
    const p = principalComponents([Float64Array.of(1, 2, 3, 4, NaN), Float64Array.of(1, 3, 2, 4, 9)])!;
    expect(p.rows).toBe(4);
    expect(p.varianceExplained[0]).toBeCloseTo(0.9, 12);
    expect(p.varianceExplained[1]).toBeCloseTo(0.1, 12);
    expect(p.loadings[0]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(p.loadings[1]).toBeCloseTo(Math.SQRT1_2, 12);
    // the sign is made positive on the largest loading
    const q = principalComponents([Float64Array.of(1, 2, 3, 4), Float64Array.of(4, 3, 2, 1.5)])!;
    const largest = q.loadings.reduce((b, x, i) => (Math.abs(x) > Math.abs(q.loadings[b]!) ? i : b), 0);
    expect(q.loadings[largest]).toBeGreaterThan(0);
    expect(principalComponents([Float64Array.of(1, 1, 1), Float64Array.of(1, 2, 3)])).toBeNull();
  });

  it('column statistics and COINr flags', () => {
    const s = columnStats('x', Float64Array.of(0, 0, 0, 4, NaN, NaN));
    // d = −1, −1, −1, 3: Σd² 12, Σd³ 24, Σd⁴ 84 → skew 2·24/12^1.5 · √12/2 = 2, kurtosis ((5)(4·84/144 − 3) + 6)·3/2 = 4
    expect(s).toMatchObject({ n: 4, min: 0, max: 4, mean: 1, median: 0, sd: 2 });
    expect(s.skew).toBeCloseTo(2, 12);
    expect(s.kurtosis).toBeCloseTo(4, 12);
    // availability 4/6 ≥ 0.65; non-zero 1/6 and unique 2/6 below 0.5; |skew| (2 − 2e−16 here) is not above 2
    expect(s.flags).toEqual(['manyZeros', 'fewUnique']);
    const t = columnStats('y', Float64Array.of(1, 2));
    expect(t).toMatchObject({ n: 2, skew: null, kurtosis: null, sd: Math.SQRT1_2 });
  });

  it('a three-unit framework audited end to end', () => {
    const input = {
      iMeta: [
        { iCode: 'T', iName: 'T', Level: 2, Parent: null, Weight: null, Direction: 1, Type: 'Aggregate' },
        { iCode: 'x', iName: 'x', Level: 1, Parent: 'T', Weight: 1, Direction: 1, Type: 'Indicator' },
        { iCode: 'y', iName: 'y', Level: 1, Parent: 'T', Weight: 1, Direction: -1, Type: 'Indicator' },
      ],
      iData: [
        { uCode: 'A', uName: 'A', x: 1, y: 2 },
        { uCode: 'B', uName: 'B', x: 3, y: 4 },
        { uCode: 'C', uName: 'C', x: 5, y: 1 },
      ],
    };
    const r = analyse(input);
    // normalised x = 0, 50, 100; y = 66.67, 0, 100; T = 33.33, 25, 100 → ranks 2, 3, 1
    expect(r.correlations.map((c) => [c.a, c.b, c.relation])).toEqual([
      ['x', 'T', 'parent'],
      ['y', 'T', 'parent'],
      ['x', 'y', 'sibling'],
    ]);
    expect(r.correlations[2]!.r).toBeCloseTo(naiveR([0, 50, 100], [200 / 3, 0, 100]), 12);
    // without x: ranks by y 2, 3, 1 → unchanged; without y: ranks by x 3, 2, 1 → A and B move by 1
    expect(r.removal).toEqual([
      { level: 1, code: 'x', meanAbsRankChange: 0 },
      { level: 1, code: 'y', meanAbsRankChange: 2 / 3 },
    ]);
    expect(r.stats.map((s) => s.iCode)).toEqual(['x', 'y']);
    expect(r.inputHash).toBe(score(input).inputHash);
  });
});

// ── ASEM: every number against the naive implementation ─────────────────────────────────────────────────────────

type Row = Record<string, string>;

describe.skipIf(!present)('ASEM audit (COINr default pipeline) against a naive implementation', () => {
  const metaBytes = present ? readFileSync(path.join(dir, 'ASEM_iMeta.csv')) : new Uint8Array();
  const dataBytes = present ? readFileSync(path.join(dir, 'ASEM_iData.csv')) : new Uint8Array();
  const meta = present ? (parse(metaBytes, { columns: true }) as Row[]) : [];
  const data = present ? (parse(dataBytes, { columns: true }) as Row[]) : [];
  const prepared = present ? readCsvInput({ name: 'ASEM_iMeta.csv', content: metaBytes }, { name: 'ASEM_iData.csv', content: dataBytes }) : null;
  if (prepared && !prepared.success) throw prepared.error;
  const input = prepared?.success ? prepared.data : null;
  const audit: AnalysisResult = input ? analyse(input) : ({} as AnalysisResult);
  const scored: ScoreResult = input ? score(input) : ({} as ScoreResult);
  const indicators = meta.filter((m) => m['Type'] === 'Indicator');
  const aggregates = meta.filter((m) => m['Type'] === 'Aggregate');
  const childrenOf = (code: string) =>
    meta.filter((m) => m['Parent'] === code && (m['Type'] === 'Indicator' || m['Type'] === 'Aggregate')).map((m) => m['iCode']!);
  const isIndicator = new Set(indicators.map((m) => m['iCode']!));
  /** A node's column over the units in iData order, from score's result: normalised indicator or aggregate score. */
  const column = (code: string) =>
    data.map((row) => {
      const u = scored.units.find((x) => x.uCode === row['uCode'])!;
      return (isIndicator.has(code) ? u.normalised[code] : u.scores[code]) ?? null;
    });

  it('stats: every indicator, every statistic and flag, from the raw CSV', () => {
    expect(audit.stats.map((s) => s.iCode)).toEqual(indicators.map((m) => m['iCode']));
    for (const s of audit.stats) {
      const values = data.map((r) => (r[s.iCode] === 'NA' || r[s.iCode] === '' ? null : Number(r[s.iCode])));
      const e = naiveStats(values);
      expect(s.n).toBe(e.n);
      expect(s.min).toBe(e.min);
      expect(s.max).toBe(e.max);
      for (const k of ['mean', 'median', 'sd', 'skew', 'kurtosis'] as const) expect(s[k]).toBeCloseTo(e[k], 9);
      expect(s.flags).toEqual(e.flags);
    }
    // some flags do fire on ASEM (COINr flags Flights, Gas, … as outliers)
    expect(audit.stats.find((s) => s.iCode === 'Gas')!.flags).toContain('outliers');
    expect(audit.stats.filter((s) => s.flags.includes('fewUnique')).map((s) => s.iCode)).toEqual(['Tariff', 'TIRcon', 'RTAs', 'Visa', 'Poverty']);
  });

  it('correlations: each element with its parent and every pair of siblings, naive pairwise Pearson', () => {
    const expected: { a: string; b: string; relation: string }[] = [];
    const topDown = [...aggregates].sort((x, y) => Number(y['Level']) - Number(x['Level']));
    for (const agg of topDown) {
      const kids = childrenOf(agg['iCode']!);
      for (const c of kids) expected.push({ a: c, b: agg['iCode']!, relation: 'parent' });
      for (let i = 0; i < kids.length; i++) for (let j = i + 1; j < kids.length; j++) expected.push({ a: kids[i]!, b: kids[j]!, relation: 'sibling' });
    }
    expect(audit.correlations.map(({ a, b, relation }) => ({ a, b, relation }))).toEqual(expected);
    for (const c of audit.correlations) expect(c.r).toBeCloseTo(naiveR(column(c.a), column(c.b)), 10);
  });

  it("Cronbach's α of every aggregate's normalised children", () => {
    expect(Object.keys(audit.cronbach).sort()).toEqual(aggregates.map((a) => a['iCode']).sort());
    for (const agg of aggregates) {
      const code = agg['iCode']!;
      expect(audit.cronbach[code]).toBeCloseTo(naiveAlpha(childrenOf(code).map(column)), 10);
    }
  });

  it('PCA of every aggregate: variance shares and PC1 loadings (listwise deletion, scaled)', () => {
    for (const agg of aggregates) {
      const code = agg['iCode']!;
      const kids = childrenOf(code);
      const e = naivePca(kids.map(column));
      const p = audit.pca[code]!;
      expect(p.varianceExplained.length).toBe(e.shares.length);
      p.varianceExplained.forEach((v, i) => expect(v).toBeCloseTo(e.shares[i]!, 6));
      expect(Object.keys(p.loadings)).toEqual(kids);
      kids.forEach((c, i) => expect(p.loadings[c]).toBeCloseTo(e.loadings[i]!, 6));
    }
  });

  it('removal: the index re-scored from an iMeta with the element weighing 0, rank by rank', () => {
    const numeric = new Set(['Level', 'Weight', 'Direction', 'Target']);
    const iMeta = meta.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === 'NA' ? null : numeric.has(k) ? Number(v) : v])));
    const text = new Set(['uName', 'uCode', 'GDP_group', 'GDPpc_group', 'Pop_group', 'EurAsia_group']);
    const iData = data.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === 'NA' ? null : text.has(k) ? v : Number(v)])));
    const nominal = new Map(scored.units.map((u) => [u.uCode, u.rank!]));
    const elements = [
      ...indicators.map((m) => ({ level: 1, code: m['iCode']! })),
      ...aggregates.filter((m) => m['Level'] === '2').map((m) => ({ level: 2, code: m['iCode']! })),
    ];
    expect(audit.removal.map(({ level, code }) => ({ level, code }))).toEqual(elements);
    for (const e of elements) {
      const changed = iMeta.map((r) => (r['iCode'] === e.code ? { ...r, Weight: 0 } : r));
      const json = readJsonInput({ name: 'asem.json', content: JSON.stringify({ iMeta: changed, iData }) });
      if (!json.success) throw json.error;
      const again = score(json.data);
      const diffs = again.units.map((u) => Math.abs(u.rank! - nominal.get(u.uCode)!));
      expect(audit.removal.find((r) => r.code === e.code)!.meanAbsRankChange).toBeCloseTo(avg(diffs), 12);
    }
    expect(Math.max(...audit.removal.map((r) => r.meanAbsRankChange!))).toBeGreaterThan(1);
  });

  it('is deterministic and carries the scoring input hash', () => {
    expect(formatAnalysisJson(analyse(input!))).toBe(formatAnalysisJson(audit));
    expect(audit.inputHash).toBe(scored.inputHash);
  });
});
