import { afterAll, describe, expect, it } from 'vitest';
import { RenderPool, renderFile, type RenderJob } from '../../src/domain/file-rendering/index.js';
import { fixture } from './publication-fixture.js';

/** The worker threads that build scorecard PDFs and results workbooks for the public downloads. */
describe('RenderPool', () => {
  const { outcome, framework } = fixture();
  const pdf = (code: string): RenderJob => ({ kind: 'scorecard-pdf', outcome, framework, code, options: { lang: 'ko', demo: true } });
  const pool = new RenderPool(1);
  afterAll(() => pool.close());

  it('builds on a worker thread the same bytes as this thread does', async () => {
    const [onWorker, workbook] = await Promise.all([
      pool.render(pdf('11215')),
      pool.render({ kind: 'results-xlsx', outcome, framework, options: { lang: 'en', demo: true } }),
    ]);
    expect(pool.size).toBe(1); // two jobs, one thread: the second waited in the queue
    expect(onWorker.equals(await renderFile(pdf('11215')))).toBe(true);
    expect(workbook.subarray(0, 2).toString()).toBe('PK');
  }, 120_000);

  it('fails the job that fails and keeps the worker for the next one', async () => {
    await expect(pool.render(pdf('99999'))).rejects.toThrow(/no district with code "99999"/);
    expect((await pool.render(pdf('11110'))).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pool.size).toBe(1);
  }, 120_000);

  it('refuses work once closed, and fails the jobs still waiting', async () => {
    const other = new RenderPool(1);
    const running = expect(other.render(pdf('11215'))).rejects.toThrow(/closed/);
    const waiting = expect(other.render(pdf('11110'))).rejects.toThrow(/closed/);
    await other.close();
    await running;
    await waiting;
    await expect(other.render(pdf('11215'))).rejects.toThrow(/closed/);
  });
});
