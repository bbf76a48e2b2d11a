import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserSkipNotice, launchBrowser, signInPage, startDemoServer, type DemoServer } from '../helpers/browser.js';

const skip = browserSkipNotice();

/**
 * 알림 설정 in a real browser: the officer opens it from the account menu, sets an address, English e-mails and the
 * deadline notices to the daily digest, saves, reloads, and finds it all as saved; the page has no axe violations.
 */
describe.skipIf(skip)('e-mail notification settings in Chromium', () => {
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

  it('saves the address, language and a mode per kind, and they stick after a reload', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInPage(page, demo.url, 'officer.11215', demo.password);
    // The account menu links to it.
    expect(await page.getByRole('link', { name: '알림 설정', includeHidden: true }).getAttribute('href')).toBe('/settings/notifications');
    await page.goto(`${demo.url}/settings/notifications`);
    await page.waitForURL((u) => u.pathname === '/settings/notifications');
    await page.getByRole('heading', { name: '알림 설정', level: 1 }).waitFor();
    // The demo has no mail server: the page says so.
    await page.getByText('메일 서버가 설정되어 있지 않아').waitFor();
    expect(await page.getByLabel('마감 안내').inputValue()).toBe('immediate');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('메일 주소').fill('not-an-address');
    await page.getByRole('button', { name: '저장' }).click();
    await page.getByText('올바른 메일 주소를 입력하세요.').waitFor();

    await page.getByLabel('메일 주소').fill('officer@gwangjin.example.kr');
    await page.getByLabel('메일 언어').selectOption('en');
    await page.getByLabel('마감 안내').selectOption('digest');
    await page.getByLabel('승인', { exact: true }).selectOption('off');
    await page.getByRole('button', { name: '저장' }).click();
    await page.getByRole('status').filter({ hasText: '알림 설정을 저장했습니다.' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.reload();
    await page.getByRole('heading', { name: '알림 설정', level: 1 }).waitFor();
    expect(await page.getByLabel('메일 주소').inputValue()).toBe('officer@gwangjin.example.kr');
    expect(await page.getByLabel('메일 언어').inputValue()).toBe('en');
    expect(await page.getByLabel('마감 안내').inputValue()).toBe('digest');
    expect(await page.getByLabel('승인', { exact: true }).inputValue()).toBe('off');
    expect(await page.getByLabel('반려', { exact: true }).inputValue()).toBe('immediate');
    await context.close();
  });

  it('refuses a tampered unsubscribe link on the page a digest links to', async () => {
    const context = await browser.newContext({ locale: 'ko-KR' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${demo.url}/email/unsubscribe?token=1.${'A'.repeat(43)}`);
    await page.getByRole('heading', { name: '하루 요약 메일 수신 거부', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '수신 거부' }).click();
    await page.getByRole('alert').filter({ hasText: '수신 거부 링크가 올바르지 않습니다' }).waitFor();
    await context.close();
  });
});
