/**
 * Start-up benchmark (`npm run bench:startup`, or `npx tsx bench/startup.ts [--runs 7] [--restarts 3] [--only cli,server]`).
 *
 * Measures, in the same run and alternating between them, the two ways `hopejobs` can start: the compiled build in
 * dist/ (what `npm start` and `npx hopejobs` run; compiled first when missing or stale, `scripts/build.js server
 * --if-stale`) and the TypeScript sources through tsx (`HOPEJOBS_FROM_SOURCE=1`, how every start ran before the
 * build existed). Both go through bin/hopejobs.js, a fresh process each time:
 *   - `hopejobs score` on COINr's ASEM example (../shared/data/coinr-asem, as test/engine/score-cli.test.ts runs it;
 *     skipped with a notice when absent): wall time from spawn to exit, median and best of --runs (goal ≤ 300 ms);
 *   - `hopejobs --help`: the same (goal ≤ 200 ms);
 *   - the server (`hopejobs serve`) on a fresh PGlite data directory: the first start (migrations, demo data) until
 *     GET / answers 200, its resident memory (VmRSS) 5 s later, then --restarts times stop (SIGTERM, wait for the
 *     exit) and start again on the same port until GET / answers 200 (goal ≤ 3 s, median), and the idle resident
 *     memory 5 s after the last restart (goal ≤ 250 MB).
 * Prints one table with both forms and the ratio tsx / compiled, plus the machine (cores, load average): every
 * figure is a wall-clock time or a memory reading on whatever else the machine is doing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'hopejobs.js');
const asemDir = path.resolve(root, '../shared/data/coinr-asem');
const FALLBACK_NOTICE = 'running the TypeScript sources with tsx';
const SETTLE_MS = 5_000;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    restarts: { type: 'string', default: '3' },
    only: { type: 'string', default: 'cli,server' },
  },
});
const runs = Math.max(1, Number(values.runs));
const restarts = Math.max(1, Number(values.restarts));
const only = new Set(values.only.split(','));

type Form = 'compiled' | 'tsx';
const FORMS: Form[] = ['compiled', 'tsx'];
const formEnv = (form: Form): Record<string, string> => (form === 'tsx' ? { HOPEJOBS_FROM_SOURCE: '1' } : {});
const baseEnv = (): Record<string, string> => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn' });

// ── measuring ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Runs `hopejobs …` to its exit; the wall time from spawn to exit, in ms. */
function timeCli(form: Form, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...baseEnv(), ...formEnv(form) }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) reject(new Error(`hopejobs ${args.join(' ')} (${form}) exited with ${code}:\n${err}`));
      else if (form === 'compiled' && err.includes(FALLBACK_NOTICE)) reject(new Error(`hopejobs ran the sources, not dist/:\n${err}`));
      else resolve(ms);
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process in MB (Linux: /proc/<pid>/status), or null where that is not available. */
function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

interface Started {
  pid: number;
  /** From spawn until GET / answered 200, ms. */
  ms: number;
  stop(): Promise<void>;
}

/** Node's own options in `npm start` (e.g. the young generation's size), so the server is measured as it starts there. */
const startNodeOptions: string[] = (() => {
  const start = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  return start.split(/\s+/).filter((w) => w.startsWith('--'));
})();

/** Starts `hopejobs serve` (with `npm start`'s Node options) and polls GET / until it answers 200. */
async function startServer(form: Form, dataDir: string, port: number, timeoutMs: number): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...startNodeOptions, bin, 'serve'], {
    cwd: root,
    env: { ...baseEnv(), ...formEnv(form), PORT: String(port), HOST: '127.0.0.1', HOPEJOBS_DATA_DIR: dataDir, HOPEJOBS_DEMO_PASSWORD: 'bench-startup-1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server (${form}) exited with ${child.exitCode}:\n${out}`);
    if (form === 'compiled' && out.includes(FALLBACK_NOTICE)) {
      await stop();
      throw new Error(`hopejobs ran the sources, not dist/:\n${out}`);
    }
    if (performance.now() - t0 > timeoutMs) {
      await stop();
      throw new Error(`server (${form}) did not answer GET / within ${timeoutMs / 1000} s:\n${out}`);
    }
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      async (r) => {
        await r.arrayBuffer();
        return r.status === 200;
      },
      () => false,
    );
    if (ok) return { pid: child.pid!, ms: performance.now() - t0, stop };
    await new Promise((r) => setTimeout(r, 20));
  }
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────────────────────────

