import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerScoreCommand, type ScoreCommandIo } from '../../src/cli/score.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const asemDir = path.resolve(repoRoot, '../shared/data/coinr-asem');
const asemPresent = existsSync(path.join(asemDir, 'ASEM_iData.csv'));

/** Runs `hopejobs score …` with in-memory files; returns what it printed, wrote and its exit code. */
async function hopejobs(args: string[], files: Record<string, string | Uint8Array> = {}) {
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
        if (existsSync(path.resolve(repoRoot, p))) return readFileSync(path.resolve(repoRoot, p));
        throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      }
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    writeFile: (p, t) => void (written[p] = t),
    setExitCode: (c) => void (exitCode = c),
  };
  const program = new Command().exitOverride();
  registerScoreCommand(program, io);
  await program.parseAsync(['node', 'hopejobs', 'score', ...args]);
  return { stdout, stderr, exitCode, written };
}

const META = ['iCode,iName,Level,Parent,Weight,Direction,Type', 'T,총점,2,,,1,Aggregate', 'x,X,1,T,1,1,Indicator', 'y,Y,1,T,1,-1,Indicator'].join('\n');
const DATA = ['uCode,uName,x,y', 'A,광진구,1,2', 'B,마포구,3,4', 'C,관악구,5,1'].join('\n');

describe('hopejobs score', () => {
  it('prints CSV with the contract header, sorted by rank then uCode', async () => {
    const r = await hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--format', 'csv'], { 'd.csv': DATA, 'm.csv': META });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('uCode,uName,T,Rank');
    // x: 0, 50, 100; y (lower is better): 66.7, 0, 100 → A 33.3, B 25, C 100
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['C', 'A', 'B']);
    expect(lines[1]).toBe('C,관악구,100,1');
  });

  it('prints byte-identical JSON for the same input, starting with engineVersion, inputHash and units', async () => {
    const files = { 'd.csv': DATA, 'm.csv': META };
    const a = await hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--format', 'json'], files);
    const b = await hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--format', 'json'], files);
    expect(a.stdout).toBe(b.stdout);
    const parsed = JSON.parse(a.stdout) as Record<string, unknown>;
    expect(Object.keys(parsed).slice(0, 3)).toEqual(['engineVersion', 'inputHash', 'units']);
    const unit = (parsed['units'] as Record<string, unknown>[])[0]!;
    expect(Object.keys(unit).slice(0, 5)).toEqual(['uCode', 'uName', 'rank', 'scores', 'normalised']);
    expect(parsed['inputHash']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('aligns the table by display width (Korean counts 2)', async () => {
    const r = await hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--no-explain'], { 'd.csv': DATA, 'm.csv': META });
    const rows = r.stdout.split('\n').filter((l) => /^\s+\d/.test(l));
    expect(rows).toHaveLength(3);
    const col = (l: string) => [...l].reduce((w, ch) => w + (/[가-힣]/.test(ch) ? 2 : 1), 0);
    expect(new Set(rows.map(col)).size).toBe(1);
  });

  it('writes to --out and nothing to stdout', async () => {
    const r = await hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--format', 'csv', '--out', 'out.csv'], { 'd.csv': DATA, 'm.csv': META });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.written['out.csv']).toMatch(/^uCode,uName,T,Rank\n/);
  });

  it('exits 2 with one line per problem and writes nothing on bad input', async () => {
    const badMeta = META.replace('y,Y,1,T', 'y,Y,1,Q');
    const badData = DATA.replace('B,마포구,3,4', 'B,마포구,three,4');
    const r = await hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--out', 'out.csv'], { 'd.csv': badData, 'm.csv': badMeta });
    expect(r.exitCode).toBe(2);
    expect(r.written).toEqual({});
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      'm.csv row 4 column "Parent" iCode y: Parent "Q"가 iMeta에 없습니다 | Parent "Q" is not in iMeta',
      'd.csv row 3 column "x" unit B: 숫자가 아닙니다: "three" | not a number: "three"',
    ]);
    const data = await hopejobs(['--data', 'd.csv', '--meta', 'm.csv'], { 'd.csv': badData, 'm.csv': META });
    expect(data.stderr.trimEnd().split('\n')).toEqual(['d.csv row 3 column "x" unit B: 숫자가 아닙니다: "three" | not a number: "three"']);
  });

  it('exits 2 for an empty file, a missing file and contradictory flags', async () => {
    expect((await hopejobs(['--data', 'd.csv', '--meta', 'm.csv'], { 'd.csv': '', 'm.csv': META })).stderr).toContain(
      'd.csv: 파일이 비어 있습니다 | the file is empty',
    );
    const missing = await hopejobs(['--data', 'nope.csv', '--meta', 'm.csv'], { 'm.csv': META });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('nope.csv: cannot read the file (ENOENT)');
    const both = await hopejobs(['e.json', '--data', 'd.csv', '--meta', 'm.csv']);
    expect(both.exitCode).toBe(2);
    const winmax = await hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--winmax', '3'], { 'd.csv': DATA, 'm.csv': META });
    expect(winmax.exitCode).toBe(2);
    expect(winmax.stderr).toContain('--winmax needs --treat');
    const flags = await hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--impute', 'mode', '--screen', '2', '--format', 'xml'], {
      'd.csv': DATA,
      'm.csv': META,
    });
    expect(flags.stderr.trimEnd().split('\n')).toHaveLength(3);
  });

  it('validates --sensitivity, --seed and --noise', async () => {
    const files = { 'd.csv': DATA, 'm.csv': META };
    const noSeed = await hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--sensitivity', '100'], files);
    expect(noSeed.exitCode).toBe(2);
    expect(noSeed.stderr).toContain('--sensitivity needs --seed');
    const bad = await hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--sensitivity', '0', '--seed', 'x', '--noise', '2'], files);
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(3);
    const seedAlone = await hopejobs(['--data', 'd.csv', '--meta', 'm.csv', '--seed', '7'], files);
    expect(seedAlone.exitCode).toBe(2);
  });

  it('scores the Seoul demo evaluation in points with explanations', async () => {
    const r = await hopejobs(['examples/seoul-2019.json']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('데모 데이터');
    expect(r.stdout).toContain('배점 합계 100점');
    expect(r.stdout).toContain('광진구');
    expect(r.stdout).toMatch(/중위 단위 .+ 대비/);
    const en = await hopejobs(['examples/seoul-2019.json', '--lang', 'en']);
    expect(en.stdout).toContain('points total 100');
    expect(en.stdout).toContain('Biggest gains');
  });

  it.skipIf(!asemPresent)('runs COINr’s full ASEM example from the command line', async () => {
    const rel = path.relative(repoRoot, asemDir);
    const r = await hopejobs([
      '--data',
      `${rel}/ASEM_iData.csv`,
      '--meta',
      `${rel}/ASEM_iMeta.csv`,
      '--format',
      'csv',
      '--denominate',
      '--impute',
      'mean:EurAsia_group',
      '--screen',
      '0.9',
      '--treat',
      '--winmax',
      '5',
    ]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/^CHE,Switzerland,68\.38\d*,1,/);
  });
});
