import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { axeViolations, browserSkipNotice, downloadedBytes, launchBrowser, signInPage, startDemoServer, type DemoServer } from '../helpers/browser.js';
import { docxText, hasPdftotext, pdfText } from '../helpers/document-text.js';

const skip = browserSkipNotice();
/** `HOPEJOBS_SCREENSHOTS=1` also writes the workspace (Korean, desktop) into docs/screenshots. */
const screenshots = process.env.HOPEJOBS_SCREENSHOTS === '1';
const EDITED_TITLE = '# 서울시, 브라우저에서 고친 2019 평가 결과 보도자료';
const EDITED_LINE = '□ 광진구의 청년 일자리 사례는 공표 문서 화면에서 새로 쓴 문단이다.';

/**
 * The publication workspace in a real browser: the city admin opens it from the work menu, edits the generated press
 * release, saves it as a version, and downloads it as PDF and .docx — both carry the edited text; a save from a stale
 * screen is refused and names the newest version; the page has no accessibility violations.
 */
describe.skipIf(skip)('the publication workspace in Chromium', () => {
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

  async function session(lang: 'ko' | 'en' = 'ko'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'ko-KR', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    if (lang === 'en') {
      await page.goto(demo.url);
      await page.evaluate(() => localStorage.setItem('hopejobs.lang', 'en'));
    }
    return { context, page };
  }

  it('edits, saves and downloads the press release; a stale save is refused', async () => {
    const { context, page } = await session();
    await signInPage(page, demo.url, 'admin', demo.password);
    await page.getByRole('navigation', { name: '업무 메뉴' }).getByRole('link', { name: '공표 문서' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/cycles/2019/publication');
    await page.getByRole('heading', { name: '공표 문서', level: 1 }).waitFor();
    const editor = page.getByLabel('보도자료 본문');
    await expect.poll(async () => editor.inputValue()).toContain('보도일시: ');
    await page.getByText('자동 생성 초안입니다').waitFor();
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations)).toEqual([]);

    const draft = await editor.inputValue();
    expect(draft).toMatch(/^보도일시: \d{4}\. \d{1,2}\. \d{1,2}\.\([일월화수목금토]\) 배포 즉시 보도$/m);
    await editor.fill(`${draft.replace(/^# .*$/m, EDITED_TITLE)}\n${EDITED_LINE}\n`);
    await page.getByRole('button', { name: '새 버전으로 저장' }).click();
    await page.getByRole('status').getByText('새 버전을 저장했습니다 (버전 1).').waitFor();
    const versions = page.getByRole('table', { name: '보도자료 버전 목록' });
    await versions.getByRole('row', { name: /서울시 일자리정책과/ }).waitFor();

    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF 내려받기', exact: true }).click()]);
    expect(pdfDownload.suggestedFilename()).toBe('hopejobs-2019-press-release-v1.pdf');
    const pdf = await downloadedBytes(pdfDownload);
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    if (await hasPdftotext()) {
      const text = await pdfText(pdf);
      expect(text).toContain('브라우저에서 고친 2019 평가 결과 보도자료');
      expect(text).toContain('공표 문서 화면에서 새로 쓴 문단이다.');
    }
    const [docxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Word(.docx) 내려받기', exact: true }).click()]);
    expect(docxDownload.suggestedFilename()).toBe('hopejobs-2019-press-release-v1.docx');
    const words = await docxText(await downloadedBytes(docxDownload));
    expect(words).toContain('서울시, 브라우저에서 고친 2019 평가 결과 보도자료');
    expect(words).toContain('광진구의 청년 일자리 사례는 공표 문서 화면에서 새로 쓴 문단이다.');

    const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '결과 보고 Word(.docx) 내려받기' }).click()]);
    expect(await docxText(await downloadedBytes(report))).toContain('2019 희망일자리 만들기 평가 결과 보고');

    if (screenshots) {
      await page.getByRole('heading', { name: '공표 문서', level: 1 }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(repoRoot, 'docs', 'screenshots', 'publication-workspace-ko-desktop.png'), fullPage: true });
    }

    // A second tab still on version 1 saves after this one saved version 2: refused, the newest version named.
    const other = await context.newPage();
    await other.goto(page.url());
    const otherEditor = other.getByLabel('보도자료 본문');
    await expect.poll(async () => otherEditor.inputValue()).toContain(EDITED_LINE);
    await editor.fill(`${await editor.inputValue()}○ 첫 번째 탭에서 덧붙인 줄\n`);
    await page.getByRole('button', { name: '새 버전으로 저장' }).click();
    await page.getByRole('status').getByText('새 버전을 저장했습니다 (버전 2).').waitFor();
    await otherEditor.fill(`${await otherEditor.inputValue()}○ 두 번째 탭에서 덧붙인 줄\n`);
    await other.getByRole('button', { name: '새 버전으로 저장' }).click();
    await other.getByRole('alert').getByText('다른 사용자가 먼저 저장했습니다').waitFor();
    await other.getByRole('alert').getByText('지금 최신 버전은 2입니다.', { exact: false }).waitFor();
    await other.getByRole('button', { name: '최신 버전 불러오기' }).click();
    await expect.poll(async () => otherEditor.inputValue()).toContain('첫 번째 탭에서 덧붙인 줄');
    expect(await otherEditor.inputValue()).not.toContain('두 번째 탭에서');

    // Restoring version 1 saves its text as version 3.
    await page.getByRole('button', { name: '버전 1 내용으로 되돌리기' }).click();
    await page.getByRole('status').getByText('버전 1의 내용을 새 버전으로 저장했습니다 (버전 3).').waitFor();
    await expect.poll(async () => editor.inputValue()).not.toContain('첫 번째 탭에서 덧붙인 줄');
    await context.close();
  }, 120_000);

  it('works in English: menu, heading, editor, buttons and downloads in English, no accessibility violations', async () => {
    const { context, page } = await session('en');
    await signInPage(page, demo.url, 'admin', demo.password);
    await page.getByRole('navigation', { name: 'Work menu' }).getByRole('link', { name: 'Publication', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/admin/cycles/2019/publication');
    await page.getByRole('heading', { name: 'Publication documents', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toContain('Publication documents');
    // The press release itself stays Korean (it is the city's Korean document); the screen around it is English.
    const editor = page.getByLabel('Press-release text');
    await expect.poll(async () => editor.inputValue()).toContain('보도일시: ');
    for (const name of ['Press release', 'Saved versions', 'Results report']) await page.getByRole('heading', { name, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Save as a new version' }).waitFor();
    await page.getByRole('table', { name: 'Press-release versions' }).waitFor();
    await page.getByRole('button', { name: 'Restore version 1' }).waitFor();
    const controls = await page.getByRole('main').locator('h1, h2, h3, button, a, th, label').allInnerTexts();
    expect(controls.length).toBeGreaterThan(10);
    expect(controls.filter((t) => /[\uAC00-\uD7A3]/.test(t))).toEqual([]);
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations)).toEqual([]);

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF', exact: true }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/^hopejobs-2019-press-release-v\d+\.pdf$/);
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the results report (Word, .docx)' }).click()]);
    expect(await docxText(await downloadedBytes(report))).toContain('2019 희망일자리 만들기 평가 결과 보고');
    await context.close();
  }, 120_000);
});
