/**
 * Worker thread of `sensitivityParallel` (Node only; never imported by the engine's browser entry). It loads only
 * the Monte Carlo loop (so it starts while the main thread is still compiling), then waits for its job: a structured clone of the plan (the compiled model, the
 * precomputed alternatives and the award set-up) — so its model and scratch buffers are its own — and a range of
 * blocks. It posts progress, then its tally with the buffers transferred.
 */
import { parentPort } from 'node:worker_threads';
import type { SensitivityPlan } from './sensitivity-plan.js';
import { runBlocks, type AssignAwards, type SensitivityTally } from './sensitivity-runs.js';

/** What a worker is sent. */
export interface SensitivityWorkerJob {
  readonly plan: SensitivityPlan;
  readonly firstBlock: number;
  readonly endBlock: number;
}

/** What a worker posts: progress (runs done since the last message), its tally, or the error that stopped it. */
export type SensitivityWorkerMessage =
  | { readonly type: 'progress'; readonly runs: number }
  | { readonly type: 'done'; readonly tally: SensitivityTally }
  | { readonly type: 'error'; readonly message: string };

async function run(job: SensitivityWorkerJob, post: (m: SensitivityWorkerMessage, transfer?: ArrayBuffer[]) => void) {
  const assign: AssignAwards | null = job.plan.awards === null ? null : (await import('./awards.js')).assignAwards;
  const tally = runBlocks(job.plan, job.firstBlock, job.endBlock, assign, (runs) => post({ type: 'progress', runs }));
  const buffers = [tally.rankCounts, tally.tierCounts, tally.blockSums, tally.scoreCounts, tally.sampleRanks, tally.sampleScores]
    .filter((b): b is Int32Array | Float64Array => b !== null)
    .map((b) => b.buffer as ArrayBuffer);
  post({ type: 'done', tally }, buffers);
}

const port = parentPort;
if (port !== null) {
  const post = (m: SensitivityWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  port.once('message', (job: SensitivityWorkerJob) => {
    run(job, post).catch((e: unknown) => post({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
  });
}
