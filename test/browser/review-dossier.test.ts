import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfSample, pngSample } from '../domain/evidence-samples.js';
import { repoRoot } from '../helpers/cli.js';
import { axeViolations, browserSkipNotice, launchBrowser, signInPage, startDemoServer, type DemoServer } from '../helpers/browser.js';

const skip = browserSkipNotice();

const YEAR = 2020;
const DISTRICT = '11215'; // 광진구
const ITEM = 'J12';
/** `HOPEJOBS_SCREENSHOTS=1` also writes the pledge form, the dossier and the admin's declarations into docs/screenshots. */
const screenshots = process.env.HOPEJOBS_SCREENSHOTS === '1';
const screenshot = (name: string) => path.join(repoRoot, 'docs', 'screenshots', `${name}.png`);

/** A minimal API client of the running demo server (the set-up a city would do through its own screens). */
async function apiAs(base: string, username: string, password: string) {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status}`);
  const cookie = /hj_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const form = body instanceof FormData;
    const res = await fetch(`${base}/api/v1${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined || form ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: form ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
  return call;
}

/**
 * The reviewer's side of a fair evaluation in a real browser: the pledge and a conflict declaration (회피 신청) on
 * the reviews page, then a score sheet with the district's dossier beside the rubric on a blind panel — the photo
 * opens inline from the evidence route, the PDF is served inline to the frame — and the admin's view of the
 * declarations and the blind setting. Each page is checked with axe-core (WCAG 2.1 A/AA).
 */
