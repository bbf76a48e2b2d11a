export { renderFile, type RenderJob } from './render-job.js';
export { RenderPool, defaultRenderThreads, inThreadRenderer, type FileRenderer } from './render-pool.js';
