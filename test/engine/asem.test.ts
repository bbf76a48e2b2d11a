/**
 * The real ASEM data set (COINr 1.1.14's example, 51 countries × 49 indicators) through the CSV path. The values
 * checked here are computed independently in this file from the raw CSV (read with csv-parse, not the engine's
 * reader), or taken from COINr's own published output.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { formatCsv, readCsvInput, readJsonInput, score, type ScoreResult } from '../../src/engine/index.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const dir = path.resolve(repoRoot, '../shared/data/coinr-asem');
const present = existsSync(path.join(dir, 'ASEM_iData.csv')) && existsSync(path.join(dir, 'ASEM_iMeta.csv'));
if (!present) console.info('ASEM data set not found next to the repository (../shared/data/coinr-asem): skipping its tests');

type Row = Record<string, string>;

function load() {
  const metaBytes = readFileSync(path.join(dir, 'ASEM_iMeta.csv'));
  const dataBytes = readFileSync(path.join(dir, 'ASEM_iData.csv'));
  const prepared = readCsvInput({ name: 'ASEM_iMeta.csv', content: metaBytes }, { name: 'ASEM_iData.csv', content: dataBytes });
  if (!prepared.success) throw prepared.error;
  const meta = parse(metaBytes, { columns: true }) as Row[];
  const data = parse(dataBytes, { columns: true }) as Row[];
  return { prepared: prepared.data, meta, data };
}

/** Min–max of one raw column by Direction, computed here from the CSV. */
function minmax(data: Row[], code: string, direction: number): Map<string, number> {
  const values = data.map((r) => (r[code] === 'NA' || r[code] === '' ? NaN : direction * Number(r[code])));
  const present = values.filter((v) => !Number.isNaN(v));
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  return new Map(data.map((r, i) => [r['uCode']!, ((values[i]! - lo) / (hi - lo)) * 100]));
}

/** Equal-weight mean of present values (COINr a_amean with weights 1). */
function meanOf(values: number[]): number {
  const p = values.filter((v) => !Number.isNaN(v));
  return p.reduce((s, v) => s + v, 0) / p.length;
}

describe.skipIf(!present)('ASEM through the CSV path (COINr basic pipeline)', () => {
  const { prepared, meta, data } = present ? load() : ({} as ReturnType<typeof load>);
  const result: ScoreResult = present ? score(prepared) : ({} as ScoreResult);

  it('scores all 51 units with the index, a rank and every aggregate', () => {
    expect(result.units).toHaveLength(51);
    expect(result.top).toBe('Index');
    expect(result.aggregates.map((a) => a.iCode)).toEqual([
      'Index',
      'Conn',
      'Sust',
      'Physical',
      'ConEcFin',
      'Political',
      'Instit',
      'P2P',
      'Environ',
      'Social',
      'SusEcFin',
    ]);
    expect(result.indicators).toHaveLength(49);
    for (const u of result.units) {
      expect(u.rank).not.toBeNull();
      for (const a of result.aggregates) expect(u.scores[a.iCode]).toEqual(expect.any(Number));
    }
    expect(result.pointsMode).toBe(false);
  });

  it('matches a pillar computed by hand from the raw CSV (Political, Direction 1)', () => {
    const embs = minmax(data, 'Embs', 1);
    const igos = minmax(data, 'IGOs', 1);
    const vote = minmax(data, 'UNVote', 1);
    for (const code of ['AUT', 'KOR', 'LAO']) {
      const expected = meanOf([embs.get(code)!, igos.get(code)!, vote.get(code)!]);
      const unit = result.units.find((u) => u.uCode === code)!;
      expect(unit.scores['Political']).toBeCloseTo(expected, 10);
    }
  });

  it('respects Direction −1 and skips missing values (Instit, computed by hand)', () => {
    const codes = meta.filter((m) => m['Parent'] === 'Instit').map((m) => [m['iCode']!, Number(m['Direction'])] as const);
    expect(codes.some(([, d]) => d === -1)).toBe(true);
    const columns = codes.map(([c, d]) => minmax(data, c, d));
    for (const u of result.units) {
      const expected = meanOf(columns.map((col) => col.get(u.uCode)!));
      expect(u.scores['Instit']).toBeCloseTo(expected, 10);
    }
  });

  it('builds the index as the mean of its sub-indices and ranks it with ties sharing the best rank', () => {
    for (const u of result.units) {
      expect(u.scores['Index']).toBeCloseTo((u.scores['Conn']! + u.scores['Sust']!) / 2, 12);
    }
    const index = result.units.map((u) => u.scores['Index']!);
    for (const u of result.units) {
      const better = index.filter((v) => v > u.scores['Index']!).length;
      expect(u.rank).toBe(better + 1);
    }
    const ranks = result.units.map((u) => u.rank!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('prints the CSV contract: header, sort order, full precision', () => {
    const csv = formatCsv(result).trimEnd().split('\n');
    expect(csv[0]).toBe('uCode,uName,Index,Rank,Conn,Sust,Physical,ConEcFin,Political,Instit,P2P,Environ,Social,SusEcFin');
    expect(csv).toHaveLength(52);
    const first = result.units[0]!;
    expect(csv[1]).toBe(
      [
        first.uCode,
        first.uName,
        String(first.scores['Index']),
        String(first.rank),
        ...result.aggregates.slice(1).map((a) => String(first.scores[a.iCode])),
      ].join(','),
    );
  });

  it('gives the same hash and results from the JSON path', () => {
    const numeric = new Set(['Level', 'Weight', 'Direction', 'Target']);
    const iMeta = meta.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === 'NA' ? null : numeric.has(k) ? Number(v) : v])));
    const text = new Set(['uName', 'uCode', 'GDP_group', 'GDPpc_group', 'Pop_group', 'EurAsia_group']);
    const iData = data.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === 'NA' ? null : text.has(k) ? v : Number(v)])));
    const json = readJsonInput({ name: 'asem.json', content: JSON.stringify({ iMeta, iData }) });
    expect(json.success).toBe(true);
    if (!json.success) return;
    const again = score(json.data);
    expect(again.inputHash).toBe(result.inputHash);
    expect(formatCsv(again)).toBe(formatCsv(result));
  });
});

