import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { ensureServerBuilt } from '../helpers/server-build.js';

/**
 * The worker threads as the compiled build starts them. Each pool is loaded from dist/ (compiled here first when
 * missing or stale), so the thread it starts runs the compiled .js file beside it, with no tsx anywhere: the
 * Monte Carlo sensitivity workers, the workbook import workers and the public-file render workers. The same pools
 * under tsx are tested in test/engine/sensitivity-parallel.test.ts, test/domain/render-pool.test.ts and the imports.
 */
const fromDist = (file: string) => pathToFileURL(path.join(repoRoot, 'dist', file)).href;

describe('the worker threads of the compiled build', () => {
  beforeAll(async () => {
    await ensureServerBuilt();
  }, 600_000);

  it('runs sensitivity on two compiled workers with the result of one thread', async () => {
    const node = (await import(fromDist('engine/node.js'))) as typeof import('../../src/engine/node.js');
    const engine = (await import(fromDist('engine/index.js'))) as typeof import('../../src/engine/index.js');
    const file = path.join(repoRoot, 'examples', 'seoul-2019.json');
    const input = engine.readJsonInput({ name: file, content: readFileSync(file) });
    if (!input.success) throw input.error;
    const options = { runs: 600, seed: 7 };
    const parallel = await node.sensitivityParallel(input.data, { ...options, workers: 2 });
    expect(JSON.stringify(engine.sensitivityBody(parallel))).toBe(JSON.stringify(engine.sensitivityBody(engine.sensitivity(input.data, options))));
  }, 120_000);

  it('reads an upload on a compiled workbook-import worker (which answers a bad file with its domain error)', async () => {
    const workers = (await import(fromDist('domain/imports/xlsx-workers.js'))) as typeof import('../../src/domain/imports/xlsx-workers.js');
    const safety = (await import(fromDist('domain/imports/xlsx-safety.js'))) as typeof import('../../src/domain/imports/xlsx-safety.js');
    const read = workers.withXlsxWorker((s) => s.read(Buffer.from('not a workbook'), [], safety.defaultXlsxLimits));
    await expect(read).rejects.toMatchObject({ code: 'not_xlsx' });
  }, 120_000);

  it('builds a scorecard PDF and a results workbook on a compiled render worker', async () => {
    const files = (await import(fromDist('domain/file-rendering/index.js'))) as typeof import('../../src/domain/file-rendering/index.js');
    const { fixture } = await import('../domain/publication-fixture.js');
    const { outcome, framework } = fixture();
    const pool = new files.RenderPool(1);
    try {
      const [pdf, xlsx] = await Promise.all([
        pool.render({ kind: 'scorecard-pdf', outcome, framework, code: '11215', options: { lang: 'ko', demo: true } }),
        pool.render({ kind: 'results-xlsx', outcome, framework, options: { lang: 'en', demo: true } }),
      ]);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    } finally {
      await pool.close();
    }
  }, 120_000);
});
