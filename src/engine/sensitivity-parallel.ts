/**
 * `sensitivityParallel` (Node only, exported from `src/engine/node.ts`, never from the browser entry): the same
 * analysis as `sensitivity`, with its run blocks split across worker threads when the work pays for starting them.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { assignAwards } from './awards.js';
import { compile, type CompiledModel } from './compile.js';
import type { EvaluationInput } from './input-schema.js';
import type { PreparedInput } from './read-input.js';
import { isCompiledModel, progressReporter } from './sensitivity.js';
import { startModuleWorker } from './start-worker.js';
import { resolveSensitivityOptions, type ResolvedSensitivityOptions, type SensitivityOptions } from './sensitivity-options.js';
import { planSensitivity } from './sensitivity-plan.js';
import { blockCount, mergeTallies, runBlocks, type SensitivityTally } from './sensitivity-runs.js';
import { summariseSensitivity, type SensitivityResult } from './sensitivity-summary.js';
import type { SensitivityWorkerJob, SensitivityWorkerMessage } from './sensitivity-worker.js';

/**
 * Work (see {@link sensitivityWork}) from which worker threads are used by default. Starting a worker costs
 * about 0.2–0.5 s when the TypeScript sources are loaded through tsx (it overlaps with compiling the model), and
 * one thread does about 1e8 units of work in 0.4 s, so below this one thread finishes sooner.
 */
export const PARALLEL_MIN_WORK = 2e8;

/** Options of {@link sensitivityParallel}. */
export interface ParallelSensitivityOptions extends SensitivityOptions {
  /**
   * Worker threads: a number ≥ 1 forces that many (1 = run in this thread); absent = `os.availableParallelism()`
   * when the work is at least {@link PARALLEL_MIN_WORK}, else 1. Never more than the number of run blocks.
   */
  readonly workers?: number;
}

/** Cost of one award assignment per unit and tier, in units of work (measured: ≈ 4 µs vs ≈ 4 ns per child value). */
const AWARD_WORK = 1000;

/**
 * Work estimate of an analysis: runs × units × (nodes + {@link AWARD_WORK} × award tiers), where one unit is one
 * child value entering one aggregate. Before compiling, units and nodes are taken from the input's row counts.
 */
export function sensitivityWork(input: EvaluationInput | PreparedInput | CompiledModel, options: ResolvedSensitivityOptions): number {
  const tiers = (options.awards?.config as { tiers?: unknown } | undefined)?.tiers;
  const nTiers = Array.isArray(tiers) ? tiers.length : 0;
  let units: number;
  let nodes: number;
  if (isCompiledModel(input)) {
    units = input.nUnits;
    nodes = input.nNodes;
  } else {
    const evaluation = 'sources' in input ? input.input : input;
    units = Array.isArray(evaluation.iData) ? evaluation.iData.length : 0;
    nodes = Array.isArray(evaluation.iMeta) ? evaluation.iMeta.length : 0;
  }
  return options.runs * units * (nodes + AWARD_WORK * nTiers);
}

/** Starts a worker on the Monte Carlo loop (through tsx when these sources run as TypeScript). */
function startWorker(): Worker {
  return startModuleWorker('sensitivity-worker', import.meta.url);
}

/** Sends a job to a started worker; resolves with its tally. */
function runJob(worker: Worker, job: SensitivityWorkerJob, onRuns: (runs: number) => void): Promise<SensitivityTally> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    worker.on('message', (m: SensitivityWorkerMessage) => {
      if (m.type === 'progress') onRuns(m.runs);
      else if (m.type === 'done') settle(() => resolve(m.tally));
      else settle(() => reject(new Error(`sensitivity worker failed: ${m.message}`)));
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`sensitivity worker stopped (exit code ${code}) before its result`))));
    worker.postMessage(job);
  });
}

/**
 * {@link sensitivity} on several threads. The workers start at once (loading only the Monte Carlo loop) while this
 * thread compiles the model and builds the plan; each then receives a structured clone of the plan — its own
 * model and scratch buffers — and a contiguous range of run blocks; the tallies are merged in block order.
 * Because every run draws from its own stream `(seed, run)` and floating-point sums are merged per block, the
 * result is identical to the single-thread `sensitivity` for the same input, options and seed.
 *
 * @throws {EngineInputError} as {@link sensitivity} (checked in this thread; the workers are then stopped).
 */
export async function sensitivityParallel(
  input: EvaluationInput | PreparedInput | CompiledModel,
  options: ParallelSensitivityOptions,
): Promise<SensitivityResult> {
  const resolved = resolveSensitivityOptions(options);
  const blocks = blockCount(resolved.runs);
  const wanted =
    options.workers !== undefined
      ? Math.max(1, Math.floor(options.workers))
      : sensitivityWork(input, resolved) >= PARALLEL_MIN_WORK
        ? availableParallelism()
        : 1;
  const nWorkers = Math.min(wanted, blocks);
  const workers = nWorkers > 1 ? Array.from({ length: nWorkers }, startWorker) : [];
  try {
    const model = isCompiledModel(input) ? input : compile(input, options.overrides);
    const plan = planSensitivity(model, resolved);
    const progress = progressReporter(resolved.runs, options.onProgress);
    let tally: SensitivityTally;
    if (workers.length === 0) {
      tally = runBlocks(plan, 0, blocks, assignAwards, progress.add);
    } else {
      const tallies = await Promise.all(
        workers.map((worker, w) =>
          runJob(worker, { plan, firstBlock: Math.floor((w * blocks) / nWorkers), endBlock: Math.floor(((w + 1) * blocks) / nWorkers) }, progress.add),
        ),
      );
      tally = mergeTallies(tallies);
    }
    progress.finish();
    return summariseSensitivity(plan, tally);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
