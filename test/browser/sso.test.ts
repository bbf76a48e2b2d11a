import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserSkipNotice, launchBrowser } from '../helpers/browser.js';
import { repoRoot, startServerProcess, type ServerProcess } from '../helpers/cli.js';
import { DEMO_TEST_PASSWORD, pgliteDemoTemplate } from '../helpers/db.js';
import { startTestProvider, type TestProvider } from '../helpers/oidc-provider.js';

const skip = browserSkipNotice();

/** A free port for the app, so that its public address (and the callback registered at the provider) is known before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Single sign-on in a real browser against a real OpenID Connect provider: the sign-in page's button goes to the
 * provider's login form, the provider sends the browser back signed in as the account its claim names (the demo's
 * 광진구 approver), and signing out ends the provider's session too before landing on our sign-in page.
 */
describe.skipIf(skip)('single sign-on in Chromium', () => {
  let provider: TestProvider;
  let server: ServerProcess;
  let dir: string;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    provider = await startTestProvider();
    const port = await freePort();
    url = `http://localhost:${port}`;
    dir = mkdtempSync(path.join(repoRoot, '.tmp', 'browser-sso-'));
    cpSync((await pgliteDemoTemplate({ data: true })).dir, dir, { recursive: true });
    const client = { client_id: 'hopejobs', client_secret: 'hopejobs-browser-test-secret-0123456789' };
    await provider.configure([{ ...client, redirect_uris: [`${url}/api/v1/auth/sso/callback`], post_logout_redirect_uris: [`${url}/sign-in`] }], {
      'kc-approver': { preferred_username: 'approver.11215', name: '광진구 승인자' },
    });
    server = await startServerProcess({
      HOPEJOBS_DATA_DIR: dir,
      HOPEJOBS_DEMO_PASSWORD: DEMO_TEST_PASSWORD,
      PORT: String(port),
      PUBLIC_URL: url,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: client.client_id,
      OIDC_CLIENT_SECRET: client.client_secret,
      OIDC_DISPLAY_NAME: '서울시 통합인증 / Seoul SSO',
    });
    expect(server.url).toBe(url);
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    await provider?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const whoAmI = (page: Page) =>
    page.evaluate(async () => {
      const res = await fetch('/api/v1/me');
      return res.ok ? ((await res.json()) as { user: { username: string } }).user.username : res.status;
    });

  it('signs in through the provider as the matched account and signs out of both', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);

    // A failed attempt is explained on the sign-in page, which stays accessible with the button and the form.
    await page.goto(`${url}/sign-in?sso=no_account`);
    await page.getByRole('alert').getByText('이 서비스의 계정이 없습니다', { exact: false }).waitFor();
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations)).toEqual([]);

    await page.goto(`${url}/sign-in?next=${encodeURIComponent('/my')}`);
    const button = page.getByRole('link', { name: '서울시 통합인증으로 로그인' });
    await button.waitFor();
    await page.getByLabel('아이디').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await button.click();

    // The provider's own login form, then its consent.
    await page.waitForURL((u) => u.origin === provider.issuer);
    await page.locator('input[name="login"]').fill('kc-approver');
    await page.locator('input[name="password"]').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL((u) => u.origin === url && u.pathname === '/my');
    // Signed in as the account the claim names (its own display name; the provider's `name` changes nothing here).
    await page.getByRole('button', { name: '로그아웃' }).waitFor();
    expect(await whoAmI(page)).toBe('approver.11215');

    // Sign-out: our session ends, the provider asks to end its own, and sends the browser back to our sign-in page.
    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.waitForURL((u) => u.origin === provider.issuer);
    await page.getByRole('button', { name: /sign me out/i }).click();
    await page.waitForURL((u) => u.origin === url && u.pathname === '/sign-in');
    await page.getByRole('link', { name: '서울시 통합인증으로 로그인' }).waitFor();
    expect(await whoAmI(page)).toBe(401);

    // The provider's session is over too: the button leads to its login form again, not straight back in.
    await page.getByRole('link', { name: '서울시 통합인증으로 로그인' }).click();
    await page.waitForURL((u) => u.origin === provider.issuer);
    await page.locator('input[name="login"]').waitFor();
    await context.close();
  }, 120_000);

  it('names the provider in English on the English page', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(url);
    await page.evaluate(() => localStorage.setItem('hopejobs.lang', 'en'));
    await page.goto(`${url}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with Seoul SSO' }).waitFor();
    await context.close();
  });
});
