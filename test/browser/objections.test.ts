import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { axeViolations, browserSkipNotice, launchBrowser, signInPage, startDemoServer, type AxeViolation, type DemoServer } from '../helpers/browser.js';

const skip = browserSkipNotice();

const YEAR = 2020;
const FILER = '11110'; // 종로구
const CONTESTED = '11215'; // 광진구
/** `HOPEJOBS_SCREENSHOTS=1` also writes the objection screens into docs/screenshots; otherwise the docs stay untouched. */
const screenshots = process.env.HOPEJOBS_SCREENSHOTS === '1';

/** A signed-in API session for setting the stage (the browser then does the objection steps themselves). */
async function apiSession(base: string, username: string, password: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async function call<T = Record<string, unknown>>(method: string, url: string, body?: unknown): Promise<T> {
    const form = body instanceof FormData;
    const r = await fetch(`${base}/api/v1${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined || form ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    if (r.status >= 400) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
    return (r.status === 204 ? {} : await r.json()) as T;
  };
}

/**
 * The objection stages in a real browser, as the national joint evaluation runs them: 종로구's officer contests
 * 광진구's J2 figure from the provisional results (an absurd requested value is refused on the form, in Korean),
 * 광진구's approver replies with the reply form, and the city admin decides with the decision form — each screen
 * checked with axe-core (WCAG 2.1 A/AA).
 */
describe.skipIf(skip)('objections across districts in Chromium', () => {
  let demo: DemoServer;
  let browser: Browser;
  const axe: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    demo = await startDemoServer();
    browser = await launchBrowser();
    // The stage, through the API: both districts' J2 verified, a provisional run, the objection stage.
    const admin = await apiSession(demo.url, 'admin', demo.password);
    const items: Array<{ id: number; version: number }> = [];
    for (const [code, value] of [
      [FILER, 95],
      [CONTESTED, 40],
    ] as const) {
      const officer = await apiSession(demo.url, `officer.${code}`, demo.password);
      const approver = await apiSession(demo.url, `approver.${code}`, demo.password);
      const form = new FormData();
      form.append('file', new Blob([`%PDF-1.4\n% J2 ${code}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`], { type: 'application/pdf' }), `J2-${code}.pdf`);
      const evidence = await officer<{ id: number }>('POST', `/districts/${code}/evidence`, form);
      const base = `/cycles/${YEAR}/districts/${code}/submissions/J2`;
      let item = await officer<{ id: number; version: number }>('GET', base);
      item = await officer('PUT', base, { version: item.version, value });
      item = await officer('POST', `${base}/evidence`, { evidenceId: evidence.id, version: item.version });
      item = (await officer<{ submission: { id: number; version: number } }>('POST', `${base}/submit`, { version: item.version })).submission;
      items.push(await approver('POST', `${base}/approve`, { version: item.version }));
    }
    const move = async (to: string) => {
      const { version } = await admin<{ version: number }>('GET', `/cycles/${YEAR}`);
      await admin('POST', `/cycles/${YEAR}/transition`, { to, version, override: true, reason: '브라우저 시험: 이의신청 단계 준비' });
    };
    await move('verification');
    for (const i of items) await admin('POST', `/cycles/${YEAR}/verification/verify`, { id: i.id, version: i.version });
    for (const to of ['review', 'scoring']) await move(to);
    const run = await admin<{ id: number }>('POST', `/cycles/${YEAR}/scoring-runs`, {
      kind: 'provisional',
      override: true,
      reason: '브라우저 시험: 두 자치구만 검증한 잠정 결과',
    });
    // Unverified demo figures may tie at an award boundary: award every tied district, tier by tier.
    type Tie = { tier: string; group?: string; decision: unknown };
    let ties = (await admin<{ ties: Tie[] }>('GET', `/scoring-runs/${run.id}`)).ties;
    for (let tie = ties.find((x) => x.decision === null); tie !== undefined; tie = ties.find((x) => x.decision === null)) {
      const body = { tier: tie.tier, ...(tie.group === undefined ? {} : { group: tie.group }), decision: 'award_all', reason: '브라우저 시험: 동점 모두 수상' };
      ties = (await admin<{ ties: Tie[] }>('POST', `/scoring-runs/${run.id}/ties`, body)).ties;
    }
    for (const to of ['provisional', 'objections']) await move(to);
  }, 300_000);
  afterAll(async () => {
    console.log(
      `axe-core (WCAG 2.1 A/AA) violations by objection screen: ${JSON.stringify(Object.fromEntries(Object.entries(axe).map(([k, v]) => [k, v.length])))}`,
    );
    await browser?.close();
    await demo?.stop();
  });

  async function as(user: string, opts: { lang?: 'en'; phone?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      locale: opts.lang === 'en' ? 'en-GB' : 'ko-KR',
      viewport: opts.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    if (opts.lang === 'en') {
      await page.goto(demo.url);
      await page.evaluate(() => localStorage.setItem('hopejobs.lang', 'en'));
    }
    await signInPage(page, demo.url, user, demo.password);
    return { context, page };
  }

  async function checkAxe(name: string, page: Page) {
    axe[name] = await axeViolations(page);
    expect(axe[name], `${name}: ${JSON.stringify(axe[name])}`).toEqual([]);
  }

  async function shoot(page: Page, name: string, fullPage = false) {
    if (screenshots) await page.screenshot({ path: path.join(repoRoot, 'docs', 'screenshots', `${name}.png`), fullPage });
  }

  it('files against another district, takes the reply, and records the decision', async () => {
    // ── 종로구 contests 광진구's J2 from the provisional results ─────────────────────────────────────────────────
    const filer = await as(`officer.${FILER}`);
    await filer.page.goto(`${demo.url}/objections/${YEAR}`);
    await filer.page.getByRole('heading', { name: '종로구 가결과 성적표' }).waitFor();
    await filer.page.getByText('답변 마감').waitFor();
    await checkAxe('objections (district)', filer.page);
    await filer.page.getByLabel('성적표를 볼 자치구').selectOption(CONTESTED);
    await filer.page.getByRole('heading', { name: '광진구 가결과 성적표' }).waitFor();
    await filer.page.getByRole('button', { name: /^광진구 J2 .* 이의신청$/ }).click();
    const form = filer.page.getByRole('dialog', { name: /광진구 J2 .* 이의신청/ });
    await form.getByText(/가결과 값 40/).waitFor();
    await form.getByLabel('이의 사유').fill('광진구 J2 달성률 산정에 하반기 실적이 빠져 있습니다.');
    await form.getByLabel(/바로잡을 값/).fill('1e308');
    await form.getByRole('button', { name: '이의신청 제출' }).click();
    await form
      .getByText(/상한보다 큽니다/)
      .first()
      .waitFor();
    await checkAxe('objection form with an error', filer.page);
    await form.getByLabel(/바로잡을 값/).fill('100');
    await shoot(filer.page, 'objections-file-ko-desktop');
    await form.getByRole('button', { name: '이의신청 제출' }).click();
    await form.waitFor({ state: 'hidden' });
    const filed = filer.page.getByRole('listitem').filter({ has: filer.page.getByRole('heading', { name: /광진구 · J2/ }) });
    await filed.getByText('답변 대기').first().waitFor();
    await filed.getByText(/종로구 신청/).waitFor();
    await shoot(filer.page, 'objections-ko-desktop');
    await filer.context.close();

    // ── 광진구's approver replies within the reply window ──────────────────────────────────────────────────────────
    const contested = await as(`approver.${CONTESTED}`);
    await contested.page.goto(`${demo.url}/objections/${YEAR}`);
    await contested.page.getByRole('button', { name: '광진구 J2 이의신청에 답변하기' }).click();
    const reply = contested.page.getByRole('dialog', { name: /종로구의 이의신청에 답변/ });
    await reply.getByLabel('답변 내용').fill('하반기 실적은 9월 보고서에 포함되어 있습니다. 보고서를 첨부합니다.');
    await checkAxe('reply form', contested.page);
    await shoot(contested.page, 'objections-reply-ko-desktop');
    await reply.getByRole('button', { name: '답변 제출' }).click();
    await reply.waitFor({ state: 'hidden' });
    await contested.page.getByText('결정 대기').first().waitFor();
    await contested.page.getByText(/광진구 답변/).waitFor();
    await contested.context.close();

    // ── The city decides, in English, with a reason ──────────────────────────────────────────────────────────────
    const city = await as('admin', { lang: 'en' });
    await city.page.goto(`${demo.url}/objections/${YEAR}`);
    await city.page.getByRole('heading', { name: 'Schedule and deciders' }).waitFor();
    await checkAxe('objections (city)', city.page);
    await city.page.getByRole('button', { name: /^Decide the objection of 광진구 J2/ }).click();
    const decide = city.page.getByRole('dialog', { name: /Objection of 광진구 J2/ });
    await decide.getByText(/Reply of 광진구/).waitFor();
    await decide.getByLabel(/Accept \(correct the value\)/).check();
    await decide.getByLabel(/Corrected value/).fill('100');
    await decide.getByLabel(/Reason for the decision/).fill('The September report confirms the second-half results.');
    await checkAxe('decision form', city.page);
    await shoot(city.page, 'objections-decide-en-desktop');
    await decide.getByRole('button', { name: 'Save the decision' }).click();
    await decide.waitFor({ state: 'hidden' });
    await city.page.getByText(/corrected value 100/).waitFor();
    await shoot(city.page, 'objections-city-en-desktop', true);
    await city.context.close();

    // ── Both districts see every stage; a phone screenshot for the guide ─────────────────────────────────────────
    const phone = await as(`officer.${FILER}`, { phone: true });
    await phone.page.goto(`${demo.url}/objections/${YEAR}`);
    await phone.page.getByText('받아들임').first().waitFor();
    await checkAxe('objections (phone)', phone.page);
    await shoot(phone.page, 'objections-ko-phone');
    await phone.context.close();
  }, 240_000);
});
