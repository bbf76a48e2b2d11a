import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  browserSkipNotice,
  downloadedBytes,
  launchBrowser,
  signInPage,
  startDemoServer,
  type AxeViolation,
  type DemoServer,
} from '../helpers/browser.js';

const skip = browserSkipNotice();

const YEAR = 2020;
const DISTRICT = '11215'; // 광진구
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const pdf = (text: string) =>
  ({
    name: `${text}.pdf`,
    mimeType: 'application/pdf',
    buffer: Buffer.from(`%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% ${text}\ntrailer <</Root 1 0 R>>\n%%EOF\n`),
  }) as const;

/**
 * The whole year in a real browser: a district officer imports records from the xlsx template and submits values
 * with evidence, the approver approves, the city verifies one item and returns another, a reviewer scores, the
 * city runs scoring and publishes, and a visitor reads the result and downloads the CSV. Every step goes through
 * the UI (the city's stage changes and scoring runs through the admin dashboard and scoring pages). Each main page
 * is checked with axe-core (WCAG 2.1 A/AA) on the way.
 */
describe.skipIf(skip)('a year of the evaluation in Chromium', () => {
  let demo: DemoServer;
  let browser: Browser;
  const axe: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    demo = await startDemoServer();
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    console.log(`axe-core (WCAG 2.1 A/AA) violations by page: ${JSON.stringify(Object.fromEntries(Object.entries(axe).map(([k, v]) => [k, v.length])))}`);
    await browser?.close();
    await demo?.stop();
  });

  /** A fresh browser session (its own cookies), signed in when a user is given. */
  async function as(user: string | null): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'ko-KR', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    if (user !== null) await signInPage(page, demo.url, user, demo.password);
    return { context, page };
  }

  async function checkAxe(name: string, page: Page) {
    axe[name] = await axeViolations(page);
    expect(axe[name], `${name}: ${JSON.stringify(axe[name])}`).toEqual([]);
  }

  /** Opens one indicator of the district workspace (a disclosure) and returns it. */
  async function indicator(page: Page, code: string): Promise<Locator> {
    const item = page.locator(`#indicator-${code}`);
    if ((await item.getAttribute('open')) === null) await item.locator(':scope > summary').click();
    return item;
  }

  /** Moves the cycle one stage on through the city dashboard, overriding soft blockers with a reason. */
  async function advance(page: Page, stage: string) {
    await page.goto(`${demo.url}/admin/cycles/${YEAR}`);
    await page.getByRole('button', { name: /다음 단계로/ }).click();
    const dialog = page.getByRole('dialog', { name: '다음 단계로 진행' });
    const override = dialog.getByLabel('위 조건을 확인했으며 예외로 진행합니다');
    if ((await override.count()) > 0) {
      await override.check();
      await dialog.getByLabel('예외 진행 사유').fill('브라우저 여정 시험: 남은 항목은 다음 단계에서 처리');
    }
    await dialog.getByRole('button', { name: `‘${stage}’ 단계로 진행` }).click();
    await page.getByText(`평가 주기를 ‘${stage}’ 단계로 옮겼습니다.`).waitFor();
  }

  /**
   * Runs a provisional or final scoring. Most 2020 items are never verified in this journey, so the run needs the
   * override with a reason; every tie beyond a tier's places is then decided on the run page.
   */
  async function runScoring(page: Page, kind: '가결과' | '최종') {
    await page.goto(`${demo.url}/admin/cycles/${YEAR}/scoring`);
    await page.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
    await page.getByLabel('검증되지 않은 항목이 있어도 예외로 실행합니다').check();
    await page.getByLabel('예외 실행 사유').fill('브라우저 여정 시험: 검증되지 않은 항목은 빼고 산정');
    await page.getByRole('button', { name: `${kind} 산정 실행` }).click();
    await page.getByText(/실행 #\d+(을|를) 저장했습니다/).waitFor({ timeout: 60_000 });
    await page.getByText(/전체 [\d,]+개 항목 중 [\d,]+개만 검증된 상태에서 예외로 실행했습니다/).waitFor();
    for (let i = 0; i < 10; i++) {
      const undecided = page.getByRole('article').filter({ has: page.getByRole('button', { name: /동점 결정 저장$/ }) });
      if ((await undecided.count()) === 0) break;
      const tie = undecided.first();
      await tie.getByLabel('결정 사유').fill('브라우저 여정 시험: 동점인 구 모두 수상');
      await tie.getByRole('button', { name: /동점 결정 저장$/ }).click();
      await expect
        .poll(
          async () =>
            (await tie.getByRole('button', { name: /동점 결정 저장$/ }).count()) === 0 || (await page.getByText('동점 결정을 저장했습니다.').count()) > 0,
          // Saving the decision re-reads the run: more than expect.poll's 1 s default on a busy machine.
          { timeout: 30_000 },
        )
        .toBe(true);
    }
  }

  it('goes from data collection to a published result', async () => {
    const started = Date.now();

    // ── The district officer: template → Excel → upload; values with evidence → submit ───────────────────────────
    const officer = await as(null);
    await officer.page.goto(`${demo.url}/sign-in`);
    await officer.page.getByLabel(/아이디/).waitFor();
    await checkAxe('sign-in', officer.page);
    await signInPage(officer.page, demo.url, `officer.${DISTRICT}`, demo.password);

    await officer.page.goto(`${demo.url}/district/${DISTRICT}/${YEAR}`);
    await officer.page.getByRole('heading', { name: '광진구 실적·지표 입력' }).waitFor();
    await officer.page.getByRole('table', { name: /기업방문 실적/ }).waitFor();
    await checkAxe('district workspace', officer.page);

    await officer.page.getByRole('tab', { name: '엑셀 업로드' }).click();
    const [download] = await Promise.all([officer.page.waitForEvent('download'), officer.page.getByRole('link', { name: '빈 서식 내려받기 (.xlsx)' }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await downloadedBytes(download)) as unknown as ArrayBuffer);
    const visits = workbook.getWorksheet('기업방문')!;
    const visitKeys = visits.getRow(2).values as unknown[];
    const rows: Record<string, unknown>[] = [
      { occurred_on: new Date(Date.UTC(2020, 2, 5)), company_name: '새빛전자', industry: '제조업', purpose: '구인 지원', jobs_found: 4, follow_up: '예' },
      {
        occurred_on: new Date(Date.UTC(2020, 3, 10)),
        company_name: '한강식품',
        industry: '식료품 제조업',
        purpose: '애로 해소',
        jobs_found: 2,
        follow_up: '아니요',
      },
    ];
    rows.forEach((values, i) => {
      const row = visits.getRow(3 + i);
      for (const [key, value] of Object.entries(values)) row.getCell(visitKeys.indexOf(key)).value = value as ExcelJS.CellValue;
      row.commit();
    });
    const direct = workbook.getWorksheet('지표값')!;
    const directKeys = direct.getRow(2).values as unknown[];
    direct.eachRow((row) => {
      if (row.getCell(directKeys.indexOf('code')).value === 'J2') {
        row.getCell(directKeys.indexOf('value')).value = 87.5;
        row.getCell(directKeys.indexOf('comment')).value = '일자리 목표 공시제 자체 점검 결과';
      }
    });
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    await officer.page.getByLabel('작성한 엑셀 서식 또는 CSV 파일').setInputFiles({ name: '광진구_2020_실적.xlsx', mimeType: XLSX, buffer: filled });
    await officer.page.getByRole('button', { name: '올려서 가져오기' }).click();
    await officer.page.getByText('가져오기를 마쳤습니다').waitFor();
    await officer.page.getByText('새 실적 2건, 수정 0건, 변경 없음 0건').waitFor();
    await officer.page.getByText('지표값 시트에서 1개 중 1개 지표 값을 임시 저장했습니다.').waitFor();

    await officer.page.getByRole('tab', { name: '지표 값' }).click();
    const j2 = await indicator(officer.page, 'J2');
    await expect.poll(() => j2.getByLabel(/^값/).inputValue()).toBe('87.5');
    for (const code of ['J1', 'J2', 'J3']) {
      const item = await indicator(officer.page, code);
      await item.getByLabel(`${code} 증빙자료 파일`).setInputFiles(pdf(`${code} 증빙`));
      await item.getByRole('button', { name: '올려서 첨부' }).click();
      await item.getByRole('link', { name: `${code} 증빙.pdf` }).waitFor();
      await item.getByRole('button', { name: '제출', exact: true }).click();
      await item.getByText('제출했습니다. 구 승인권자의 승인을 기다립니다.').waitFor();
    }
    await officer.context.close();

    // ── The approver approves the three values ─────────────────────────────────────────────────────────────────
    const approver = await as(`approver.${DISTRICT}`);
    await approver.page.goto(`${demo.url}/district/${DISTRICT}/${YEAR}?tab=values`);
    for (const code of ['J1', 'J2', 'J3']) {
      const item = await indicator(approver.page, code);
      const approve = item.getByRole('button', { name: /승인$/ });
      await approve.click();
      await approve.waitFor({ state: 'detached' });
    }
    await approver.context.close();

    // ── The city: verification, verify one item and return another ────────────────────────────────────────────
    const admin = await as('admin');
    await admin.page.goto(`${demo.url}/admin/cycles/${YEAR}`);
    await admin.page.getByRole('button', { name: /다음 단계로/ }).waitFor();
    await checkAxe('admin dashboard', admin.page);
    await advance(admin.page, '검증');

    await admin.page.goto(`${demo.url}/verification/${YEAR}`);
    await admin.page.getByRole('table', { name: /현황표/ }).waitFor();
    await checkAxe('verification', admin.page);
    await admin.page.getByRole('button', { name: '광진구 J1: 구 승인' }).click();
    let panel = admin.page.getByRole('dialog', { name: '광진구 · J1' });
    await panel.getByRole('link', { name: 'J1 증빙.pdf' }).waitFor();
    await panel.getByRole('button', { name: '검증 완료로 처리' }).click();
    await panel.getByText('검증 완료로 처리했습니다.').waitFor();
    await panel.getByRole('button', { name: '닫기' }).click();
    await admin.page.getByRole('button', { name: '광진구 J3: 구 승인' }).click();
    panel = admin.page.getByRole('dialog', { name: '광진구 · J3' });
    await panel.getByLabel('반려 사유').fill('채용 인원 증빙(참여 기업 확인서)이 빠져 있습니다.');
    await panel.getByRole('button', { name: '자치구에 반려' }).click();
    await panel.getByText('자치구에 반려했습니다.').waitFor();
    await panel.getByRole('button', { name: '닫기' }).click();
    await admin.page.getByRole('button', { name: '광진구 J3: 반려' }).waitFor();

    // ── Panel review: the city assigns reviewers, a reviewer scores one sheet ──────────────────────────────────
    await advance(admin.page, '정성 평가');
    await admin.page.goto(`${demo.url}/reviews/${YEAR}`);
    await admin.page.getByRole('button', { name: '평가위원 자동 배정' }).click();
    await admin.page.getByText(/건을 새로 배정했습니다/).waitFor();

    const reviewer = await as('reviewer.1');
    await reviewer.page.goto(`${demo.url}/reviews/${YEAR}`);
    // Scoring opens once the reviewer has signed the cycle's pledge (서약).
    const pledge = reviewer.page.getByRole('region', { name: '평가위원 서약 및 회피 신청' });
    await pledge.getByLabel('위 서약 내용에 동의합니다').check();
    await pledge.getByLabel('서명 (성명)').fill('평가위원 1');
    await pledge.getByRole('button', { name: '서약하기' }).click();
    await pledge.getByText('서약을 제출했습니다').waitFor();
    await reviewer.page
      .getByRole('link', { name: /채점하기$/ })
      .first()
      .click();
    await reviewer.page.getByText('블라인드 평가', { exact: false }).first().waitFor();
    const levels = reviewer.page.getByRole('radio', { name: /^4단계/ });
    await levels.first().waitFor();
    await checkAxe('reviewer', reviewer.page);
    for (let i = 0; i < (await levels.count()); i++) await levels.nth(i).check();
    await reviewer.page.getByLabel('평가 의견').fill('민관 협력 구조가 구체적이고 성과가 확인됩니다.');
    await reviewer.page.getByRole('button', { name: '제출' }).click();
    await reviewer.page.getByRole('button', { name: '예, 제출합니다' }).click();
    await reviewer.page.getByText('제출한 채점표입니다. 고칠 수 없습니다.').waitFor();
    await reviewer.context.close();

    // ── Scoring, provisional results, objections, final, publication ───────────────────────────────────────────
    await advance(admin.page, '점수 산정');
    await runScoring(admin.page, '가결과');
    await advance(admin.page, '가결과 공개');
    await advance(admin.page, '이의신청');

    const district = await as(`officer.${DISTRICT}`);
    await district.page.goto(`${demo.url}/objections/${YEAR}`);
    await district.page.getByRole('heading', { name: '광진구 가결과 성적표' }).waitFor();
    await district.page.getByRole('button', { name: /J1 .* 이의신청$/ }).waitFor();
    await checkAxe('objections', district.page);
    // The returned item reached the officer as a notification.
    await district.page.getByRole('link', { name: /알림 \d+ 읽지 않음/ }).click();
    await district.page.getByText(/J3 .*반려했습니다: 채용 인원 증빙/).waitFor();
    await district.context.close();

    await advance(admin.page, '최종 결과');
    await runScoring(admin.page, '최종');
    await advance(admin.page, '공표');
    await admin.context.close();

    // ── A visitor reads the 2020 result and downloads the CSV ──────────────────────────────────────────────────
    const visitor = await as(null);
    await visitor.page.goto(`${demo.url}/results/${YEAR}`);
    await visitor.page.getByRole('table').first().waitFor();
    await visitor.page.getByText('광진구').first().waitFor();
    await checkAxe('public results', visitor.page);
    const [csv] = await Promise.all([visitor.page.waitForEvent('download'), visitor.page.getByRole('link', { name: 'CSV로 내려받기' }).first().click()]);
    const text = (await downloadedBytes(csv)).toString('utf8');
    expect(text).toContain('광진구');
    expect(text.split('\n').length).toBeGreaterThan(25);
    await visitor.page.goto(`${demo.url}/results/${YEAR}/districts/${DISTRICT}`);
    await visitor.page
      .getByRole('heading', { name: /광진구/ })
      .first()
      .waitFor();
    await checkAxe('scorecard', visitor.page);
    await visitor.context.close();

    console.log(`browser journey: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 240_000);
});
