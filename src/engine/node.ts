/**
 * The engine's Node-only entry: everything of the browser-safe entry (`index.ts`) plus what needs Node built-ins,
 * such as worker threads. Browser bundles import `index.ts` and never reach `node:worker_threads`.
 */
export * from './index.js';
export {
  sensitivityParallel,
  sensitivityWork,
  PARALLEL_MIN_WORK,
  type ParallelSensitivityOptions,
} from './sensitivity-parallel.js';
export { startModuleWorker } from './start-worker.js';
