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
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
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
 * declarations and the blind setting; then, after an objection on the item is accepted, the reviewer's re-review
 * (재심사 요청) of exactly that sheet. Each page is checked with axe-core (WCAG 2.1 A/AA).
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
    for (const evidenceId of ids)
      item = await officer('POST', `/cycles/${YEAR}/districts/${DISTRICT}/submissions/${ITEM}/evidence`, { evidenceId, version: item.version });
    // A blind panel, then the review stage and the assignment.
    await admin('PUT', `/cycles/${YEAR}/reviews/settings`, { blind: true, version: 0 });
    for (const to of ['verification', 'review']) {
      const cycle = await admin<{ version: number }>('GET', `/cycles/${YEAR}`);
      await admin('POST', `/cycles/${YEAR}/transition`, { to, version: cycle.version, override: true, reason: '브라우저 시험' });
    }
    await admin('POST', `/cycles/${YEAR}/reviews/assign`, { reviewersPerItem: 3 });
    const progress = await admin<{ items: Array<{ orgUnitCode: string; indicatorCode: string; reviewers: Array<{ username: string }> }> }>(
      'GET',
      `/cycles/${YEAR}/reviews/progress`,
    );
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
      const d = await reviewer<{ evidence: unknown[]; submission: { comment: string | null } | null }>(
        'GET',
        `/cycles/${YEAR}/reviews/assignments/${a.id}/dossier`,
      );
      if (d.evidence.length === 2 && d.submission?.comment?.includes('19데이')) assignmentId = a.id;
    }
    expect(assignmentId).toBeGreaterThan(0);

    const { context, page } = await session(reviewerName);
    const pdfResponse = page.waitForResponse(
      (r) => r.url().includes('/api/v1/evidence/') && r.url().includes('inline=1') && r.request().resourceType() === 'document',
    );
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

  it('reopens the sheet after an accepted objection: the reviewer sees 재심사 요청 with the reason and submits it again; the other sheets stay read-only', async () => {
    const REASON = '현장 면접 결과 보고서를 반영해 재심사';
    const admin = await apiAs(demo.url, 'admin', demo.password);
    const move = async (to: string) => {
      const cycle = await admin<{ version: number }>('GET', `/cycles/${YEAR}`);
      await admin('POST', `/cycles/${YEAR}/transition`, { to, version: cycle.version, override: true, reason: '브라우저 시험: 재심사' });
    };
    // The panel of 광진구 J12 signs and submits its J12 sheets; the round closes (the rest dropped) and the cycle
    // goes on to the objection stage.
    const progress = await admin<{ items: Array<{ orgUnitCode: string; indicatorCode: string; reviewers: Array<{ username: string }> }> }>(
      'GET',
      `/cycles/${YEAR}/reviews/progress`,
    );
    const panel = progress.items.find((i) => i.orgUnitCode === DISTRICT && i.indicatorCode === ITEM)!.reviewers.map((r) => r.username);
    expect(panel).toHaveLength(3);
    type Sheet = {
      id: number;
      version: number;
      status: string;
      indicator: { code: string };
      rubric: { scale: string; criteria: Array<{ code: string; maxPoints?: number }> } | null;
    };
    for (const name of panel) {
      const reviewer = await apiAs(demo.url, name, demo.password);
      const pledge = await reviewer<{ signed: unknown }>('GET', `/cycles/${YEAR}/reviews/pledge`);
      if (pledge.signed === null) await reviewer('POST', `/cycles/${YEAR}/reviews/pledge`, { agree: true, signedName: name });
      const mine = await reviewer<{ assignments: Sheet[] }>('GET', `/cycles/${YEAR}/reviews/mine`);
      for (const a of mine.assignments.filter((x) => x.indicator.code === ITEM && x.status !== 'submitted')) {
        const scores = Object.fromEntries(a.rubric!.criteria.map((c) => [c.code, a.rubric!.scale === 'levels' ? 3 : Math.min(3, c.maxPoints ?? 3)]));
        await reviewer('POST', `/cycles/${YEAR}/reviews/assignments/${a.id}/submit`, { version: a.version, scores });
      }
    }
    await admin('POST', `/cycles/${YEAR}/reviews/close`, { overrideReason: '브라우저 시험: 미제출 채점표는 제외' });
    await move('scoring');
    const run = await admin<{ id: number }>('POST', `/cycles/${YEAR}/scoring-runs`, {
      kind: 'provisional',
      override: true,
      reason: '브라우저 시험: 검증 전 가결과',
    });
    // Unverified demo figures may tie at an award boundary: award every tied district, tier by tier.
    type Tie = { tier: string; group?: string; decision: unknown };
    let ties = (await admin<{ ties: Tie[] }>('GET', `/scoring-runs/${run.id}`)).ties;
    for (let tie = ties.find((x) => x.decision === null); tie !== undefined; tie = ties.find((x) => x.decision === null)) {
      const body = { tier: tie.tier, ...(tie.group === undefined ? {} : { group: tie.group }), decision: 'award_all', reason: '브라우저 시험: 동점 모두 수상' };
      ties = (await admin<{ ties: Tie[] }>('POST', `/scoring-runs/${run.id}/ties`, body)).ties;
    }
    for (const to of ['provisional', 'objections']) await move(to);
    // 종로구 contests 광진구's J12, 광진구 replies, the city accepts: the item is reopened for its panel.
    const filer = await apiAs(demo.url, 'officer.11110', demo.password);
    const filed = await filer<{ id: number; version: number }>('POST', `/cycles/${YEAR}/objections`, {
      district: DISTRICT,
      indicator: ITEM,
      reason: '광진구 J12 우수사례 평가에 현장 면접 결과가 반영되지 않았습니다',
    });
    const contested = await apiAs(demo.url, `approver.${DISTRICT}`, demo.password);
    const replied = await contested<{ version: number }>('POST', `/objections/${filed.id}/reply`, {
      version: filed.version,
      text: '결과 보고서를 첨부했습니다',
    });
    const decided = await admin<{ status: string; reopenedReviews: number }>('POST', `/objections/${filed.id}/decide`, {
      decision: 'accept',
      version: replied.version,
      reason: REASON,
    });
    expect(decided).toMatchObject({ status: 'accepted', reopenedReviews: 3 });

    // The reviewer's list: one sheet to re-review, marked with the reason; no other sheet can be scored.
    const { context, page } = await session(reviewerName);
    await page.goto(`${demo.url}/reviews/${YEAR}`);
    await page.getByText('재심사 요청된 평가표 1건').waitFor();
    await page.getByText(`사유: ${REASON}`).waitFor();
    const rescore = page.getByRole('link', { name: /다시 채점하기 \(재심사\)$/ });
    expect(await rescore.count()).toBe(1);
    expect(await page.getByRole('link', { name: / 채점하기$/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: / 보기$/ }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations('reviews list with a sheet to re-review', page);

    // The sheet: the badge, the reason, the saved scores editable; submitted again it is read-only.
    await rescore.click();
    await page.getByText(REASON).waitFor();
    // The reason is on the list too: wait until the sheet itself (badge and reason) has replaced it.
    await expect
      .poll(
        () =>
          page
            .locator('main')
            .getByText(/재심사 요청/)
            .count(),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(1);
    const submit = page.getByRole('button', { name: '제출', exact: true });
    expect(await submit.isDisabled()).toBe(false);
    await expectNoAxeViolations('score sheet reopened for re-review', page);
    await submit.click();
    await page.getByRole('button', { name: '예, 제출합니다' }).click();
    await page.getByText('제출한 채점표입니다. 고칠 수 없습니다.').waitFor();
    await page.getByText(/재심사한 점수를 제출했습니다/).waitFor();
    await expectNoAxeViolations('score sheet re-reviewed', page);

    // Back on the list nothing is left to score; the server agrees.
    await page.goto(`${demo.url}/reviews/${YEAR}`);
    await page.getByRole('heading', { name: '내 평가 목록' }).waitFor();
    await page
      .getByRole('link', { name: / 보기$/ })
      .first()
      .waitFor();
    expect(await page.getByRole('link', { name: /채점하기/ }).count()).toBe(0);
    const mine = await (await apiAs(demo.url, reviewerName, demo.password))<{ editable: boolean; assignments: Sheet[] }>('GET', `/cycles/${YEAR}/reviews/mine`);
    expect(mine.editable).toBe(false);
    await context.close();
  }, 240_000);
});
