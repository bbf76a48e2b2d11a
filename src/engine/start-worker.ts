/**
 * `startModuleWorker` (Node only, exported from `src/engine/node.ts`): starts a worker thread on a module that sits
 * next to the caller, in the caller's own form — the compiled `.js` file, or the `.ts` source loaded through tsx's
 * ESM hooks inside the worker when the caller itself runs from TypeScript (`tsx`, vitest). A worker does not
 * inherit the loader hooks of the thread that starts it, so the hooks are registered first, then the module loaded.
 */
import { Worker } from 'node:worker_threads';

/**
 * @param name the module's file name without extension, e.g. `'sensitivity-worker'`
 * @param callerUrl the caller's `import.meta.url`: the module is resolved beside it, with the caller's extension
 * @example startModuleWorker('sensitivity-worker', import.meta.url)
 */
export function startModuleWorker(name: string, callerUrl: string): Worker {
  const typescript = callerUrl.endsWith('.ts');
  const workerUrl = new URL(`./${name}.${typescript ? 'ts' : 'js'}`, callerUrl);
  if (!typescript) return new Worker(workerUrl);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(boot, { eval: true });
}
