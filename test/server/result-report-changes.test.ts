import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFramework } from '../../src/domain/frameworks/service.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, DEMO_TEST_PASSWORD, type TestDatabase } from '../helpers/db.js';
import { docxText, hasPdftotext, pdfText } from '../helpers/document-text.js';
import { fillVerified } from '../helpers/verified-values.js';

const YEAR = 2020;
const GWANGJIN = '11215';
const JONGNO = '11110';

interface Unit {
  code: string;
  name: string;
  rank: number;
  score: number;
}

/** Collapses runs of whitespace (pdftotext and mammoth break lines and cells differently). */
const flat = (s: string) => s.replace(/\s+/g, ' ');

/**
 * The 결과 보고 of a cycle that went provisional → objections → final: one accepted objection corrects 광진구's J2
 * (40 → 100), one is rejected. The report's "provisional → final" table shows 광진구's provisional and final rank
 * and total, and its objection table shows both decisions with the district, the indicator's name and the reason.
 */
describe.each(backends())('the 결과 보고 with a provisional run and decided objections on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let provisional: Unit[];
  let final: Unit[];
  let indicatorName: Map<string, string>;

  const transition = async (to: string) => {
    const { version } = (await admin.request('GET', `/api/v1/cycles/${YEAR}`)).json();
    const res = await admin.request('POST', `/api/v1/cycles/${YEAR}/transition`, { to, version });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    db = await backend.openDemo(DEMO_TEST_PASSWORD);
    await fillVerified(db.db, YEAR, { [GWANGJIN]: { J2: 40 } });
    app = await testApp(db);
    admin = await signIn(app, 'admin', DEMO_TEST_PASSWORD);
    const officer = await signIn(app, `officer.${GWANGJIN}`, DEMO_TEST_PASSWORD);
    const otherApprover = await signIn(app, `approver.${JONGNO}`, DEMO_TEST_PASSWORD);
    for (const to of ['verification', 'review', 'scoring']) await transition(to);
    const run = await admin.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, { kind: 'provisional' });
    expect(run.statusCode, run.body).toBe(201);
    provisional = run.json().outcome.units;
    for (const to of ['provisional', 'objections']) await transition(to);

    const file = async (client: Client, body: Record<string, unknown>) => {
      const res = await client.request('POST', `/api/v1/cycles/${YEAR}/objections`, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: number; version: number };
    };
    const j2 = await file(officer, { district: GWANGJIN, indicator: 'J2', reason: '하반기 실적이 빠졌습니다', requestedValue: 100 });
    const j10 = await file(otherApprover, { district: JONGNO, indicator: 'J10', reason: '집행률 재계산 요청', requestedValue: 99 });
    // A withdrawn objection is not a decision: the summary below counts two.
    const withdrawn = await file(officer, { district: GWANGJIN, indicator: 'J11', reason: '확인 중' });
    expect((await officer.request('POST', `/api/v1/objections/${withdrawn.id}/withdraw`, { version: withdrawn.version })).statusCode).toBe(200);
    const decide = async (id: number, body: Record<string, unknown>) => {
      const res = await admin.request('POST', `/api/v1/objections/${id}/decide`, body);
      expect(res.statusCode, res.body).toBe(200);
    };
    await decide(j2.id, { decision: 'accept', version: j2.version, correctedValue: 100, reason: '하반기 실적 증빙 확인' });
    await decide(j10.id, { decision: 'reject', version: j10.version, reason: '산정 기준이 지침과 같습니다' });

    const fin = await admin.request('POST', `/api/v1/cycles/${YEAR}/scoring-runs`, { kind: 'final' });
    expect(fin.statusCode, fin.body).toBe(201);
    final = fin.json().outcome.units;
    indicatorName = new Map((await getFramework(db.db, YEAR)).definition.indicators.map((i) => [i.code, i.name.ko]));
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('the accepted correction moved 광진구 (the precondition of the checks below)', () => {
    const before = provisional.find((u) => u.code === GWANGJIN)!;
    const after = final.find((u) => u.code === GWANGJIN)!;
    expect(after.score - before.score).toBeCloseTo(3.6, 9);
    expect(after.rank).toBeLessThan(before.rank);
  });

  /** What every reader of the report must find, in the words of `text` as either file reads back. */
  function expectChangesAndObjections(raw: string) {
    const text = flat(raw);
    const before = provisional.find((u) => u.code === GWANGJIN)!;
    const after = final.find((u) => u.code === GWANGJIN)!;
    expect(text).toContain('4. 잠정 결과와 최종 결과의 차이');
    expect(text).not.toContain('잠정 결과 산정이 없어 비교하지 않았다');
    expect(text).not.toContain('잠정 결과와 최종 결과가 같다');
    // The changed district's row: name, provisional and final rank, provisional and final total, the change.
    const row = new RegExp(
      [
        '광진구',
        String(before.rank),
        String(after.rank),
        before.score.toFixed(2),
        after.score.toFixed(2),
        `\\+${(after.score - before.score).toFixed(2)}`,
      ].join(' '),
    );
    expect(text).toMatch(row);
    // Districts whose rank did not move and whose total is the same are not listed as changed.
    const unchanged = final.filter((u) => {
      const b = provisional.find((p) => p.code === u.code)!;
      return b.rank === u.rank && b.score === u.score;
    });
    const section4 = text.slice(text.indexOf('4. 잠정 결과와 최종 결과의 차이'), text.indexOf('5. 이의신청 처리'));
    for (const u of unchanged) expect(section4).not.toContain(u.name);
    const moved = final.filter((u) => !unchanged.includes(u));
    expect(moved.length).toBeGreaterThan(1); // 광진구 passed others, who each moved down a place
    expect(section4).toContain(`${moved.length}개 구가 잠정 결과와 달라졌다`);
    // A district overtaken keeps its total: its row says so (+0.00 is not written as a change of sign).
    const overtaken = moved.find((u) => u.code !== GWANGJIN)!;
    const was = provisional.find((p) => p.code === overtaken.code)!;
    expect(section4).toContain(`${overtaken.name} ${was.rank} ${overtaken.rank} ${was.score.toFixed(2)} ${overtaken.score.toFixed(2)} 0.00`);

    const section5 = text.slice(text.indexOf('5. 이의신청 처리'));
    expect(text).toContain('이의신청 결정: 2건 (인용 1건, 기각 1건)');
    expect(section5).not.toContain('결정된 이의신청이 없다');
    // The accepted one: filed by 광진구 about 광진구's own J2, corrected from the provisional 40 to 100; the
    // rejected one: filed by 종로구 about its J10, kept as it was.
    expect(section5).toContain(`광진구 광진구 ${indicatorName.get('J2')} 인용 (40 → 100) 하반기 실적 증빙 확인`);
    expect(section5).toContain(`종로구 종로구 ${indicatorName.get('J10')} 기각 산정 기준이 지침과 같습니다`);
  }

  it('shows the changed district and both decisions in the .docx', async () => {
    const res = await admin.request('GET', `/api/v1/cycles/${YEAR}/result-report.docx`);
    expect(res.statusCode, res.body).toBe(200);
    const text = await docxText(res.rawPayload);
    expectChangesAndObjections(text);
  });

  it('shows the changed district and both decisions in the PDF', async () => {
    if (!(await hasPdftotext())) return;
    const res = await admin.request('GET', `/api/v1/cycles/${YEAR}/result-report.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    const text = await pdfText(res.rawPayload);
    expectChangesAndObjections(text);
  });
});