describe.skipIf(!present)('ASEM with COINr’s full example pipeline (build_example_coin)', () => {
  // denominate → impute (group mean by EurAsia_group) → screen (0.9) → treat (winmax 5) → minmax → amean
  const result: ScoreResult = present
    ? score(load().prepared, {
        denominate: true,
        impute: { method: 'mean', group: 'EurAsia_group' },
        screen: { minShare: 0.9 },
        treat: { winmax: 5 },
      })
    : ({} as ScoreResult);

  it('imputes the 65 missing values after denomination and removes no unit', () => {
    expect(result.imputedCells).toBe(65);
    expect(result.units).toHaveLength(51);
    expect(result.removedUnits).toEqual([]);
    expect(result.treatment.filter((t) => t.action !== 'none').length).toBeGreaterThan(0);
  });

  it('reproduces COINr’s published results table (vignette "Presenting Results", 2 decimals)', () => {
    // get_results(build_example_coin(), dset = "Aggregated", tab_type = "Aggs"), first six rows.
    const published: Record<string, number[]> = {
      CHE: [1, 68.38, 62.79, 73.98, 63.41, 32.87, 74.78, 85.94, 56.93, 77.21, 87.85, 56.88],
      NLD: [2, 64.82, 61.94, 67.7, 64.87, 46.62, 84.55, 71.74, 41.92, 58.73, 86.58, 57.78],
      DNK: [3, 64.8, 57.1, 72.51, 50.52, 30.43, 78.13, 75.35, 51.04, 69.83, 86.4, 61.29],
      NOR: [4, 64.47, 57.44, 71.5, 58.18, 25.7, 80.03, 89.46, 33.8, 70.9, 87.0, 56.59],
      BEL: [5, 63.54, 63.99, 63.09, 71.97, 48.22, 80.84, 75.6, 43.32, 53.01, 86.17, 50.09],
      SWE: [6, 63.0, 53.87, 72.12, 51.51, 23.87, 80.98, 74.51, 38.5, 66.37, 87.74, 62.27],
    };
    const order = ['Index', 'Conn', 'Sust', 'Physical', 'ConEcFin', 'Political', 'Instit', 'P2P', 'Environ', 'Social', 'SusEcFin'];
    expect(result.units.slice(0, 6).map((u) => u.uCode)).toEqual(Object.keys(published));
    for (const [code, [rank, ...scores]] of Object.entries(published)) {
      const u = result.units.find((x) => x.uCode === code)!;
      expect(u.rank).toBe(rank);
      order.forEach((a, k) => expect(Math.abs(u.scores[a]! - scores[k]!)).toBeLessThanOrEqual(0.005 + 1e-9));
    }
  });
});
