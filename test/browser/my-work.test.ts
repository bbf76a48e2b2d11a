import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfSample } from '../domain/evidence-samples.js';
import { axeViolations, browserSkipNotice, launchBrowser, signInPage, startDemoServer, type DemoServer } from '../helpers/browser.js';

const skip = browserSkipNotice();
const D = '11215'; // 광진구
const YEAR = 2020;

/**
 * Issue 12 in a real browser: the officer submits J1, then enters one more company visit; J1 comes back marked
 * "실적이 바뀌었습니다 — 다시 제출" on the district's page and on the city's verification matrix (submitted value →
 * new value in the item's panel), and 내 업무 counts it for the officer while the approver sees what waits for
 * approval. Both pages pass axe-core (WCAG 2.1 AA) with no violations.
 */
describe.skipIf(skip)('My work counts and the changed-records marker in Chromium', () => {
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

  async function signedIn(username: string): Promise<{ page: Page; api: (method: 'GET' | 'POST' | 'PUT', path: string, body?: object) => Promise<unknown> }> {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInPage(page, demo.url, username, demo.password);
    const request: APIRequestContext = page.request;
    const csrf = ((await (await request.get(`${demo.url}/api/v1/me`)).json()) as { csrfToken: string }).csrfToken;
    const api = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: object) => {
      const res = await request.fetch(`${demo.url}/api/v1${path}`, { method, headers: { 'x-csrf-token': csrf }, ...(body ? { data: body } : {}) });
      expect(res.ok(), `${method} ${path}: ${await res.text()}`).toBe(true);
      return res.json();
    };
    return { page, api };
  }

  async function expectNoAxeViolations(name: string, page: Page) {
    const violations = await axeViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations)}`).toEqual([]);
  }

  it('marks J1 after a new record, and counts it on 내 업무 for the officer and the approver', async () => {
    const officer = await signedIn(`officer.${D}`);
    const item = `/cycles/${YEAR}/districts/${D}/submissions/J1`;
    let j1 = (await officer.api('GET', item)) as { version: number; value: number | null };
    j1 = (await officer.api('PUT', item, { version: j1.version })) as typeof j1;
    const upload = await officer.page.request.post(`${demo.url}/api/v1/districts/${D}/evidence`, {
      headers: { 'x-csrf-token': ((await (await officer.page.request.get(`${demo.url}/api/v1/me`)).json()) as { csrfToken: string }).csrfToken },
      multipart: { file: { name: '방문일지.pdf', mimeType: 'application/pdf', buffer: pdfSample('방문일지.pdf') } },
    });
    expect(upload.status(), await upload.text()).toBe(201);
    j1 = (await officer.api('POST', `${item}/evidence`, { evidenceId: ((await upload.json()) as { id: number }).id, version: j1.version })) as typeof j1;
    await officer.api('POST', `${item}/submit`, { version: j1.version });
    const created = (await officer.api('POST', `/districts/${D}/records`, {
      recordType: 'company_visit',
      occurredOn: '2020-06-30',
      data: { company_name: '브라우저 기업', purpose: '구인 지원', jobs_found: 1 },
    })) as { returnedItems: Array<{ indicator: string; submittedValue: number | null; currentValue: number | null }> };
    expect(created.returnedItems.map((i) => i.indicator)).toEqual(['J1']);

    // The district page: J1 carries the marker and, opened, says what changed.
    await officer.page.goto(`${demo.url}/district/${D}/${YEAR}?tab=values`);
    const tag = officer.page.getByTestId('changed-J1');
    await tag.waitFor();
    expect(await tag.textContent()).toContain('실적 변경');
    await officer.page.locator('#indicator-J1 > summary').click();
    await officer.page.getByText('실적이 바뀌었습니다 — 다시 제출').waitFor();
    await expectNoAxeViolations('district values with a changed item', officer.page);

    // The city's verification matrix marks J1 the same way and, opened, shows the submitted and the new value.
    const city = await signedIn('admin');
    await city.page.goto(`${demo.url}/verification/${YEAR}`);
    const cell = city.page.getByTestId(`cell-${D}-J1`);
    await cell.waitFor();
    expect(await cell.getAttribute('aria-label')).toContain('실적이 바뀌었습니다 — 다시 제출');
    await city.page.getByLabel('실적 변경된 항목만').check();
    expect(await city.page.getByText('조건에 맞는 항목 1개').count()).toBe(1);
    await expectNoAxeViolations('verification matrix with a changed item', city.page);
    await cell.click();
    const panel = city.page.getByRole('dialog');
    await panel.getByText('실적이 바뀌었습니다 — 다시 제출').waitFor();
    const values = await panel.getByTestId('changed-values').textContent();
    const [returned] = created.returnedItems;
    const shown = (v: number | null) => (v === null ? '–' : new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 2 }).format(v));
    expect(values).toContain(`제출한 값 ${shown(returned!.submittedValue)} `);
    expect(values).toMatch(new RegExp(`지금 실적으로 계산한 값 ${shown(returned!.currentValue).replace('.', '\\.')}( |$)`));
    expect(returned!.submittedValue).not.toBe(returned!.currentValue);
    await expectNoAxeViolations('verification panel with a changed item', city.page);

    // 내 업무: one indicator to submit again, highlighted.
    await officer.page.goto(`${demo.url}/my`);
    const changed = officer.page.getByTestId(`work-count-${D}-changed`);
    await changed.waitFor();
    expect(await changed.textContent()).toContain('1건');
    expect(await changed.textContent()).toContain('실적이 바뀌어 다시 제출할 지표');
    await expectNoAxeViolations('my work (officer)', officer.page);

    // Submitted again, it waits for the approver, who sees it counted on 내 업무.
    const fresh = (await officer.api('GET', item)) as { version: number };
    await officer.api('POST', `${item}/submit`, { version: fresh.version });
    const approver = await signedIn(`approver.${D}`);
    await approver.page.goto(`${demo.url}/my`);
    const toApprove = approver.page.getByTestId(`work-count-${D}-approve`);
    await toApprove.waitFor();
    expect(await toApprove.textContent()).toContain('1건');
    expect(await approver.page.getByTestId(`work-count-${D}-changed`).textContent()).toContain('0건');
    await expectNoAxeViolations('my work (approver)', approver.page);
  }, 180_000);
});
