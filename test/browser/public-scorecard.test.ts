import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserSkipNotice, downloadedBytes, launchBrowser, startDemoServer, type DemoServer } from '../helpers/browser.js';
import { repoRoot } from '../helpers/cli.js';

const skip = browserSkipNotice();

/** `HOPEJOBS_SCREENSHOTS=1` writes the scorecard screens into docs/screenshots; otherwise a scratch directory. */
const shots =
  process.env.HOPEJOBS_SCREENSHOTS === '1'
    ? path.join(repoRoot, 'docs', 'screenshots')
    : (process.env.HOPEJOBS_SCREENSHOT_DIR ?? path.join(tmpdir(), 'hopejobs-scorecard-screens'));

const YEAR = 2019;
const CODE = '11215';

interface ScorecardJson {
  prize: number;
  indicators: Array<{ code: string; name: { ko: string; en: string }; normalised: number | null }>;
  robustness: { runs: number; rankP5: number; rankP95: number } | null;
}

/**
 * The public scorecard people read: a PDF link that downloads a PDF, the rank's robustness in plain words (Korean
 * and English), prize money, charts whose value axes start at 0 (read from the drawn ECharts axis), the radar's
 * axes named by indicator, a table under every chart, and no accessibility violations; screenshots ko/en ×
 * desktop/phone.
 */
describe.skipIf(skip)('public scorecard in Chromium', () => {
  let demo: DemoServer;
  let browser: Browser;
  let card: ScorecardJson;
  beforeAll(async () => {
    demo = await startDemoServer();
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
    card = (await (await fetch(`${demo.url}/api/v1/public/cycles/${YEAR}/districts/${CODE}/scorecard`)).json()) as ScorecardJson;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function open(lang: 'ko' | 'en', phone: boolean): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      locale: lang === 'en' ? 'en-GB' : 'ko-KR',
      viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    if (lang === 'en') {
      await page.goto(demo.url);
      await page.evaluate(() => localStorage.setItem('hopejobs.lang', 'en'));
    }
    await page.goto(`${demo.url}/results/${YEAR}/districts/${CODE}`);
    await page.getByTestId('robustness-sentence').waitFor({ timeout: 20_000 });
    // Every chart drawn: the trend (score, rank) and the radar write their drawn axis minimum.
    await expect.poll(() => page.locator('[role="img"][data-axis-min]').count(), { timeout: 20_000 }).toBe(3);
    return { context, page };
  }

  it('links a PDF that downloads, says how robust the rank is, shows prize money, and draws charts from 0 (Korean)', async () => {
    expect(card.robustness).not.toBeNull();
    const { context, page } = await open('ko', false);

    const pdfLink = page.getByRole('link', { name: '성적표 PDF 내려받기' });
    expect(await pdfLink.getAttribute('href')).toBe(`/api/v1/public/cycles/${YEAR}/districts/${CODE}/scorecard.pdf?lang=ko`);
    const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    const pdf = await downloadedBytes(download);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toContain('.pdf');

    const sentence = (await page.getByTestId('robustness-sentence').textContent()) ?? '';
    const r = card.robustness!;
    const range = r.rankP5 === r.rankP95 ? `${r.rankP5}위로 같으며` : `${r.rankP5}–${r.rankP95}위 사이이며`;
    expect(sentence).toMatch(new RegExp(`^불확실성을 반영해 1,000번 다시 계산(하면|해도) 이 구의 순위는 ${range}, .+ 이상일 확률은 \\d{1,3}%입니다\\.$`));
    await expect.poll(() => page.getByText(/지표 가중치를 ±25% 범위에서 무작위로 바꿔/).isVisible()).toBe(true);

    // Prize money in won, Korean grouping.
    expect(card.prize).toBeGreaterThan(0);
    await expect
      .poll(() =>
        page
          .getByText(`${card.prize.toLocaleString('ko-KR')}원`)
          .first()
          .isVisible(),
      )
      .toBe(true);

    // Value axes start at 0 as ECharts drew them; the rank chart says on the chart that 1st is at the top.
    const score = page.locator('[role="img"][aria-label^="연도별 점수 추이"]');
    expect(await score.getAttribute('data-axis-min')).toBe('0');
    const radar = page.locator('[role="img"][aria-label^="서울 중앙값과 비교"]');
    expect(await radar.getAttribute('data-axis-min')).toBe('0');
    const rank = page.locator('[role="img"][aria-label^="연도별 순위 변동"]');
    await expect.poll(() => rank.locator('svg text', { hasText: '순위 (1위가 위)' }).count()).toBe(1);

    // The radar's axes carry indicator names, not codes.
    const labels = await radar.locator('svg text').allTextContents();
    const scored = card.indicators.filter((i) => i.normalised !== null);
    expect(labels.some((l) => scored[0]!.name.ko.startsWith(l.trim()) && l.trim().length > 2)).toBe(true);
    for (const i of scored) expect(labels.map((l) => l.trim())).not.toContain(i.code);

    // A table view beside every chart (score, rank, radar).
    expect(await page.locator('details summary', { hasText: '표로 보기' }).count()).toBeGreaterThanOrEqual(3);

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'public-scorecard-ko-desktop.png'), fullPage: true });
    await context.close();
  }, 120_000);

  it('reads the same in English, and on a phone in both languages', async () => {
    const en = await open('en', false);
    const sentence = (await en.page.getByTestId('robustness-sentence').textContent()) ?? '';
    expect(sentence).toMatch(
      /^Recomputed 1,000 times to reflect uncertainty, this district (ranks between \d+ and \d+|keeps rank \d+), and the chance of .+ or better is \d{1,3}%\.$/,
    );
    expect(await en.page.getByRole('link', { name: 'Download the scorecard (PDF)' }).getAttribute('href')).toContain('scorecard.pdf?lang=en');
    expect(await en.page.locator('[role="img"][aria-label^="Score by year"]').getAttribute('data-axis-min')).toBe('0');
    expect(await axeViolations(en.page)).toEqual([]);
    await en.page.screenshot({ path: path.join(shots, 'public-scorecard-en-desktop.png'), fullPage: true });
    await en.context.close();

    for (const lang of ['ko', 'en'] as const) {
      const phone = await open(lang, true);
      expect(await axeViolations(phone.page)).toEqual([]);
      await phone.page.screenshot({ path: path.join(shots, `public-scorecard-${lang}-phone.png`), fullPage: true });
      await phone.context.close();
    }
  }, 180_000);

  it('shows prize money per tier and per unit on the results page', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.url}/results/${YEAR}`);
    await page.getByRole('columnheader', { name: /시상금\(원\)/ }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByText(/시상금 총액 [\d,]+원/).isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .getByText(/^구당 [\d,]+원$/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 60_000);
});
