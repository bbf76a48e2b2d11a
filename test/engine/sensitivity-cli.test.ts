import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerScoreCommand, type ScoreCommandIo } from '../../src/cli/score.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Runs `hopejobs score …` with in-memory files (falling back to files of the repository). */
async function hopejobs(args: string[], files: Record<string, string> = {}, stderrIsTty = false) {
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  const io: ScoreCommandIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: (p) => {
      const f = files[p];
      if (f !== undefined) return new TextEncoder().encode(f);
      if (existsSync(path.resolve(repoRoot, p))) return readFileSync(path.resolve(repoRoot, p));
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    },
    writeFile: () => undefined,
    setExitCode: (c) => void (exitCode = c),
    stderrIsTty,
  };
  const program = new Command().exitOverride();
  registerScoreCommand(program, io);
  await program.parseAsync(['node', 'hopejobs', 'score', ...args]);
  return { stdout, stderr, exitCode };
}

const META = [
  'iCode,iName,Level,Parent,Weight,Direction,Type',
  'T,총점,2,,,1,Aggregate',
  'x,X,1,T,1,1,Indicator',
  'y,Y,1,T,2,-1,Indicator',
  'z,Z,1,T,1,1,Indicator',
].join('\n');
const DATA = ['uCode,uName,x,y,z', 'A,광진구,1,2,5', 'B,마포구,3,4,4', 'C,관악구,5,1,2', 'D,"중구, 서울",4,3,3'].join('\n');
const AWARDS = JSON.stringify({
  tiers: [
    { code: 'best', name: { ko: '최우수구', en: 'Best district' }, rule: { kind: 'topN', n: 1 } },
    { code: 'excellent', name: { ko: '우수구', en: 'Excellent district' }, rule: { kind: 'topN', n: 1 } },
  ],
});
const files = { 'd.csv': DATA, 'm.csv': META, 'awards.json': AWARDS };
const csvArgs = ['--data', 'd.csv', '--meta', 'm.csv'];

describe('hopejobs score --sensitivity', () => {
  it('prints identical output twice for the same seed', async () => {
    const args = ['examples/seoul-2019.json', '--sensitivity', '200', '--seed', '7', '--quiet'];
    const a = await hopejobs(args);
    const b = await hopejobs(args);
    expect(a.exitCode).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('민감도 분석: 몬테카를로 200회 · 시드 7 · 가중치 ±25%');
    expect(a.stdout).toMatch(/광진구\s+1\s+\[1–\d+\]/);
    const other = await hopejobs(['examples/seoul-2019.json', '--sensitivity', '200', '--seed', '8', '--quiet', '--format', 'json']);
    const same = await hopejobs(['examples/seoul-2019.json', '--sensitivity', '200', '--seed', '7', '--quiet', '--format', 'json']);
    expect(other.stdout).not.toBe(same.stdout);
  }, 60_000);

  it('prints award tier probabilities from --awards', async () => {
    const r = await hopejobs([...csvArgs, '--sensitivity', '300', '--seed', '7', '--awards', 'awards.json', '--lang', 'en'], files);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/90% rank interval\s+Mean score\s+SD\s+Tier now\s+Best district\s+Excellent district/);
    const sens = r.stdout.slice(r.stdout.indexOf('Sensitivity analysis'));
    expect(sens).toMatch(/%/);
  });

  it('reads award tiers and previous ranks from the evaluation JSON', async () => {
    const evaluationJson = JSON.stringify({
      iMeta: [
        { iCode: 'T', Level: 2, Parent: null, Type: 'Aggregate', Direction: 1 },
        { iCode: 'x', Level: 1, Parent: 'T', Weight: 1, Type: 'Indicator', Direction: 1 },
        { iCode: 'y', Level: 1, Parent: 'T', Weight: 1, Type: 'Indicator', Direction: 1 },
      ],
      iData: [
        { uCode: 'A', uName: 'A', x: 1, y: 1 },
        { uCode: 'B', uName: 'B', x: 3, y: 2 },
        { uCode: 'C', uName: 'C', x: 2, y: 3 },
      ],
      about: { awards: JSON.parse(AWARDS) as unknown, previousRanks: { A: 1 } },
    });
    const r = await hopejobs(['e.json', '--sensitivity', '50', '--seed', '1', '--format', 'json'], { 'e.json': evaluationJson });
    expect(r.exitCode).toBe(0);
    const s = (JSON.parse(r.stdout) as { sensitivity: { tiers: { code: string }[]; units: { tierProbability: Record<string, number> }[] } }).sensitivity;
    expect(s.tiers.map((t) => t.code)).toEqual(['best', 'excellent']);
    const total = s.units.reduce((n, u) => n + u.tierProbability['best']!, 0);
    expect(total).toBeCloseTo(1, 12); // exactly one best district per run (no ties here)
  });

  it('appends the sensitivity columns to the contract CSV', async () => {
    const plain = await hopejobs([...csvArgs, '--format', 'csv'], files);
    const r = await hopejobs([...csvArgs, '--format', 'csv', '--sensitivity', '100', '--seed', '3', '--awards', 'awards.json'], files);
    const lines = r.stdout.trimEnd().split('\n');
    const contract = plain.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${contract[0]},MedianRank,RankP5,RankP95,ScoreMean,ScoreSD,P_best,P_excellent`);
    lines.slice(1).forEach((l, i) => expect(l.startsWith(`${contract[i + 1]},`)).toBe(true));
    expect(r.stdout).toContain('"중구, 서울"');
  });

  it('rejects bad sensitivity options and award files with exit code 2 and no output', async () => {
    const bad = await hopejobs([...csvArgs, '--sensitivity', '10', '--seed', '1', '--noise', '1'], files);
    expect(bad.exitCode).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('--noise must be from 0 up to, not including, 1');
    const alt = await hopejobs([...csvArgs, '--sensitivity', '10', '--seed', '1', '--sensitivity-aggregate', 'amean,median'], files);
    expect(alt.stderr).toContain('--sensitivity-aggregate must be a comma-separated list');
    const missing = await hopejobs([...csvArgs, '--sensitivity', '10', '--seed', '1', '--awards', 'none.json'], files);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('none.json: cannot read the award configuration (ENOENT)');
    const wrong = await hopejobs([...csvArgs, '--sensitivity', '10', '--seed', '1', '--awards', 'w.json'], { ...files, 'w.json': '{"tiers":[{"code":"a"}]}' });
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/awards\.config\.tiers\[0\]/);
    const alone = await hopejobs([...csvArgs, '--seed', '3'], files);
    expect(alone.stderr).toContain('--seed needs --sensitivity');
    const awardsOnly = await hopejobs([...csvArgs, '--awards', 'awards.json'], files);
    expect(awardsOnly.exitCode).toBe(0);
    expect(awardsOnly.stdout).toMatch(/\n시상\n/);
  });

  it('shows progress on stderr only when it is a terminal', async () => {
    const quiet = await hopejobs([...csvArgs, '--sensitivity', '500', '--seed', '1', '--quiet'], files, false);
    expect(quiet.stderr).toBe('');
    const tty = await hopejobs([...csvArgs, '--sensitivity', '500', '--seed', '1', '--quiet'], files, true);
    expect(tty.stderr).toContain('sensitivity 99%');
    expect(tty.stdout).toBe(quiet.stdout);
  });
});
