import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { axeViolations, browserSkipNotice, launchBrowser, signInPage, startDemoServer, type DemoServer } from '../helpers/browser.js';

const skip = browserSkipNotice();
const YEAR = 2020;
const DRAFT_YEAR = 2021;
const DISTRICT = '11215'; // 광진구
/**
 * Screenshots of the screens: into docs/screenshots with `HOPEJOBS_SCREENSHOTS=1` (like the other browser tests),
 * else into HOPEJOBS_SCREENSHOT_DIR or a scratch directory.
 */
const shots =
  process.env.HOPEJOBS_SCREENSHOTS === '1'
    ? path.join(repoRoot, 'docs', 'screenshots')
    : (process.env.HOPEJOBS_SCREENSHOT_DIR ?? path.join(tmpdir(), 'hopejobs-handbook-screens'));

/**
 * The 평가 편람 in a real browser: beside the officer's entry form (J8, the four items that count), beside the
 * reviewer's score sheet (J12, the panel's rubric in words), and edited in the framework editor (saved with the
 * framework draft, then shown to the officer); the framework's population year is set in the same editor and read
 * back. Each screen passes axe-core (WCAG 2.1 AA).
 */
describe.skipIf(skip)('평가 편람 beside the forms in Chromium', () => {
  let demo: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    demo = await startDemoServer();
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function session(user: string): Promise<{ context: BrowserContext; page: Page; api: <T>(method: string, url: string, body?: object) => Promise<T> }> {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1360, height: 960 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInPage(page, demo.url, user, demo.password);
    const csrf = ((await (await page.request.get(`${demo.url}/api/v1/me`)).json()) as { csrfToken: string }).csrfToken;
    const api = async <T>(method: string, url: string, body?: object): Promise<T> => {
      const res = await page.request.fetch(`${demo.url}/api/v1${url}`, { method, headers: { 'x-csrf-token': csrf }, ...(body ? { data: body } : {}) });
      expect(res.ok(), `${method} ${url}: ${await res.text()}`).toBe(true);
      return (await res.json()) as T;
    };
    return { context, page, api };
  }

  async function expectNoAxeViolations(name: string, page: Page) {
    const violations = await axeViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations)}`).toEqual([]);
  }

  it('shows the officer the indicator’s guidance beside the entry form, with the items that count and the PDF', async () => {
    const { context, page } = await session(`officer.${DISTRICT}`);
    await page.goto(`${demo.url}/district/${DISTRICT}/${YEAR}?tab=values&indicator=J8`);
    const panel = page.getByTestId('guidance-J8');
    await panel.getByText('청소노동자 실태조사 1건 이상').waitFor();
    const text = await panel.innerText();
    for (const part of ['정의', '산식', '증빙 자료', '점검 항목', '유의 사항', '새벽인력쉼터 운영', '÷ 250']) expect(text).toContain(part);
    const item = page.locator('#indicator-J8');
    await item.screenshot({ path: path.join(shots, 'handbook-officer-J8.png') });
    // Beside the form: to the right of the comment box on a wide screen, starting above it.
    const comment = item.getByLabel('의견');
    const [panelBox, commentBox] = [await panel.boundingBox(), await comment.boundingBox()];
    expect(panelBox!.x).toBeGreaterThan(commentBox!.x + commentBox!.width);
    expect(panelBox!.y).toBeLessThan(commentBox!.y);
    // The whole handbook downloads as a PDF.
    const href = await panel.getByRole('link', { name: '평가 편람 전체 (PDF)' }).getAttribute('href');
    const pdf = await page.request.get(`${demo.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await expectNoAxeViolations('officer form with guidance', page);
    await page.screenshot({ path: path.join(shots, 'handbook-officer-page.png'), fullPage: false });
    await context.close();
  }, 120_000);

  it('offers every published cycle’s handbook on the open-data page without sign-in', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1360, height: 960 } });
    const page = await context.newPage();
    await page.goto(`${demo.url}/open-data`);
    const formats = page.getByRole('list', { name: '2019년 결과 파일 형식' });
    const href = await formats.getByRole('link', { name: '평가 편람 (PDF)' }).getAttribute('href');
    expect(href).toBe('/api/v1/public/cycles/2019/handbook.pdf?lang=ko');
    const pdf = await page.request.get(`${demo.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['cache-control']).toBe('public, max-age=60');
    await expectNoAxeViolations('open data with the handbook', page);
    await context.close();
  }, 60_000);

  it('shows the reviewer the guidance on the score sheet', async () => {
    const admin = await session('admin');
    for (const to of ['verification', 'review']) {
      const cycle = await admin.api<{ version: number }>('GET', `/cycles/${YEAR}`);
      await admin.api('POST', `/cycles/${YEAR}/transition`, { to, version: cycle.version, override: true, reason: '브라우저 시험: 평가 편람' });
    }
    await admin.api('POST', `/cycles/${YEAR}/reviews/assign`, { reviewersPerItem: 3 });
    const progress = await admin.api<{ items: Array<{ orgUnitCode: string; indicatorCode: string; reviewers: Array<{ username: string }> }> }>(
      'GET',
      `/cycles/${YEAR}/reviews/progress`,
    );
    const reviewerName = progress.items.find((i) => i.orgUnitCode === DISTRICT && i.indicatorCode === 'J12')!.reviewers[0]!.username;
    await admin.context.close();

    const { context, page, api } = await session(reviewerName);
    await api('POST', `/cycles/${YEAR}/reviews/pledge`, { agree: true, signedName: '김평가' });
    const mine = await api<{ assignments: Array<{ id: number; indicator: { code: string } }> }>('GET', `/cycles/${YEAR}/reviews/mine`);
    const sheet = mine.assignments.find((a) => a.indicator.code === 'J12')!;
    await page.goto(`${demo.url}/reviews/${YEAR}/assignments/${sheet.id}`);
    const panel = page.getByTestId('guidance-J12');
    await panel.getByText('성과·파급 효과: 주민·기업에 나타난 변화').waitFor();
    const text = await panel.innerText();
    for (const part of ['정의', '산식', '심사위원', '증빙 자료', '점검 항목']) expect(text).toContain(part);
    // Beside the dossier, above the rubric the reviewer scores.
    const dossier = page.getByRole('region', { name: '평가 자료' });
    await dossier.waitFor();
    const [panelBox, dossierBox] = [await panel.boundingBox(), await dossier.boundingBox()];
    expect(panelBox!.x).toBeGreaterThan(dossierBox!.x + dossierBox!.width - 1);
    await expectNoAxeViolations('review sheet with guidance', page);
    await page.screenshot({ path: path.join(shots, 'handbook-reviewer-J12.png'), fullPage: true });
    await context.close();
  }, 180_000);

  it('edits the guidance in the framework editor and saves it with the framework draft', async () => {
    const { context, page, api } = await session('admin');
    await api('POST', '/cycles', { year: DRAFT_YEAR });
    await page.goto(`${demo.url}/admin/cycles/${DRAFT_YEAR}/framework`);
    await page.getByRole('button', { name: /J11\s*생활임금·노동존중 시책 이행/ }).click();
    const editor = page.getByRole('group', { name: '평가 편람' });
    await editor.waitFor();
    const checklist = editor.getByLabel('점검 항목 (한국어, 한 줄에 하나)');
    expect((await checklist.inputValue()).split('\n')).toHaveLength(5);
    const notes = editor.getByLabel('유의 사항 (한국어)');
    await notes.fill('항목마다 이행 근거를 한 건 이상 첨부합니다.');
    await checklist.press('Control+End');
    await checklist.pressSequentially('\n감정노동자 보호 지침 시행');
    // The population year of per-capita indicators, a setting of the whole framework, saved with the same draft.
    const populationYear = page.getByLabel('1인당 지표의 인구 연도');
    expect(await populationYear.inputValue()).toBe('cycle');
    await populationYear.selectOption({ label: '평가 연도 이전의 가장 최근 인구' });
    await expectNoAxeViolations('framework editor with guidance', page);
    await editor.screenshot({ path: path.join(shots, 'handbook-editor-J11.png') });
    await page.getByRole('region', { name: '저장' }).getByRole('button', { name: '저장', exact: true }).click();
    await page
      .getByText(/저장했습니다 \(버전 \d+\)/)
      .first()
      .waitFor();

    const saved = await api<{
      definition: { populationYear?: string; indicators: Array<{ code: string; guidance?: { notes?: { ko: string }; checklist?: Array<{ ko: string }> } }> };
    }>('GET', `/cycles/${DRAFT_YEAR}/framework`);
    const j11 = saved.definition.indicators.find((i) => i.code === 'J11')!;
    expect(j11.guidance?.notes?.ko).toBe('항목마다 이행 근거를 한 건 이상 첨부합니다.');
    expect(j11.guidance?.checklist?.map((c) => c.ko)).toHaveLength(6);
    expect(j11.guidance?.checklist?.at(-1)?.ko).toBe('감정노동자 보호 지침 시행');
    expect(saved.definition.populationYear).toBe('latest_available');
    expect(await populationYear.inputValue()).toBe('latest_available');
    await populationYear.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'framework-population-year.png') });
    await page.screenshot({ path: path.join(shots, 'handbook-editor-page.png'), fullPage: false });
    await context.close();
  }, 180_000);
});
