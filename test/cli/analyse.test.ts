/** `hopejobs analyse`: JSON contract and table, usage errors, bad input, `--out`. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerAnalyseCommand } from '../../src/cli/analyse.js';
import type { ScoreCommandIo } from '../../src/cli/score.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const asemDir = path.resolve(repoRoot, '../shared/data/coinr-asem');
const asemPresent = existsSync(path.join(asemDir, 'ASEM_iData.csv'));
if (!asemPresent) console.info('ASEM data set not found next to the repository (../shared/data/coinr-asem): skipping its CLI test');

function hopejobs(args: string[], files: Record<string, string | Uint8Array> = {}) {
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  const written: Record<string, string> = {};
  const io: ScoreCommandIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: (p) => {
      const f = files[p];
      if (f === undefined) {
        if (existsSync(p)) return readFileSync(p);
        throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      }
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    writeFile: (p, t) => void (written[p] = t),
    setExitCode: (c) => void (exitCode = c),
  };
  const program = new Command().exitOverride();
  registerAnalyseCommand(program, io);
  program.parse(['node', 'hopejobs', 'analyse', ...args]);
  return { stdout, stderr, exitCode, written };
}

const META = ['iCode,iName,Level,Parent,Weight,Direction,Type', 'T,총점,2,,,1,Aggregate', 'x,X,1,T,1,1,Indicator', 'y,Y,1,T,1,-1,Indicator'].join('\n');
const DATA = ['uCode,uName,x,y', 'A,광진구,1,2', 'B,마포구,3,4', 'C,관악구,5,1', 'D,중구,2,NA'].join('\n');
const files = { 'd.csv': DATA, 'm.csv': META };

describe('hopejobs analyse', () => {
  it('prints the JSON contract', () => {
    const r = hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--format', 'json'], files);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['engineVersion', 'inputHash', 'stats', 'correlations', 'cronbach', 'pca', 'removal']);
    const stats = doc['stats'] as { iCode: string; n: number; mean: number; flags: string[] }[];
    expect(stats.map((s) => [s.iCode, s.n, s.mean])).toEqual([
      ['x', 4, 11 / 4],
      ['y', 3, 7 / 3],
    ]);
    expect(Object.keys(stats[0]!)).toEqual(['iCode', 'n', 'min', 'max', 'mean', 'median', 'sd', 'skew', 'kurtosis', 'flags']);
    const corr = doc['correlations'] as { a: string; b: string; relation: string; r: number | null }[];
    expect(corr.map((c) => `${c.a}-${c.b}-${c.relation}`)).toEqual(['x-T-parent', 'y-T-parent', 'x-y-sibling']);
    // x normalised: 0, 50, 100, 25; y: 66.7, 0, 100, missing → r over A, B, C
    const xs = [0, 50, 100];
    const ys = [200 / 3, 0, 100];
    const mx = 50;
    const my = (200 / 3 + 100) / 3;
    const sxy = xs.reduce((s, v, i) => s + (v - mx) * (ys[i]! - my), 0);
    const expected = sxy / Math.sqrt(xs.reduce((s, v) => s + (v - mx) ** 2, 0) * ys.reduce((s, v) => s + (v - my) ** 2, 0));
    expect(corr[2]!.r).toBeCloseTo(expected, 12);
    expect(Object.keys(doc['cronbach'] as object)).toEqual(['T']);
    expect((doc['removal'] as { code: string }[]).map((x) => x.code)).toEqual(['x', 'y']);
    expect(r.stderr).toBe('');
  });

  it('prints tables in Korean by default and in English with --lang en', () => {
    const ko = hopejobs(['--data', 'd.csv', '--meta', 'm.csv'], files);
    expect(ko.exitCode).toBe(0);
    expect(ko.stdout).toContain('지표 통계 (원자료)');
    expect(ko.stdout).toMatch(/^T\s+-?\d\.\d{3}\s+\d\.\d{3}$/m);
    expect(ko.stdout).toMatch(/^x\s+y\s+같은 분야\s+-?\d\.\d{3}$/m);
    const en = hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--format', 'table', '--lang', 'en'], files);
    expect(en.stdout).toContain('Indicator statistics (raw data)');
    expect(en.stdout).toContain('Mean absolute change of the index rank');
  });

  it('writes --out instead of stdout', () => {
    const r = hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--format', 'json', '--out', 'audit.json'], files);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.written['audit.json']!)).toHaveProperty('removal');
  });

  it('refuses bad usage and bad input with exit code 2', () => {
    const csv = hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--format', 'csv'], files);
    expect(csv.exitCode).toBe(2);
    expect(csv.stderr).toContain('--format must be table or json');
    const none = hopejobs([], files);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('input needed');
    const bad = hopejobs(['--data', 'd.csv', '--meta', 'm.csv'], { ...files, 'd.csv': DATA.replace('A,광진구,1,2', 'A,광진구,abc,2') });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('"abc"');
    expect(bad.stdout).toBe('');
  });

  it.skipIf(!asemPresent)('audits ASEM (51 units, 49 indicators, 11 aggregates) in both formats', () => {
    const args = ['--data', path.join(asemDir, 'ASEM_iData.csv'), '--meta', path.join(asemDir, 'ASEM_iMeta.csv')];
    const json = hopejobs([...args, '--format', 'json']);
    expect(json.exitCode).toBe(0);
    const doc = JSON.parse(json.stdout) as { stats: unknown[]; cronbach: Record<string, number>; removal: { level: number }[] };
    expect(doc.stats).toHaveLength(49);
    expect(Object.keys(doc.cronbach)).toHaveLength(11);
    expect(doc.removal.filter((r) => r.level === 2)).toHaveLength(8);
    const table = hopejobs(args);
    expect(table.stdout).toMatch(/^Gas\s+51\s.*이상값$/m);
  });
});
