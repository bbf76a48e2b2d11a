import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserSkipNotice, launchBrowser, startDemoServer, type DemoServer } from '../helpers/browser.js';

const skip = browserSkipNotice();

describe.skipIf(skip)('public site in Chromium', () => {
  let demo: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    demo = await startDemoServer();
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('shows the 2019 results without sign-in, in Korean, with the demo label', async () => {
    const page = await browser.newPage();
    const t0 = Date.now();
    await page.goto(`${demo.url}/results/2019`);
    await page.getByRole('table').first().waitFor();
    const firstRender = Date.now() - t0;
    console.log(`first render of the public results page: ${firstRender} ms`);
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await expect.poll(() => page.getByText('광진구').first().isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .getByText(/데모 데이터/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('opens a district scorecard and switches to English', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.url}/results/2019/districts/11215`);
    await expect
      .poll(
        () =>
          page
            .getByRole('heading', { name: /광진구/ })
            .first()
            .isVisible(),
        { timeout: 15_000 },
      )
      .toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page
      .getByRole('button', { name: /English|EN/ })
      .first()
      .click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.close();
  }, 60_000);

  it('downloads the results CSV', async () => {
    const res = await fetch(`${demo.url}/api/v1/public/cycles/2019/results.csv`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('광진구');
  });
});
