/**
 * `npm run bench:engine`: speed of the scoring engine against the goals of the engine issue, and against COINr's
 * figures on the same machine kind (≈ 15 ms for one normalise + aggregate of ASEM, ≈ 15 s for 1,000
 * weight-perturbed runs). A benchmark, not a test: it prints figures and never fails on them.
 *
 * Wall times depend on what else the machine runs, so the CPU time of this process is printed beside them.
 * Bounded: every timing loop stops at its repetition count or its time budget, whichever comes first.
 *
 * Before/after: the engine as it was before the performance work (commit {@link BASELINE_COMMIT}) is extracted
 * with `git archive` into `.tmp/engine-baseline/` and measured in the same process, interleaved with the current
 * code, for the three figures of the engine-at-its-limit goals (full `score()` on ASEM, 1,000 Monte Carlo runs on
 * ASEM, 10,000 national runs on one thread); each line prints the ratio and whether both engines gave the same
 * result (compared as JSON text, i.e. bit for bit). Skipped with a notice when git or the commit is not available.
 * Both engines are compiled to plain JavaScript first ({@link compiledEngine}), as the engine ships.
 * `npm run bench:engine -- --before-after` runs only this part.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as EngineModule from '../src/engine/index.js';
import type { EvaluationInput, IDataRow, IMetaRow } from '../src/engine/index.js';
import { sensitivityParallel } from '../src/engine/node.js';

type Engine = typeof EngineModule;

/**
 * An engine compiled to one plain JavaScript module by esbuild (into `.tmp/engine-bench/`), as both engines of the
 * before/after lines and every other figure here are measured: the timed code is JavaScript as it ships (`npm run
 * build` compiles the engine with tsc), not the development loader's transform of each file (tsx names every
 * function it creates, a cost of its own inside the hot loops).
 */
async function compiledEngine(entry: string, name: string): Promise<Engine> {
  const { build } = await import('esbuild');
  const outfile = path.join(repoRoot, '.tmp', 'engine-bench', `${name}.mjs`);
  await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' });
  return (await import(pathToFileURL(outfile).href)) as Engine;
}

/** The engine before the performance work (issue 17, part 3): the reference of every before/after ratio. */
const BASELINE_COMMIT = 'e22b38640013344d0c29d966b8c4a2bcfb73b43a';
const COINR_MS_PER_RUN = 15;
const COINR_MS_PER_1000_RUNS = 15_000;
const repoRoot = path.resolve(import.meta.dirname, '..');
const asemDir = path.resolve(repoRoot, '../shared/data/coinr-asem');

const current = await compiledEngine(path.join(repoRoot, 'src', 'engine', 'index.ts'), 'current');
const { aggregateInto, analyse, compile, normaliseInto, rankInto, readCsvInput, score, sensitivity, Xoshiro128 } = current;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(3));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/**
 * "goal ≤ 3 s: met", judged on wall time; when the wall time misses only because other processes load the machine,
 * says so with the CPU time (`cpu`: this process's CPU time, per thread for a parallel run).
 */
const verdict = (wall: number, cpu: number, goal: number, unit: string, cpuLabel = 'CPU time') =>
  `goal ≤ ${goal} ${unit}: ` + (wall <= goal ? 'met' : cpu <= goal ? `NOT met on wall time, met on ${cpuLabel} (${ms(cpu)} ${unit})` : 'NOT met');
const ratio = (value: number, reference: number) => {
  const r = reference / value;
  const n = r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : (1 / r).toFixed(1);
  return r >= 1 ? `${n}× faster` : `${n}× slower`;
};
/** Ratio to COINr's figure on wall time, and on CPU time when they differ (a loaded machine). */
const faster = (wall: number, cpu: number, reference: number) =>
  `${ratio(wall, reference)} than COINr's reported time` + (wall > 1.5 * cpu ? ` (on CPU time: ${ratio(cpu, reference)})` : '');

/** CPU time (user + system) of this process, all threads, in ms. */
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** Median wall and CPU time of `fn` in ms, timed in batches of `batch` calls; stops after `max` batches or `budgetMs`. */
function medianTime(fn: () => void, { batch = 1, max = 200, budgetMs = 4000, warmup = 20 } = {}): { median: number; cpu: number; samples: number } {
  for (let i = 0; i < warmup; i++) fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  const start = performance.now();
  while (walls.length < max && performance.now() - start < budgetMs) {
    const c = cpuMs();
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    walls.push((performance.now() - t) / batch);
    cpus.push((cpuMs() - c) / batch);
  }
  return { median: median(walls), cpu: median(cpus), samples: walls.length * batch };
}

