import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserSkipNotice, downloadedBytes, launchBrowser, signInPage, startDemoServer, type DemoServer } from '../helpers/browser.js';

const skip = browserSkipNotice();
/** Screenshots for review go outside the repository (set HOPEJOBS_SCREENSHOT_DIR to keep them elsewhere). */
const shots = process.env.HOPEJOBS_SCREENSHOT_DIR;

/**
 * 수상 이력 in a real browser, as the city admin of the demo: the demo's pre-product history (2012–2015, marked as
 * an illustrative reconstruction) by year, the CSV template, a refused file with one row per problem (row, column,
 * reason) and nothing loaded, then a corrected file loaded and listed.
 */
describe.skipIf(skip)('award history in Chromium', () => {
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

  it('lists the history per year, refuses a bad file row by row, and loads a good one', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInPage(page, demo.url, 'admin', demo.password);
    await page.getByRole('navigation', { name: '업무 메뉴' }).getByRole('link', { name: '수상 이력' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/award-history');
    await page.getByRole('heading', { name: '수상 이력', level: 1 }).waitFor();

    // The demo's history: 2014 with its three tiers and prizes, marked as a reconstruction.
    const y2014 = page.getByRole('table', { name: '2014년 수상 이력' });
    await y2014
      .getByRole('row', { name: /서대문구/ })
      .getByRole('cell', { name: '최우수구', exact: true })
      .waitFor();
    await y2014
      .getByRole('row', { name: /서대문구/ })
      .getByRole('cell', { name: '100,000,000원', exact: true })
      .waitFor();
    await y2014
      .getByRole('row', { name: /관악구/ })
      .getByRole('cell', { name: '노력구', exact: true })
      .waitFor();
    await page.getByText('출처가 demo인 행은 데모용 예시 재구성이며').waitFor();
    await expectNoAxeViolations('award history', page);
    if (shots) await page.screenshot({ path: `${shots}/award-history-list.png`, fullPage: false });

    // The template: UTF-8 with BOM, the header, one row per district.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '서식 내려받기 (CSV)' }).click()]);
    const template = (await downloadedBytes(download)).toString('utf8');
    expect(template.startsWith('\uFEFF연도,코드,이름,등급,순위,점수,시상금,출처,비고\r\n')).toBe(true);
    expect(template.trim().split('\r\n')).toHaveLength(26);

    // A file with mistakes: every problem in a table, nothing loaded.
    const input = page.getByLabel('수상 이력 파일 (CSV 또는 엑셀)');
    const bad = [
      '연도,코드,이름,등급,시상금',
      '2011,11215,광진구,우수구,"50,000,000"',
      '2011,11215,광진구,우수구,',
      '2011,11620,마포구,대상,',
      '2016,11440,마포구,우수구,',
    ].join('\n');
    await input.setInputFiles({ name: '수상이력_2011.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${bad}\n`) });
    await page.getByRole('button', { name: '가져오기' }).click();
    const refused = page.getByRole('alert').filter({ hasText: '아무것도 적재하지 않았습니다' });
    await refused.waitFor();
    const errors = refused.getByRole('table', { name: '수상이력_2011.csv의 문제' });
    await errors.getByRole('row', { name: /3.*연도.*2행에도 있습니다/ }).waitFor();
    await errors.getByRole('row', { name: /4.*이름.*'관악구'인데/ }).waitFor();
    await errors.getByRole('row', { name: /4.*등급.*알 수 없는 등급/ }).waitFor();
    await errors.getByRole('row', { name: /5.*연도.*공표한 연도/ }).waitFor();
    await expectNoAxeViolations('refused file', page);
    await refused.scrollIntoViewIfNeeded();
    if (shots) await page.screenshot({ path: `${shots}/award-history-refused.png` });
    await expect(page.getByRole('table', { name: '2011년 수상 이력' }).count()).resolves.toBe(0);

    // The corrected file loads, with the source typed in, and 2011 appears.
    await page.getByLabel('출처 (선택)').fill('2011 평가 결과 보도자료');
    const good = ['연도,코드,이름,등급,시상금', '2011,11215,광진구,우수구,"50,000,000"', '2011,11620,관악구,,'].join('\n');
    await input.setInputFiles({ name: '수상이력_2011.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${good}\n`) });
    await page.getByRole('button', { name: '가져오기' }).click();
    await page.getByRole('status').filter({ hasText: '2건을 적재했습니다 (2011년, 수상 1건)' }).waitFor();
    const y2011 = page.getByRole('table', { name: '2011년 수상 이력' });
    await y2011
      .getByRole('row', { name: /광진구/ })
      .getByRole('cell', { name: '2011 평가 결과 보도자료', exact: true })
      .waitFor();
    await y2011
      .getByRole('row', { name: /광진구/ })
      .getByRole('cell', { name: '50,000,000원', exact: true })
      .waitFor();
    if (shots) await page.screenshot({ path: `${shots}/award-history-loaded.png` });
    await context.close();
  });
});