interface Row {
  what: string;
  goal: string;
  unit: 'ms' | 'MB';
  compiled: number | null;
  tsx: number | null;
  /** Met when the compiled figure is at most this. */
  limit: number | null;
}
const rows: Row[] = [];
const row = (what: string, goal: string, unit: Row['unit'], limit: number | null, figures: Record<Form, number | null>) =>
  rows.push({ what, goal, unit, limit, compiled: figures.compiled, tsx: figures.tsx });

console.log(
  `bench/startup: ${availableParallelism()} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, Node ${process.version}`,
);
const build = spawn(process.execPath, ['scripts/build.js', 'server', '--if-stale'], { cwd: root, stdio: 'inherit' });
const built = await new Promise<number | null>((r) => build.on('close', r));
if (built !== 0) throw new Error('scripts/build.js server failed');

async function cliRows(label: string, goal: string, limit: number, args: string[]) {
  const times: Record<Form, number[]> = { compiled: [], tsx: [] };
  await timeCli('compiled', args); // the first start reads the files from disk: not counted
  await timeCli('tsx', args);
  for (let i = 0; i < runs; i++) for (const form of FORMS) times[form].push(await timeCli(form, args));
  row(`${label}, median of ${runs}`, goal, 'ms', limit, { compiled: median(times.compiled), tsx: median(times.tsx) });
  row(`${label}, best of ${runs}`, '', 'ms', null, { compiled: Math.min(...times.compiled), tsx: Math.min(...times.tsx) });
}

if (only.has('cli')) {
  if (existsSync(path.join(asemDir, 'ASEM_iData.csv'))) {
    const rel = path.relative(root, asemDir);
    await cliRows('`hopejobs score` ASEM', '≤ 300 ms', 300, [
      'score',
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
  } else {
    console.log(`bench/startup: ${path.relative(root, asemDir)} not found, \`hopejobs score\` on ASEM skipped`);
  }
  await cliRows('`hopejobs --help`', '≤ 200 ms', 200, ['--help']);
}

if (only.has('server')) {
  const first: Record<Form, number | null> = { compiled: null, tsx: null };
  const firstRss: Record<Form, number | null> = { compiled: null, tsx: null };
  const restartTimes: Record<Form, number[]> = { compiled: [], tsx: [] };
  const idleRss: Record<Form, number | null> = { compiled: null, tsx: null };
  for (const form of FORMS) {
    const dataDir = mkdtempSync(path.join(tmpdir(), `hopejobs-bench-startup-${form}-`));
    const port = await freePort();
    try {
      let server = await startServer(form, dataDir, port, 600_000);
      first[form] = server.ms;
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      firstRss[form] = rssMb(server.pid);
      for (let i = 0; i < restarts; i++) {
        const t0 = performance.now();
        await server.stop();
        server = await startServer(form, dataDir, port, 120_000);
        restartTimes[form].push(performance.now() - t0);
      }
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      idleRss[form] = rssMb(server.pid);
      await server.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  row('first start on a fresh data dir (migrate, demo) → GET / 200', '', 'ms', null, first);
  row('RSS 5 s after the first start', '', 'MB', null, firstRss);
  row(`restart (stop + start → GET / 200), median of ${restarts}`, '≤ 3 s', 'ms', 3000, {
    compiled: median(restartTimes.compiled),
    tsx: median(restartTimes.tsx),
  });
  row('idle RSS 5 s after a restart (demo data)', '≤ 250 MB', 'MB', 250, idleRss);
}

// ── the table ────────────────────────────────────────────────────────────────────────────────────────────────────

const fmt = (v: number | null, unit: Row['unit']) => (v === null ? '–' : `${Math.round(v).toLocaleString('en')} ${unit}`);
const table = [
  ['', 'goal', 'compiled (dist/)', 'tsx (sources)', 'tsx / compiled', 'goal met'],
  ...rows.map((r) => [
    r.what,
    r.goal,
    fmt(r.compiled, r.unit),
    fmt(r.tsx, r.unit),
    r.compiled && r.tsx ? `${(r.tsx / r.compiled).toFixed(2)}×` : '–',
    r.limit === null || r.compiled === null ? '' : r.compiled <= r.limit ? 'yes' : 'no',
  ]),
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
console.log('');
for (const [i, r] of table.entries()) {
  console.log(`| ${r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join(' | ')} |`);
  if (i === 0) console.log(`|${widths.map((w, j) => (j === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
}
console.log(
  `\nload average at the end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