function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const c = cpuMs();
  const t = performance.now();
  const value = fn();
  return { value, wall: performance.now() - t, cpu: cpuMs() - c };
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c = cpuMs();
  const t = performance.now();
  const value = await fn();
  return { value, wall: performance.now() - t, cpu: cpuMs() - c };
}

function asem(): void {
  console.log('ASEM (51 units × 49 indicators, ../shared/data/coinr-asem)');
  if (!existsSync(path.join(asemDir, 'ASEM_iData.csv')) || !existsSync(path.join(asemDir, 'ASEM_iMeta.csv'))) {
    console.log('  skipped: the ASEM data set is not next to the repository (../shared/data/coinr-asem)');
    return;
  }
  const prepared = readCsvInput(
    { name: 'ASEM_iMeta.csv', content: readFileSync(path.join(asemDir, 'ASEM_iMeta.csv')) },
    { name: 'ASEM_iData.csv', content: readFileSync(path.join(asemDir, 'ASEM_iData.csv')) },
  );
  if (!prepared.success) throw prepared.error;
  const model = compile(prepared.data);
  const normalised = new Float64Array(model.normalised.length);
  const out = new Float64Array(model.nAggregates * model.nUnits);
  const ranks = new Float64Array(model.nUnits);

  const compiled = medianTime(
    () => {
      normaliseInto(model, normalised);
      aggregateInto(model, model.weights, normalised, out);
      rankInto(model, out, ranks);
    },
    { batch: 10, max: 500, warmup: 200 },
  );
  console.log(
    `  normalise + aggregate + rank (compiled path), median of ${compiled.samples}: ${ms(compiled.median)} ms (CPU ${ms(compiled.cpu)} ms)` +
      `   ${verdict(compiled.median, compiled.cpu, 1, 'ms')} · ${faster(compiled.median, compiled.cpu, COINR_MS_PER_RUN)}`,
  );

  // Steady state, as a server that scores again and again sees it: 300 calls first, while V8 optimises the
  // validation code (it recompiles it a few times as the object shapes settle). The first call is printed too.
  const cold = timed(() => score(prepared.data));
  const full = medianTime(() => score(prepared.data), { max: 500, warmup: 300 });
  console.log(`  full score() from parsed CSV, first call (code not yet optimised): ${ms(cold.wall)} ms (CPU ${ms(cold.cpu)} ms)`);
  console.log(
    `  full score() from parsed CSV (validation, pre-processing, hash, explanation), after 300 calls, median of ${full.samples}: ${ms(full.median)} ms (CPU ${ms(full.cpu)} ms)` +
      `   at-its-limit ${verdict(full.median, full.cpu, 1, 'ms')} · ${faster(full.median, full.cpu, COINR_MS_PER_RUN)}`,
  );

  const first = timed(() => sensitivity(model, { runs: 1000, seed: 1, noise: 0.25 }));
  let seed = 2;
  const warm = medianTime(() => sensitivity(model, { runs: 1000, seed: seed++, noise: 0.25 }), { max: 15, warmup: 0 });
  console.log(
    `  1,000 Monte Carlo runs (weights ±25 %), first call: ${ms(first.wall)} ms (CPU ${ms(first.cpu)} ms)` +
      `   ${verdict(first.wall, first.cpu, 150, 'ms')} · ${faster(first.wall, first.cpu, COINR_MS_PER_1000_RUNS)}`,
  );
  console.log(
    `  1,000 Monte Carlo runs, median of ${warm.samples} more calls: ${ms(warm.median)} ms (CPU ${ms(warm.cpu)} ms)` +
      `   ${verdict(warm.median, warm.cpu, 150, 'ms')}; at-its-limit ${verdict(warm.median, warm.cpu, 10, 'ms')} · ${faster(warm.median, warm.cpu, COINR_MS_PER_1000_RUNS)}`,
  );
}

/**
 * A national-scale evaluation from a seeded generator: 243 units, 100 indicators in 10 fields (weights 1–5,
 * one indicator in five with Direction −1), values driven by a latent quality per unit plus noise, 1 % missing.
 */
