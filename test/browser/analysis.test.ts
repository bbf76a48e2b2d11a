import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserSkipNotice, downloadedBytes, launchBrowser, signInPage, startDemoServer, type DemoServer } from '../helpers/browser.js';

const skip = browserSkipNotice();
/** Screenshots for review go outside the repository unless HOPEJOBS_SCREENSHOT_DIR says where (e.g. docs/screenshots). */
const shots = process.env.HOPEJOBS_SCREENSHOT_DIR;

/**
 * 평가 체계 통계 점검 in a real browser: the city admin opens it from the demo's scoring run, a visitor from the
 * published 2019 results; both see the α reading in words, the correlation heat map drawn with indicator names,
 * the rank-change table, and the full statistics only behind 자세히.
 */
describe.skipIf(skip)('framework audit page in Chromium', () => {
  let demo: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    demo = await startDemoServer();
    browser = await launchBrowser();
    if (shots) mkdirSync(shots, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function expectNoAxeViolations(name: string, page: Page) {
    const violations = await axeViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations)}`).toEqual([]);
  }

  /** Scrolls the first field's reading and heat map to the top of the window (for the screenshots). */
  async function showFirstField(page: Page) {
    await page
      .locator('section[aria-labelledby^="group-"]')
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
  }

  /** The audit as both pages show it: a reading per field, a drawn heat map, the removal table, details closed. */
  async function expectAudit(page: Page) {
    await page
      .getByText(/이 분야의 지표들은 .+ \(α [−-]?\d/)
      .first()
      .waitFor();
    const heatmap = page.getByRole('img', { name: /하위 항목 사이의 상관계수 열지도/ }).first();
    await heatmap.locator('svg').waitFor();
    // indicator names, not codes, on the axes
    const labels = await heatmap.locator('svg text').allTextContents();
    expect(labels.some((l) => /[가-힣]/.test(l))).toBe(true);
    const removal = page.getByRole('region', { name: '항목별 평균 순위 변동' });
    expect(await removal.getByRole('row').count()).toBeGreaterThan(2);
    const changes = (await removal.locator('tbody td:last-child').allTextContents()).map((s) => Number(s.replace(/,/g, '')));
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
    const stats = page.getByRole('region', { name: '지표별 원자료 통계' });
    expect(await stats.isVisible()).toBe(false);
    await page.getByText('자세히', { exact: true }).click();
    await stats.waitFor();
  }

  it('the city admin reads the audit of the demo’s run from the scoring view and downloads the workbook', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInPage(page, demo.url, 'admin', demo.password);
    await page.goto(`${demo.url}/admin/cycles/2019/scoring`);
    await page.getByRole('link', { name: '평가 체계 통계 점검 보기' }).click();
    await page.waitForURL((u) => /^\/admin\/scoring-runs\/\d+\/analysis$/.test(u.pathname));
    await page.getByRole('heading', { level: 1, name: /점수 산정 \d+의 평가 체계 통계 점검/ }).waitFor();
    await expectAudit(page);
    await page.getByText('자세히', { exact: true }).click();
    await expectNoAxeViolations('run audit', page);
    await showFirstField(page);
    if (shots) await page.screenshot({ path: `${shots}/analysis-run-ko-desktop.png`, fullPage: false });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '통계 점검 보고서 (엑셀)' }).click()]);
    expect((await downloadedBytes(download)).subarray(0, 2).toString()).toBe('PK');
    await context.close();
  });

  it('a visitor reads the published 2019 audit from the results page', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${demo.url}/results/2019`);
    await page.getByRole('link', { name: '평가 체계 통계 점검' }).click();
    await page.waitForURL((u) => u.pathname === '/results/2019/analysis');
    await page.getByRole('heading', { level: 1, name: '2019년 평가 체계 통계 점검' }).waitFor();
    await expectAudit(page);
    await page.getByText('자세히', { exact: true }).click();
    await expectNoAxeViolations('public audit', page);
    await showFirstField(page);
    if (shots) await page.screenshot({ path: `${shots}/analysis-public-ko-desktop.png`, fullPage: false });
    await context.close();
  });

  it('reads in English: headings, readings, heat map, table and buttons in English, no accessibility violations', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(demo.url);
    await page.evaluate(() => localStorage.setItem('hopejobs.lang', 'en'));
    await page.goto(`${demo.url}/results/2019/analysis`);
    await page.getByRole('heading', { level: 1, name: 'Framework audit 2019' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page
      .getByText(/The indicators of this field .+ \(α [−-]?\d/)
      .first()
      .waitFor();
    const heatmap = page.getByRole('img', { name: /Heat map of the correlations between the children of/ }).first();
    await heatmap.locator('svg').waitFor();
    // English indicator names on the axes, not Korean ones
    const labels = await heatmap.locator('svg text').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.filter((l) => /[\uAC00-\uD7A3]/.test(l))).toEqual([]);
    const removal = page.getByRole('region', { name: 'Mean rank change by element' });
    expect(await removal.getByRole('row').count()).toBeGreaterThan(2);
    await page.getByText('Details', { exact: true }).click();
    await page.getByRole('region', { name: 'Raw data statistics by indicator' }).waitFor();
    const controls = await page.getByRole('main').locator('h1, h2, h3, button, a, th, caption').allInnerTexts();
    expect(controls.length).toBeGreaterThan(10);
    expect(controls.filter((t) => /[\uAC00-\uD7A3]/.test(t))).toEqual([]);
    await expectNoAxeViolations('public audit, English', page);
    await showFirstField(page);
    if (shots) await page.screenshot({ path: `${shots}/analysis-public-en-desktop.png`, fullPage: false });
    await context.close();
  });

  it('fits a phone: no sideways scrolling of the page, the heat map and tables scroll inside their own boxes', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${demo.url}/results/2019/analysis`);
    await page.getByRole('heading', { level: 1, name: '2019년 평가 체계 통계 점검' }).waitFor();
    await page
      .getByRole('img', { name: /하위 항목 사이의 상관계수 열지도/ })
      .first()
      .locator('svg')
      .waitFor();
    await page.getByText('자세히', { exact: true }).click();
    await page.getByRole('region', { name: '지표별 원자료 통계' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'the page scrolls sideways on a phone').toBeLessThanOrEqual(0);
    await expectNoAxeViolations('public audit, phone', page);
    await showFirstField(page);
    if (shots) await page.screenshot({ path: `${shots}/analysis-public-ko-phone.png`, fullPage: false });
    await context.close();
  });
});
