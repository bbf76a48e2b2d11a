/**
 * The engine's Node-only entry: what needs Node built-ins, such as worker threads. Everything else is in the
 * browser-safe entry `index.ts`; browser bundles import that one and never reach `node:worker_threads`.
 */

/**
 * {@link sensitivity} over worker threads (one per core, at most the blocks there are), with the same result as
 * the single-threaded run for the same seed; small analyses run in the calling thread.
 * @example const result = await sensitivityParallel(input, { runs: 10_000, seed: 1, noise: 0.25 });
 */
export { sensitivityParallel } from './sensitivity-parallel.js';

/**
 * Starts a worker thread on a module beside the caller, in the caller's own form (compiled `.js`, or `.ts` under
 * tsx and vitest).
 * @example const worker = startModuleWorker('render-worker', import.meta.url);
 */
export { startModuleWorker } from './start-worker.js';