function nationalInput(nUnits = 243, nIndicators = 100, nFields = 10): EvaluationInput {
  const rng = new Xoshiro128().seedRun(2019, 0);
  const iMeta: IMetaRow[] = [{ iCode: 'TOTAL', iName: 'Total', Level: 3, Parent: null, Weight: null, Direction: 1, Type: 'Aggregate' }];
  for (let f = 0; f < nFields; f++) {
    iMeta.push({
      iCode: `F${f}`,
      iName: `Field ${f}`,
      Level: 2,
      Parent: 'TOTAL',
      Weight: 1 + Math.floor(rng.nextFloat() * 3),
      Direction: 1,
      Type: 'Aggregate',
    });
  }
  const directions: number[] = [];
  for (let i = 0; i < nIndicators; i++) {
    directions.push(rng.nextFloat() < 0.2 ? -1 : 1);
    iMeta.push({
      iCode: `I${i}`,
      iName: `Indicator ${i}`,
      Level: 1,
      Parent: `F${i % nFields}`,
      Weight: 1 + Math.floor(rng.nextFloat() * 5),
      Direction: directions[i]!,
      Type: 'Indicator',
    });
  }
  const iData: IDataRow[] = [];
  for (let u = 0; u < nUnits; u++) {
    const quality = rng.nextFloat();
    const row: IDataRow = { uCode: `U${String(u).padStart(3, '0')}`, uName: `Unit ${u}` };
    for (let i = 0; i < nIndicators; i++) {
      const good = quality * 60 + rng.nextFloat() * 40;
      row[`I${i}`] = rng.nextFloat() < 0.01 ? null : Math.round((directions[i] === 1 ? good : 100 - good) * 100) / 100;
    }
    iData.push(row);
  }
  return { iMeta, iData };
}

async function national(): Promise<void> {
  const runs = 10_000;
  const input = nationalInput();
  console.log(`National-scale synthetic case (243 units × 100 indicators, seeded), ${runs.toLocaleString('en')} runs, weights ±25 %`);
  const single = timed(() => sensitivity(input, { runs, seed: 7, noise: 0.25 }));
  console.log(
    `  one thread:       wall ${ms(single.wall / 1000)} s (CPU ${ms(single.cpu / 1000)} s)   ${verdict(single.wall / 1000, single.cpu / 1000, 3, 's')}; at-its-limit ${verdict(single.wall / 1000, single.cpu / 1000, 0.5, 's')}`,
  );
  const workers = availableParallelism();
  const parallel = await timedAsync(() => sensitivityParallel(input, { runs, seed: 7, noise: 0.25, workers }));
  const same = JSON.stringify(parallel.value.units) === JSON.stringify(single.value.units);
  console.log(
    `  ${workers} worker threads: wall ${ms(parallel.wall / 1000)} s (CPU ${ms(parallel.cpu / 1000)} s, all threads)   ${verdict(parallel.wall / 1000, parallel.cpu / 1000 / workers, 3, 's', 'CPU time per thread')}` +
      ` · ${(single.wall / parallel.wall).toFixed(2)}× the one-thread speed · results ${same ? 'identical' : 'DIFFERENT'}`,
  );
  const auto = await timedAsync(() => sensitivityParallel(input, { runs, seed: 7, noise: 0.25 }));
  console.log(`  sensitivityParallel with its default choice of threads: wall ${ms(auto.wall / 1000)} s`);
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(
    `  peak RSS of the whole benchmark process, workers included (resourceUsage maxRSS): ${mb(peak)}   ${peak <= 500 * 1024 * 1024 ? 'goal ≤ 500 MB: met' : 'goal ≤ 500 MB: NOT met'}`,
  );
}

/**
 * The baseline engine: `src/engine` of {@link BASELINE_COMMIT}, extracted once into `.tmp/engine-baseline/<commit>`
 * (ignored by git, ESLint and tsc; its `zod` import resolves to the repository's `node_modules`). Null, with the
 * reason printed, when it cannot be extracted.
 */
