import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserSkipNotice, launchBrowser, signInPage, startDemoServer, type AxeViolation, type DemoServer } from '../helpers/browser.js';

const skip = browserSkipNotice();

const YEAR = 2020;
const OWN = '11215'; // 광진구
/** `HOPEJOBS_SCREENSHOT_DIR=<dir>` writes the screens there for a look; otherwise none are written. */
const shots = process.env.HOPEJOBS_SCREENSHOT_DIR;

/** A signed-in API session for setting the stage. */
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
    const r = await fetch(`${base}/api/v1${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (r.status >= 400) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
    return (r.status === 204 ? {} : await r.json()) as T;
  };
}

interface Entry {
  id: number;
  version: number;
  status: string;
  district: { code: string };
  rule: { code: string };
}

/**
 * 가점·감점 in a real browser: the city admin enters a bonus with evidence for 광진구 on the 가점·감점 screen, is refused
 * beyond the rule's cap with the server's message, a second city admin confirms it, and 광진구's officer sees the
 * district's own entries (and no other district's) — each screen checked with axe-core (WCAG 2.1 A/AA).
 */
describe.skipIf(skip)('가점·감점 screens in Chromium', () => {
  let demo: DemoServer;
  let browser: Browser;
  const axe: Record<string, AxeViolation[]> = {};
  const second = { username: 'city.second', password: 'second-admin-pass-9' };

  beforeAll(async () => {
    demo = await startDemoServer();
    browser = await launchBrowser();
    if (shots) mkdirSync(shots, { recursive: true });
    // A second city admin for the four-eyes confirmation, and an entry for another district the officer must not see.
    const admin = await apiSession(demo.url, 'admin', demo.password);
    const made = await admin<{ oneTimePassword: string }>('POST', '/users', {
      username: second.username,
      displayName: '시 평가 담당자 2',
      roles: [{ role: 'city_admin', orgUnitCode: null }],
    });
    const fresh = await apiSession(demo.url, second.username, made.oneTimePassword);
    await fresh('POST', '/me/password', { currentPassword: made.oneTimePassword, newPassword: second.password });
    await admin('POST', `/cycles/${YEAR}/adjustments`, { district: '11110', rule: 'B_MEDIA', points: 1, reason: '종로구 우수 사례 언론 보도' });
  }, 300_000);
  afterAll(async () => {
    console.log(
      `axe-core (WCAG 2.1 A/AA) violations by adjustment screen: ${JSON.stringify(Object.fromEntries(Object.entries(axe).map(([k, v]) => [k, v.length])))}`,
    );
    await browser?.close();
    await demo?.stop();
  });

  async function as(user: string, password = demo.password, lang?: 'en'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'ko-KR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    if (lang === 'en') {
      await page.goto(demo.url);
      await page.evaluate(() => localStorage.setItem('hopejobs.lang', 'en'));
    }
    await signInPage(page, demo.url, user, password);
    return { context, page };
  }

  async function checkAxe(name: string, page: Page) {
    axe[name] = await axeViolations(page);
    expect(axe[name], `${name}: ${JSON.stringify(axe[name])}`).toEqual([]);
  }

  async function shoot(page: Page, name: string) {
    if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  }

  it('enters, refuses beyond the cap, confirms with a second user, and shows the district its own entries', async () => {
    // ── The city admin enters a bonus with evidence ──────────────────────────────────────────────────────────────
    const city = await as('admin');
    await city.page.goto(`${demo.url}/adjustments/${YEAR}`);
    await city.page.getByRole('heading', { name: '자치구별 합계' }).waitFor();
    await checkAxe('adjustments (city)', city.page);
    const form = city.page.locator('#adjustment-form');
    await form.getByLabel('자치구').selectOption(OWN);
    await form.getByLabel('항목').selectOption('B_POLICY');
    await form.getByLabel('점수').fill('1.5');
    await form.getByLabel('사유').fill('시 일자리 정책 협력 사업(청년 일자리 박람회) 공동 운영');
    await city.page.getByLabel(/증빙자료/).setInputFiles({
      name: '협력사업_공문.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% adjustment evidence\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await city.page.getByRole('button', { name: '올리기' }).click();
    await city.page.getByText('첨부: 협력사업_공문.pdf').waitFor();
    await city.page.getByRole('button', { name: '입력', exact: true }).click();
    await city.page.getByText('입력했습니다. 다른 담당자가 확인하면 점수에 반영됩니다.').waitFor();
    const rows = city.page.locator('table').last().locator('tbody tr');
    const row = rows.filter({ hasText: '청년 일자리 박람회' });
    await row.getByText('확인 대기').waitFor();
    await row.getByRole('link', { name: '협력사업_공문.pdf' }).waitFor();
    // Nobody confirms their own entry: the button is not offered to its author.
    expect(await row.getByRole('button', { name: '확인', exact: true }).count()).toBe(0);

    // ── Beyond the rule's cap: the server's message names the district, the rule and the cap ───────────────────────
    await form.getByLabel('자치구').selectOption(OWN);
    await form.getByLabel('항목').selectOption('B_POLICY');
    await form.getByLabel('점수').fill('1');
    await form.getByLabel('사유').fill('추가 협력');
    await city.page.getByRole('button', { name: '입력', exact: true }).click();
    const refusal = city.page.getByRole('alert').filter({ hasText: /광진구.*B_POLICY.*한도 \+2점/ });
    await refusal.waitFor();
    await checkAxe('adjustment form with a refusal', city.page);
    await shoot(city.page, 'adjustments-city-refused-ko');
    await city.context.close();

    // ── A second city admin confirms it ──────────────────────────────────────────────────────────────────────────
    const other = await as(second.username, second.password);
    await other.page.goto(`${demo.url}/adjustments/${YEAR}`);
    const pending = other.page.locator('table').last().locator('tbody tr').filter({ hasText: '청년 일자리 박람회' });
    await pending.getByRole('button', { name: '확인', exact: true }).click();
    await pending.getByText(/city\.second 확인/).waitFor();
    expect(await pending.textContent()).toContain('반영');
    const totals = other.page.locator('table').first().locator('tbody tr').filter({ hasText: '광진구' });
    await expect.poll(async () => (await totals.textContent()) ?? '').toContain('+1.5');
    await pending.getByRole('button', { name: '이력' }).click();
    await other.page.getByText(/admin · 입력/).waitFor();
    await shoot(other.page, 'adjustments-city-ko');
    // Withdrawing asks for the reason the record keeps.
    const media = other.page.locator('table').last().locator('tbody tr').filter({ hasText: '종로구 우수 사례 언론 보도' });
    await media.getByRole('button', { name: '취소', exact: true }).click();
    const dialog = other.page.getByRole('dialog', { name: /가점·감점 취소: 종로구 B_MEDIA/ });
    await dialog.getByLabel('취소 사유').fill('보도 내용이 사업과 무관함을 확인');
    await checkAxe('withdraw dialog', other.page);
    await dialog.getByRole('button', { name: '취소하기' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await media.getByText('보도 내용이 사업과 무관함을 확인').waitFor();
    await media.getByText(/city\.second 취소/).waitFor();
    await other.context.close();

    // ── 광진구's officer sees the district's own entries only ───────────────────────────────────────────────────────
    const district = await as(`officer.${OWN}`);
    await district.page.goto(`${demo.url}/adjustments/${YEAR}`);
    await district.page.getByRole('heading', { name: '우리 구 가점·감점' }).waitFor();
    await district.page.getByText('시 일자리 정책 협력 사업(청년 일자리 박람회) 공동 운영').waitFor();
    await district.page.getByRole('link', { name: '협력사업_공문.pdf' }).waitFor();
    expect(await district.page.getByText('종로구 우수 사례 언론 보도').count()).toBe(0);
    expect(await district.page.locator('#adjustment-form').count()).toBe(0);
    const own = district.page.locator('table').first().locator('tbody tr');
    expect(await own.count()).toBe(1);
    await checkAxe('adjustments (district)', district.page);
    await shoot(district.page, 'adjustments-district-ko');
    await district.context.close();

    // ── The same district view in English ─────────────────────────────────────────────────────────────────────────
    const english = await as(`officer.${OWN}`, demo.password, 'en');
    await english.page.goto(`${demo.url}/adjustments/${YEAR}`);
    await english.page.getByRole('heading', { name: "Your district's bonus and penalty points" }).waitFor();
    await english.page.getByText(/confirmed by city\.second/).waitFor();
    await shoot(english.page, 'adjustments-district-en');
    await english.context.close();

    const admin = await apiSession(demo.url, 'admin', demo.password);
    const page = await admin<{ adjustments: Entry[] }>('GET', `/cycles/${YEAR}/adjustments`);
    expect(page.adjustments.filter((a) => a.district.code === OWN).map((a) => [a.rule.code, a.status])).toEqual([['B_POLICY', 'confirmed']]);
  }, 240_000);
});
