import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRecordTypes } from '../../src/domain/activities/record-types.js';
import { loadGyeonggi, publishGyeonggiYears } from '../fixtures/gyeonggi/index.js';
import { axeViolations, browserSkipNotice, launchBrowser } from '../helpers/browser.js';
import { repoRoot, startServerProcess, type ServerProcess } from '../helpers/cli.js';
import { backends } from '../helpers/db.js';

const skip = browserSkipNotice();
const shots = process.env.HOPEJOBS_SCREENSHOT_DIR ?? path.join(repoRoot, '.tmp', 'screenshots');

/**
 * The public results of a province in a real browser: a `hopejobs serve` on a data directory holding 경기도 and its
 * 31 시·군 (the test fixture, scored and published for 2020–2021), no demo. The page reads the installation's words
 * and says 경기도 and 시·군 where Seoul's says 서울시 and 자치구.
 */
describe.skipIf(skip)('a province’s public results in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const pglite = backends().find((b) => b.name === 'pglite')!;
    const db = await pglite.open();
    dir = db.dataDir!;
    await loadGyeonggi(db.db, [2020, 2021]);
    await seedRecordTypes(db.db);
    await publishGyeonggiYears(db.db, [2020, 2021]);
    await db.close();
    server = await startServerProcess({ HOPEJOBS_DATA_DIR: dir, HOPEJOBS_DEMO: '0' });
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names the province and its 시·군 on the results page, never Seoul’s 자치구', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${server.url}/results/2021`);
    const main = page.getByRole('main');
    await main.getByText('경기도와 31개 시·군이 함께하는').waitFor();
    await page.getByRole('heading', { name: '시·군 순위' }).waitFor();
    await main.getByText('최우수 시·군').first().waitFor();
    const text = await page.locator('body').innerText();
    expect(text.split('\n').filter((line) => /자치구|서울/.test(line))).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'province-results.png'), fullPage: true });

    await page.evaluate(() => localStorage.setItem('hopejobs.lang', 'en'));
    await page.reload();
    await page.getByRole('heading', { name: 'City or county ranking' }).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/\bdistricts?\b|Seoul/i);
    await context.close();
  }, 120_000);
});