async function loadBaseline(): Promise<Engine | null> {
  const dir = path.join(repoRoot, '.tmp', 'engine-baseline', BASELINE_COMMIT);
  const entry = path.join(dir, 'src', 'engine', 'index.ts');
  if (!existsSync(entry)) {
    try {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const tar = execFileSync('git', ['archive', '--format=tar', BASELINE_COMMIT, 'src/engine'], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
      execFileSync('tar', ['-x', '-C', dir], { input: tar });
    } catch (error) {
      console.log(`  baseline skipped: cannot extract src/engine of ${BASELINE_COMMIT.slice(0, 10)} (${(error as Error).message.split('\n')[0]})`);
      return null;
    }
  }
  return compiledEngine(entry, `baseline-${BASELINE_COMMIT.slice(0, 10)}`);
}

/** Median wall and CPU time of `before` and `after`, timed alternately (`rounds` each) so both see the same load. */
function interleaved(before: () => void, after: () => void, { rounds = 30, batch = 1, warmup = 5 } = {}) {
  for (let i = 0; i < warmup; i++) {
    before();
    after();
  }
  const walls: [number[], number[]] = [[], []];
  const cpus: [number[], number[]] = [[], []];
  for (let r = 0; r < rounds; r++) {
    [before, after].forEach((fn, k) => {
      const c = cpuMs();
      const t = performance.now();
      for (let i = 0; i < batch; i++) fn();
      walls[k]!.push((performance.now() - t) / batch);
      cpus[k]!.push((cpuMs() - c) / batch);
    });
  }
  return { before: { wall: median(walls[0]), cpu: median(cpus[0]) }, after: { wall: median(walls[1]), cpu: median(cpus[1]) } };
}

/** One before/after line; times in ms, shown in `unit` and judged against `goal` in that unit. */
function beforeAfterLine(label: string, t: ReturnType<typeof interleaved>, goal: number, unit: 'ms' | 's', same: boolean): void {
  const scale = unit === 's' ? 1000 : 1;
  const f = (x: number) => ms(x / scale);
  console.log(
    `  ${label}: before ${f(t.before.wall)} ${unit} (CPU ${f(t.before.cpu)}) → after ${f(t.after.wall)} ${unit} (CPU ${f(t.after.cpu)})` +
      ` · ${(t.before.wall / t.after.wall).toFixed(1)}× faster (on CPU time ${(t.before.cpu / t.after.cpu).toFixed(1)}×)` +
      ` · ${verdict(t.after.wall / scale, t.after.cpu / scale, goal, unit)} · results ${same ? 'bit-identical' : 'DIFFERENT'}`,
  );
}

/** The goals of the engine at its limit, before (baseline commit) and after (this code), in one process. */
async function beforeAfter(): Promise<void> {
  console.log(`Before/after: the engine of ${BASELINE_COMMIT.slice(0, 10)} (before the performance work) against this code, measured alternately`);
  const before = await loadBaseline();
  if (before === null) return;
  const after = current;
  if (existsSync(path.join(asemDir, 'ASEM_iData.csv')) && existsSync(path.join(asemDir, 'ASEM_iMeta.csv'))) {
    const files = [
      { name: 'ASEM_iMeta.csv', content: readFileSync(path.join(asemDir, 'ASEM_iMeta.csv')) },
      { name: 'ASEM_iData.csv', content: readFileSync(path.join(asemDir, 'ASEM_iData.csv')) },
    ] as const;
    const prepare = (engine: Engine) => {
      const r = engine.readCsvInput(files[0], files[1]);
      if (!r.success) throw r.error;
      return r.data;
    };
    const pb = prepare(before);
    const pa = prepare(after);
    const sameScore = JSON.stringify(before.score(pb)) === JSON.stringify(after.score(pa));
    beforeAfterLine(
      'ASEM full score() from parsed CSV, after 300 calls each, median of 100',
      interleaved(
        () => before.score(pb),
        () => after.score(pa),
        { rounds: 100, warmup: 300 },
      ),
      1,
      'ms',
      sameScore,
    );
    const mb_ = before.compile(pb);
    const ma = after.compile(pa);
    const sameMc =
      JSON.stringify(before.sensitivity(mb_, { runs: 1000, seed: 1, noise: 0.25 })) ===
      JSON.stringify(after.sensitivity(ma, { runs: 1000, seed: 1, noise: 0.25 }));
    let seed = 2;
    beforeAfterLine(
      'ASEM 1,000 Monte Carlo runs (weights ±25 %), median of 15',
      interleaved(
        () => before.sensitivity(mb_, { runs: 1000, seed, noise: 0.25 }),
        () => after.sensitivity(ma, { runs: 1000, seed: seed++, noise: 0.25 }),
        { rounds: 15, warmup: 2 },
      ),
      10,
      'ms',
      sameMc,
    );
    // The server's sensitivity summary: the same runs with award tiers (as framework 2019: top 3, 7, 5 and the two
    // most improved by at least 3 places) and last year's ranks (a fixed permutation of the units).
    const awards = {
      config: {
        tiers: [
          { code: 'best', name: { ko: '최우수구', en: 'Best' }, rule: { kind: 'topN' as const, n: 3 } },
          { code: 'excellent', name: { ko: '우수구', en: 'Excellent' }, rule: { kind: 'topN' as const, n: 7 } },
          { code: 'encouragement', name: { ko: '장려구', en: 'Encouragement' }, rule: { kind: 'topN' as const, n: 5 } },
          { code: 'improved', name: { ko: '노력구', en: 'Most improved' }, rule: { kind: 'mostImproved' as const, n: 2, minGain: 3 } },
        ],
      },
      previousRanks: Object.fromEntries(ma.unitCodes.map((c, u) => [c, ((u * 7) % ma.nUnits) + 1])),
    };
    const sameAwards =
      JSON.stringify(before.sensitivity(mb_, { runs: 1000, seed: 1, noise: 0.25, awards })) ===
      JSON.stringify(after.sensitivity(ma, { runs: 1000, seed: 1, noise: 0.25, awards }));
    beforeAfterLine(
      'ASEM 1,000 Monte Carlo runs with four award tiers (as the server’s summary), median of 7',
      interleaved(
        () => before.sensitivity(mb_, { runs: 1000, seed, noise: 0.25, awards }),
        () => after.sensitivity(ma, { runs: 1000, seed: seed++, noise: 0.25, awards }),
        { rounds: 7, warmup: 1 },
      ),
      10,
      'ms',
      sameAwards,
    );
  } else console.log('  ASEM skipped: the ASEM data set is not next to the repository (../shared/data/coinr-asem)');
  const input = nationalInput();
  const sameNational =
    JSON.stringify(before.sensitivity(input, { runs: 1000, seed: 7, noise: 0.25 })) ===
    JSON.stringify(after.sensitivity(input, { runs: 1000, seed: 7, noise: 0.25 }));
  const nat = interleaved(
    () => before.sensitivity(input, { runs: 10_000, seed: 7, noise: 0.25 }),
    () => after.sensitivity(input, { runs: 10_000, seed: 7, noise: 0.25 }),
    { rounds: 3, warmup: 0 },
  );
  beforeAfterLine('national 10,000 runs, one thread, median of 3', nat, 0.5, 's', sameNational);
}

const start = performance.now();
const load = loadavg()[0]!;
console.log(
  `HopeJobs engine benchmark · Node ${process.version} · ${availableParallelism()} cores · 1-minute load average at start ${load.toFixed(1)}` +
    (load > availableParallelism() ? ' (other processes are loading the machine: wall times are inflated; see CPU times)' : ''),
);
console.log('');
const onlyBeforeAfter = process.argv.includes('--before-after');
if (!onlyBeforeAfter) {
  asem();
  console.log('');
  await national();
  console.log('');
}
await beforeAfter();
console.log('');
console.log(`total ${ms((performance.now() - start) / 1000)} s`);

/** `analyse` (the statistical audit) of ASEM: median engine time over repeated runs; goal ≤ 50 ms. */
function analyseAsem(): void {
  console.log('');
  console.log('analyse (statistical audit) of ASEM');
  if (!existsSync(path.join(asemDir, 'ASEM_iData.csv')) || !existsSync(path.join(asemDir, 'ASEM_iMeta.csv'))) {
    console.log('  skipped: the ASEM data set is not next to the repository (../shared/data/coinr-asem)');
    return;
  }
  const prepared = readCsvInput(
    { name: 'ASEM_iMeta.csv', content: readFileSync(path.join(asemDir, 'ASEM_iMeta.csv')) },
    { name: 'ASEM_iData.csv', content: readFileSync(path.join(asemDir, 'ASEM_iData.csv')) },
  );
  if (!prepared.success) throw prepared.error;
  for (let i = 0; i < 5; i++) analyse(prepared.data); // warm-up
  const walls: number[] = [];
  const cpus: number[] = [];
  const budget = performance.now() + 10_000;
  for (let i = 0; i < 50 && performance.now() < budget; i++) {
    const t = timed(() => analyse(prepared.data));
    walls.push(t.wall);
    cpus.push(t.cpu);
  }
  const compiles: number[] = [];
  for (let i = 0; i < walls.length; i++) compiles.push(timed(() => compile(prepared.data)).wall);
  const wall = median(walls);
  console.log(
    `  analyse: median wall ${ms(wall)} ms (CPU ${ms(median(cpus))} ms) over ${walls.length} runs, of which compile ${ms(median(compiles))} ms   ` +
      verdict(wall, median(cpus), 50, 'ms'),
  );
}

analyseAsem();
