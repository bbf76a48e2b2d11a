import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seoulDistricts } from '../../src/domain/reference/seoul.js';
import type { ReferenceDataResponse } from '../../src/web/types/index.js';
import { repoRoot } from '../helpers/cli.js';
import { axeViolations, browserSkipNotice, launchBrowser, signInPage, startDemoServer, type DemoServer } from '../helpers/browser.js';

const skip = browserSkipNotice();

/**
 * Screenshots of the screen go to `HOPEJOBS_SCREENSHOT_DIR` when it is set (for looking at them), else under the
 * run's temporary directory.
 */
const shots = process.env.HOPEJOBS_SCREENSHOT_DIR ?? path.join(repoRoot, '.tmp', 'screenshots');

/** 2021 populations of the first three districts only: the other 22 stay missing. */
const PARTIAL = ['행정구역코드,행정구역,연도,인구', ...seoulDistricts.slice(0, 3).map((d, i) => `${d.code},${d.name},2021,${150_000 + i * 1000}`)].join('\n');
const BAD = ['code,name,year,value', `${seoulDistricts[0]!.code},${seoulDistricts[1]!.name},2021,1000`, '99999,없는구,2021,5'].join('\n');

/**
 * 기준 자료 in a real browser, as the city admin: the levels with Seoul's words, the units, the populations per year
 * with the missing ones highlighted; a partial 2021 file imported, a bad one refused with a table of its rows, and a
 * missing figure entered in place; a level's words and a unit's peer groups edited on the screen and read back
 * through the API, the app's texts taking the new words at once.
 */
