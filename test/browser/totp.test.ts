import type { Browser, Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserSkipNotice, launchBrowser, signInPage, startDemoServer, type DemoServer } from '../helpers/browser.js';

const skip = browserSkipNotice();

const USERNAME = 'auditor.totp';
const NEW_PASSWORD = 'harbour-compass-5172';

/** A code of the secret at `at` (ms), as an authenticator app would show it. */
const codeAt = (secret: string, at: number) =>
  new TOTP({ issuer: 'HopeJobs', algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at });

/**
 * Two-step sign-in in a real browser: an auditor (a new, non-demo account) sets up one-time codes on the account
 * security page — the key read from the page, the code made here as an authenticator app would — sees the recovery
 * codes once, signs out, and signs in again with the password and then a code.
 */
describe.skipIf(skip)('two-step sign-in in Chromium', () => {
  let demo: DemoServer;
  let browser: Browser;
  let oneTimePassword = '';

  beforeAll(async () => {
    demo = await startDemoServer();
    browser = await launchBrowser();
    // The account, made through the API by the (demo) city admin.
    const signedIn = await fetch(`${demo.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: demo.password }),
    });
    const cookie = signedIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('hj_session='))!
      .split(';')[0]!;
    const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
    const created = await fetch(`${demo.url}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ username: USERNAME, displayName: '감사 담당 OTP', roles: [{ role: 'auditor' }] }),
    });
    expect(created.status).toBe(201);
    oneTimePassword = ((await created.json()) as { oneTimePassword: string }).oneTimePassword;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function expectNoAxeViolations(name: string, page: Page) {
    const violations = await axeViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations)}`).toEqual([]);
  }

  it('enrols, signs out, and signs in with the password and a code', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);

    // A new account chooses its password first.
    await signInPage(page, demo.url, USERNAME, oneTimePassword);
    await page.waitForURL((u) => u.pathname === '/account/password');
    await page.getByLabel('현재 비밀번호').fill(oneTimePassword);
    await page.getByLabel('새 비밀번호', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('새 비밀번호 확인').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '비밀번호 변경' }).click();
    await page.getByRole('link', { name: '계속' }).click();

    // ── Enrolment ─────────────────────────────────────────────────────────────────────────────────────────────────
    await page.goto(`${demo.url}/account/security`);
    await page.getByRole('heading', { name: '계정 보안: 2단계 인증', level: 1 }).waitFor();
    await page.getByRole('button', { name: '2단계 인증 등록 시작' }).click();
    await page.getByRole('img', { name: '인증 앱에 등록할 QR 코드' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expectNoAxeViolations('enrolment', page);
    await page.getByLabel('인증 코드', { exact: true }).fill('000000');
    await page.getByRole('button', { name: '확인', exact: true }).click();
    await page.getByRole('alert').getByText('인증 코드가 올바르지 않거나 이미 사용되었습니다.').waitFor();
    await page.getByLabel('인증 코드', { exact: true }).fill(codeAt(secret, Date.now()));
    await page.getByRole('button', { name: '확인', exact: true }).click();
    const codes = page.getByRole('list', { name: '복구 코드' }).getByRole('listitem');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    expect(await codes.first().textContent()).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    await expectNoAxeViolations('recovery codes', page);
    await page.getByRole('link', { name: '계속' }).click();

    // ── Sign out, then password and code ──────────────────────────────────────────────────────────────────────────
    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.getByRole('link', { name: '로그인' }).waitFor();
    await page.goto(`${demo.url}/sign-in`);
    await page.getByLabel(/아이디/).fill(USERNAME);
    await page.getByLabel(/비밀번호/).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '로그인', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in/code');
    await page.getByRole('heading', { name: '인증 코드 입력', level: 1 }).waitFor();
    await expectNoAxeViolations('code step', page);
    // Any other page sends the half-signed-in user back here.
    await page.goto(`${demo.url}/audit`);
    await page.waitForURL((u) => u.pathname === '/sign-in/code');
    // The enrolment's step is used; the next one's code (within the drift allowed) signs in.
    await page.getByLabel('인증 코드 또는 복구 코드').fill(codeAt(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: '로그인', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/audit');
    const me = (await page.evaluate(async () => (await fetch('/api/v1/me')).json())) as { user: { username: string; secondFactor: { passed: boolean } } };
    expect(me.user.username).toBe(USERNAME);
    expect(me.user.secondFactor.passed).toBe(true);
    await context.close();
  });
});