describe.skipIf(skip)('the reviewer’s pledge and dossier in Chromium', () => {
  let demo: DemoServer;
  let browser: Browser;
  let reviewerName: string;
  let assignmentId: number;

  beforeAll(async () => {
    demo = await startDemoServer();
    browser = await launchBrowser();
    const officer = await apiAs(demo.url, `officer.${DISTRICT}`, demo.password);
    const admin = await apiAs(demo.url, 'admin', demo.password);
    // The district's J12 best practice: a description, a report (PDF) and a photo (PNG).
    const upload = async (name: string, bytes: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), name);
      return (await officer<{ id: number }>('POST', `/districts/${DISTRICT}/evidence`, form)).id;
    };
    const ids = [await upload('광진구-19데이-결과보고.pdf', pdfSample('report')), await upload('광진구-현장면접.png', pngSample())];
    let item = await officer<{ version: number }>('PUT', `/cycles/${YEAR}/districts/${DISTRICT}/submissions/${ITEM}`, {
      version: 0,
      comment: '광진구는 구인 기업 수요를 반영한 맞춤형 교육과 월례 "19데이" 현장 면접으로 채용을 연계했습니다.',
    });
    for (const evidenceId of ids) item = await officer('POST', `/cycles/${YEAR}/districts/${DISTRICT}/submissions/${ITEM}/evidence`, { evidenceId, version: item.version });
    // A blind panel, then the review stage and the assignment.
    await admin('PUT', `/cycles/${YEAR}/reviews/settings`, { blind: true, version: 0 });
    for (const to of ['verification', 'review']) {
      const cycle = await admin<{ version: number }>('GET', `/cycles/${YEAR}`);
      await admin('POST', `/cycles/${YEAR}/transition`, { to, version: cycle.version, override: true, reason: '브라우저 시험' });
    }
    await admin('POST', `/cycles/${YEAR}/reviews/assign`, { reviewersPerItem: 3 });
    const progress = await admin<{ items: Array<{ orgUnitCode: string; indicatorCode: string; reviewers: Array<{ username: string }> }> }>('GET', `/cycles/${YEAR}/reviews/progress`);
    reviewerName = progress.items.find((i) => i.orgUnitCode === DISTRICT && i.indicatorCode === ITEM)!.reviewers[0]!.username;
    // The reviewer signs through the browser below; the set-up finds the assignment by its dossier afterwards.
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function session(user: string, language: 'ko' | 'en' = 'ko'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: language === 'ko' ? 'ko-KR' : 'en-GB', viewport: { width: 1360, height: 960 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    if (language === 'en') {
      await page.goto(demo.url);
      await page.evaluate(() => localStorage.setItem('hopejobs.lang', 'en'));
    }
    await signInPage(page, demo.url, user, demo.password);
    return { context, page };
  }

  async function expectNoAxeViolations(name: string, page: Page) {
    const violations = await axeViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations)}`).toEqual([]);
  }

  it('signs the pledge and declares a conflict of interest', async () => {
    const { context, page } = await session(reviewerName);
    await page.goto(`${demo.url}/reviews/${YEAR}`);
    const form = page.getByRole('region', { name: '평가위원 서약 및 회피 신청' });
    await form.getByText('공정하고 독립적으로').waitFor();
    await expectNoAxeViolations('pledge form', page);
    const sign = form.getByRole('button', { name: '서약하기' });
    expect(await sign.isDisabled()).toBe(true);
    await form.getByLabel('위 서약 내용에 동의합니다').check();
    await form.getByLabel('서명 (성명)').fill('김평가');
    await sign.click();
    await form.getByText('서약을 제출했습니다').waitFor();

    // A conflict with 종로구 (never 광진구: the dossier below is 광진구's).
    await form.getByLabel('자치구', { exact: true }).selectOption('11110');
    await form.getByLabel('사유').fill('최근 2년간 종로구 일자리위원회 자문위원으로 활동');
    await form.getByRole('button', { name: '회피 신청' }).click();
    await form.getByText(/회피 신청을 접수했습니다/).waitFor();
    await form.getByText('최근 2년간 종로구 일자리위원회 자문위원으로 활동').waitFor();
    await expectNoAxeViolations('pledge form signed', page);
    if (screenshots) await page.screenshot({ path: screenshot('review-pledge-ko-desktop'), fullPage: true });
    await context.close();
  }, 120_000);

  it('shows the district’s dossier beside the rubric, masked, with the photo inline and the PDF served inline', async () => {
    const reviewer = await apiAs(demo.url, reviewerName, demo.password);
    const mine = await reviewer<{ assignments: Array<{ id: number; indicator: { code: string } }> }>('GET', `/cycles/${YEAR}/reviews/mine`);
    for (const a of mine.assignments.filter((x) => x.indicator.code === ITEM)) {
      const d = await reviewer<{ evidence: unknown[]; submission: { comment: string | null } | null }>('GET', `/cycles/${YEAR}/reviews/assignments/${a.id}/dossier`);
      if (d.evidence.length === 2 && d.submission?.comment?.includes('19데이')) assignmentId = a.id;
    }
    expect(assignmentId).toBeGreaterThan(0);

    const { context, page } = await session(reviewerName);
    const pdfResponse = page.waitForResponse((r) => r.url().includes('/api/v1/evidence/') && r.url().includes('inline=1') && r.request().resourceType() === 'document');
    await page.goto(`${demo.url}/reviews/${YEAR}/assignments/${assignmentId}`);
    const dossier = page.getByRole('region', { name: '평가 자료' });
    await dossier.getByText('맞춤형 교육과 월례 "19데이"').waitFor();
    // Blind: the pseudonym everywhere, never the district's name, code or file names.
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/자치구 [A-Z]+/);
    expect(text).not.toMatch(/광진|11215/);
    await dossier.getByText('증빙 1.pdf').first().waitFor();
    // The first viewable file (the PDF) opens in the frame: served inline, framed by our own page only.
    const pdf = await pdfResponse;
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toMatch(/^inline;/);
    expect(pdf.headers()['x-frame-options']).toBe('SAMEORIGIN');
    await dossier.locator('iframe[title="증빙자료 증빙 1.pdf"]').waitFor();

    // The photo opens inline as an image that really decoded.
    await dossier.getByRole('button', { name: '증빙 2.png 보기' }).click();
    const image = dossier.getByRole('img', { name: '증빙자료 증빙 2.png' });
    await image.waitFor();
    await expect.poll(() => image.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    // The rubric is beside it.
    await page.getByRole('group', { name: /계획/ }).first().waitFor();
    await expectNoAxeViolations('dossier', page);
    if (screenshots) await page.screenshot({ path: screenshot('review-dossier-ko-desktop'), fullPage: true });
    await context.close();
  }, 180_000);

  it('shows the admin the blind setting and every reviewer’s pledge and declarations', async () => {
    const { context, page } = await session('admin');
    await page.goto(`${demo.url}/reviews/${YEAR}`);
    const table = page.getByRole('table', { name: '평가위원별 서약·회피 신청 현황' });
    const row = table.getByRole('row', { name: new RegExp(reviewerName.replace('.', '\\.')) });
    await row.getByText('최근 2년간 종로구 일자리위원회 자문위원으로 활동').waitFor();
    await row.getByText(/제출 \(/).waitFor();
    const blind = page.getByLabel('블라인드 평가 (평가위원에게 자치구 이름 숨김)');
    expect(await blind.isChecked()).toBe(true);
    expect(await blind.isDisabled()).toBe(true);
    await expectNoAxeViolations('declarations', page);
    if (screenshots) await page.screenshot({ path: screenshot('review-declarations-ko-desktop'), fullPage: true });
    await context.close();
  }, 120_000);
});
