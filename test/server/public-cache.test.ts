import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clearPublicCache, publishedCycles, resultsView } from '../../src/domain/publication/index.js';
import { testApp } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

/** The public pages' caches: one refresh for many callers, rendered JSON with ETags, another server's publication seen. */
describe.each(backends())('public results cache on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await backend.openDemo('test-password-1', { data: true });
    clearPublicCache();
    app = await testApp(db);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });
  afterEach(() => vi.useRealTimers());

  it('serves results and scorecards as checked JSON with an ETag, and 304 to a client that has them', async () => {
    const res = await app.inject('/api/v1/public/cycles/2019/results');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    // The bytes are what the response schema makes of the view (dates as ISO strings).
    const cycle = (await publishedCycles(db.db)).find((c) => c.year === 2019)!;
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(resultsView(cycle))));
    expect(res.json().publishedAt).toBe(cycle.publishedAt.toISOString());

    const again = await app.inject({ url: '/api/v1/public/cycles/2019/results', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect((await app.inject({ url: '/api/v1/public/cycles/2019/results', headers: { 'if-none-match': `"other", W/${etag}` } })).statusCode).toBe(304);
    expect((await app.inject({ url: '/api/v1/public/cycles/2018/results', headers: { 'if-none-match': etag } })).statusCode).toBe(200);

    const card = await app.inject('/api/v1/public/cycles/2019/districts/11215/scorecard');
    expect(card.statusCode).toBe(200);
    expect(card.json().district).toEqual({ code: '11215', name: '광진구' });
    expect((await app.inject({ url: '/api/v1/public/cycles/2019/districts/11215/scorecard', headers: { 'if-none-match': etag } })).statusCode).toBe(200);
    expect(
      (await app.inject({ url: '/api/v1/public/cycles/2019/districts/11215/scorecard', headers: { 'if-none-match': card.headers.etag as string } })).statusCode,
    ).toBe(304);
  });

  it('still answers 404 problem details for what is not published, every time', async () => {
    for (let i = 0; i < 2; i++) {
      const missing = await app.inject('/api/v1/public/cycles/2019/districts/99999/scorecard');
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect((await app.inject('/api/v1/public/cycles/2020/results')).statusCode).toBe(404);
    }
  });

  it('shares one refresh among concurrent callers and keeps the same objects while nothing changed', async () => {
    clearPublicCache();
    const all = await Promise.all(Array.from({ length: 50 }, () => publishedCycles(db.db)));
    expect(new Set(all).size).toBe(1);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 6_000 });
    expect(await publishedCycles(db.db)).toBe(all[0]); // expired, checked, unchanged: no re-read
  });

  it('notices a change made by another app server once the cache expires (no clearPublicCache after the change)', async () => {
    clearPublicCache(); // start on the real clock (the test before moved it)
    const before = await publishedCycles(db.db);
    const etag = (await app.inject('/api/v1/public/cycles/2019/results')).headers.etag;
    // Another server edits the 2019 press release: only the database changes.
    await db.raw.query(
      `UPDATE publications SET press_release = 'edited elsewhere', version = version + 1
        WHERE cycle_id = (SELECT id FROM cycles WHERE year = 2019)`,
    );
    expect(await publishedCycles(db.db)).toBe(before); // within the 5 s
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 6_000 });
    const after = await publishedCycles(db.db);
    expect(after).not.toBe(before);
    expect(after.find((c) => c.year === 2019)!.pressRelease).toBe('edited elsewhere');
    // The results page itself did not change, so its ETag stays valid for clients that cached it.
    expect((await app.inject('/api/v1/public/cycles/2019/results')).headers.etag).toBe(etag);
  });
});