describe.skipIf(skip)('reference data in Chromium', () => {
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

  const upload = async (page: Page, name: string, text: string) => {
    await page.getByLabel('인구 파일 (CSV 또는 엑셀)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.getByRole('button', { name: '가져오기', exact: true }).click();
  };

  it('shows levels, units and populations, imports a file, lists a bad file’s rows and edits a figure in place', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInPage(page, demo.url, 'admin', demo.password);
    await page.getByRole('navigation', { name: '업무 메뉴' }).getByRole('link', { name: '기준 자료' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/reference-data');
    await page.getByRole('heading', { name: '기준 자료', level: 1 }).waitFor();

    const levels = page.getByRole('table', { name: '단위 계층과 명칭' });
    await expect.poll(() => levels.getByRole('row').count()).toBe(3);
    expect(await levels.getByRole('row').nth(2).innerText()).toMatch(/평가 대상\s+자치구\s+구\s+district \/ districts\s+25/);
    expect(await page.getByRole('table', { name: '단위와 비교 집단' }).getByRole('row').count()).toBe(27);

    await upload(page, '2021_인구.csv', PARTIAL);
    await page.getByRole('status').filter({ hasText: '3개 값을 반영했습니다 (연도: 2021).' }).waitFor();
    const populations = page.getByRole('table', { name: '단위 × 연도별 인구' });
    await populations.getByRole('columnheader', { name: '2021년' }).waitFor();
    await page.getByText('인구가 없는 칸이 22개 있습니다').waitFor();
    const missing = populations.getByRole('button', { name: /2021년 인구 고치기/ }).filter({ hasText: '없음' });
    expect(await missing.count()).toBe(22);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('heading', { name: '연도별 인구' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'reference-data-missing.png'), fullPage: true });

    await upload(page, 'bad.csv', BAD);
    const refused = page.getByRole('alert').filter({ hasText: '파일에 문제가 2건 있어 아무것도 반영하지 않았습니다' });
    await refused.waitFor();
    const errorRows = refused.getByRole('table').getByRole('row');
    expect(await errorRows.count()).toBe(3);
    expect(await errorRows.nth(1).innerText()).toContain(`코드 ${seoulDistricts[0]!.code}의 단위는 '${seoulDistricts[0]!.name}'인데`);
    expect(await errorRows.nth(2).innerText()).toContain('99999는 등록된 단위 코드가 아닙니다.');
    await refused.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'reference-data-import-errors.png') });

    const target = seoulDistricts[10]!;
    await populations.getByRole('button', { name: new RegExp(`^${target.name} 2021년 인구 고치기`) }).click();
    await populations.getByLabel(`${target.name} 2021년 인구`).fill('123,456');
    await populations.getByRole('button', { name: '저장' }).click();
    await populations
      .getByRole('button', { name: new RegExp(`^${target.name} 2021년 인구 고치기`) })
      .filter({ hasText: '123,456' })
      .waitFor();
    await page.getByText('인구가 없는 칸이 21개 있습니다').waitFor();
    await context.close();

    // The same screen in English on a phone.
    const phone = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    const p = await phone.newPage();
    await p.goto(demo.url);
    await p.evaluate(() => localStorage.setItem('hopejobs.lang', 'en'));
    await signInPage(p, demo.url, 'admin', demo.password);
    await p.goto(`${demo.url}/admin/reference-data`);
    await p.getByRole('heading', { name: 'Reference data', level: 1 }).waitFor();
    await p.getByRole('table', { name: 'Unit levels and their words' }).waitFor();
    await p.screenshot({ path: path.join(shots, 'reference-data-en-phone.png'), fullPage: true });
    await phone.close();
  }, 180_000);

  it('edits a level’s words and a unit’s peer groups on the screen, the texts taking the new words at once', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInPage(page, demo.url, 'admin', demo.password);
    const csrf = ((await (await page.request.get(`${demo.url}/api/v1/me`)).json()) as { csrfToken: string }).csrfToken;
    const readBack = async (): Promise<ReferenceDataResponse> => {
      const res = await page.request.get(`${demo.url}/api/v1/reference-data`, { headers: { 'x-csrf-token': csrf } });
      expect(res.ok()).toBe(true);
      return (await res.json()) as ReferenceDataResponse;
    };
    await page.goto(`${demo.url}/admin/reference-data`);
    await page.getByRole('heading', { name: '기준 자료', level: 1 }).waitFor();
    await page.getByText('서울특별시 일자리정책과 · 자치구 공동협력사업 평가').waitFor();

    // An empty word: the server refuses, and its message shows at the form.
    const words = page.getByRole('form', { name: '평가 대상 명칭 고치기' });
    await words.getByLabel('정식 명칭 (예: 자치구, 시·군)').fill(' ');
    await words.getByRole('button', { name: '명칭 저장' }).click();
    const refused = words.getByRole('alert').filter({ hasText: '명칭을 저장하지 못했습니다' });
    await refused.waitFor();
    expect((await refused.innerText()).length).toBeGreaterThan('명칭을 저장하지 못했습니다'.length);
    expect((await readBack()).levels.find((l) => l.kind === 'district')!.nameKo).toBe('자치구');

    await words.getByLabel('정식 명칭 (예: 자치구, 시·군)').fill('행정구');
    await words.getByLabel('줄임 명칭 (예: 구, 시·군)').fill('행정구');
    await words.getByLabel('영문 단수 (예: district)').fill('ward');
    await words.getByLabel('영문 복수 (예: districts)').fill('wards');
    await words.getByRole('button', { name: '명칭 저장' }).click();
    await page.getByRole('status').filter({ hasText: '평가 대상 명칭을 저장했습니다' }).waitFor();
    expect((await readBack()).levels.find((l) => l.kind === 'district')).toMatchObject({
      nameKo: '행정구',
      nounKo: '행정구',
      nameEn: 'ward',
      pluralEn: 'wards',
    });
    // The app's words are read again: the footer says 행정구 without a reload.
    await page.getByText('서울특별시 일자리정책과 · 행정구 공동협력사업 평가').waitFor();
    await expect
      .poll(async () => page.getByRole('table', { name: '단위 계층과 명칭' }).getByRole('row').nth(2).innerText())
      .toMatch(/행정구\s+행정구\s+ward \/ wards/);
    await words.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'reference-data-level-words.png') });

    // A unit's peer groups: add two groupings, then change one and remove the other.
    const unit = seoulDistricts[0]!;
    const units = page.getByRole('table', { name: '단위와 비교 집단' });
    await units.getByRole('button', { name: `비교 집단 고치기 (${unit.name})` }).click();
    const groups = page.getByRole('form', { name: `${unit.name} 비교 집단` });
    await groups.getByRole('button', { name: '기준 추가' }).click();
    await groups.getByLabel('기준 이름 1').fill('유형');
    await groups.getByLabel('집단 이름 1').fill('도시형');
    await groups.getByRole('button', { name: '기준 추가' }).click();
    await groups.getByLabel('기준 이름 2').fill('권역');
    await groups.getByLabel('집단 이름 2').fill('도심권');
    expect(await axeViolations(page)).toEqual([]);
    await groups.screenshot({ path: path.join(shots, 'reference-data-groups-editor.png') });
    await groups.getByRole('button', { name: '비교 집단 저장' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${unit.name}의 비교 집단을 저장했습니다` })
      .waitFor();
    expect((await readBack()).units.find((u) => u.code === unit.code)!.groups).toEqual({ 유형: '도시형', 권역: '도심권' });
    await units.getByRole('columnheader', { name: '비교 집단: 유형' }).waitFor();

    await units.getByRole('button', { name: `비교 집단 고치기 (${unit.name})` }).click();
    const again = page.getByRole('form', { name: `${unit.name} 비교 집단` });
    const first = await again.getByLabel('기준 이름 1').inputValue();
    const typeRow = first === '유형' ? 1 : 2;
    await again.getByLabel(`집단 이름 ${typeRow}`).fill('농촌형');
    await again.getByRole('button', { name: `기준 ${3 - typeRow} 지우기` }).click();
    await again.getByRole('button', { name: '비교 집단 저장' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${unit.name}의 비교 집단을 저장했습니다` })
      .waitFor();
    expect((await readBack()).units.find((u) => u.code === unit.code)!.groups).toEqual({ 유형: '농촌형' });
    await expect.poll(() => units.getByRole('columnheader', { name: '비교 집단: 권역' }).count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'reference-data-groups-saved.png'), fullPage: true });
    await context.close();
  }, 180_000);
});
