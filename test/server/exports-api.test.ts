import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRecordTypes } from '../../src/domain/activities/index.js';
import { attachmentDisposition, escapeFormula, unescapeFormula } from '../../src/domain/exports/index.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { readXlsx } from '../fixtures/imports/upload.js';

const PASSWORD = 'test-password-1';
const INJECTION = '=cmd|"/C calc"!A0';

describe('formula escaping and download names', () => {
  it('prefixes text that a spreadsheet would run, and only that', () => {
    for (const s of ['=1+1', '+82 2', '-5', '@SUM(A1)', '\tx', '\rx']) expect(escapeFormula(s)).toBe(`'${s}`);
    for (const s of ['광진구', '1+1', "'=already", '']) expect(escapeFormula(s)).toBe(s);
    expect(unescapeFormula(escapeFormula(INJECTION))).toBe(INJECTION);
  });

  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('2020_광진구_실적.csv', '2020_11215_records.csv')).toBe(
      `attachment; filename="2020_11215_records.csv"; filename*=UTF-8''2020_%EA%B4%91%EC%A7%84%EA%B5%AC_%EC%8B%A4%EC%A0%81.csv`,
    );
    expect(attachmentDisposition('a"b;c\r\n.csv', 'a"b;c.csv')).toBe(`attachment; filename="a_b_c.csv"; filename*=UTF-8''a%22b%3Bc__.csv`);
  });
});

describe.each(backends())('exports API on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let officer: Client;
  let auditor: Client;

  const enter = async (client: Client, code: string, occurredOn: string, data: Record<string, unknown>, recordType = 'company_visit') => {
    const res = await client.request('POST', `/api/v1/districts/${code}/records`, { recordType, occurredOn, data });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await seedRecordTypes(db.db);
    app = await testApp(db);
    admin = await signIn(app, 'admin', PASSWORD);
    officer = await signIn(app, 'officer.11215', PASSWORD);
    auditor = await signIn(app, 'auditor', PASSWORD);
    await enter(officer, '11215', '2019-10-01', { company_name: INJECTION, industry: '@SUM(1)', purpose: '구인 지원', jobs_found: 1200, follow_up: true });
    await enter(officer, '11215', '2020-02-03', { company_name: '성수식품, "본점"', purpose: '기타', jobs_found: 3 });
    await enter(officer, '11215', '2020-09-01', { company_name: '기간 밖', purpose: '기타', jobs_found: 1 });
    await enter(officer, '11215', '2020-01-10', { name: '장년 재취업', target_group: '장년층', enrolled: 20, completed: 18, employed: 9 }, 'training_course');
    await enter(admin, '11110', '2020-03-01', { company_name: '종로상회', purpose: '정책 안내', jobs_found: 2 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('exports one record type as CSV in UTF-8 with BOM: Korean headers, numbers bare, formulas escaped', async () => {
    const res = await officer.request('GET', '/api/v1/cycles/2020/districts/11215/records.csv?type=company_visit');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="2020_11215_records_company_visit.csv"; filename*=UTF-8''2020_%EA%B4%91%EC%A7%84%EA%B5%AC_%EC%8B%A4%EC%A0%81_company_visit.csv`,
    );
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('자치구 코드,자치구,실적 일자,기업명,업종,방문 목적,발굴 일자리 수 (개),후속 조치 여부,실적 ID,버전,최종 수정');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^11215,광진구,2019-10-01,"'=cmd\|""\/C calc""!A0",'@SUM\(1\),구인 지원,1200,예,\d+,1,/);
    expect(lines[2]).toContain(',"성수식품, ""본점""",,기타,3,,');
    expect(res.body).not.toContain('기간 밖');
  });

  it('exports CP949 on request, and every record type in long form by default', async () => {
    const utf8 = await officer.request('GET', '/api/v1/cycles/2020/districts/11215/records.csv');
    const cp949 = await officer.request('GET', '/api/v1/cycles/2020/districts/11215/records.csv?encoding=cp949');
    expect(cp949.headers['content-type']).toBe('text/csv; charset=cp949');
    expect(iconv.decode(cp949.rawPayload, 'cp949')).toBe(utf8.rawPayload.subarray(3).toString('utf8'));
    const lines = utf8.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('자치구 코드,자치구,실적 유형 코드,실적 유형,실적 ID,실적 일자,항목 키,항목,값,단위');
    expect(lines.some((l) => /^11215,광진구,training_course,취업역량 교육,\d+,2020-01-10,employed,취업 인원 \(수료 후 6개월 이내\),9,명$/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes(`company_name,기업명,"'=cmd|""/C calc""!A0"`))).toBe(true);
  });

  it('exports xlsx: a sheet per record type, numbers and dates typed, text escaped; English on request', async () => {
    const res = await officer.request('GET', '/api/v1/cycles/2020/districts/11215/records.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = await readXlsx(res.rawPayload);
    expect(wb.worksheets[0]!.name).toBe('안내');
    const ws = wb.getWorksheet('기업방문')!;
    expect(ws.getRow(1).getCell(4).value).toBe('기업명');
    expect(ws.getCell('D2').value).toBe(`'${INJECTION}`);
    expect(ws.getCell('E2').value).toBe("'@SUM(1)");
    expect(ws.getCell('G2').value).toBe(1200);
    expect(ws.getCell('C2').value).toEqual(new Date('2019-10-01T00:00:00Z'));
    expect(ws.rowCount).toBe(3);
    const guide = wb.getWorksheet('안내')!.getSheetValues().flat().join(' ');
    expect(guide).toContain('2019-09-01 ~ 2020-08-31');

    const en = await readXlsx((await officer.request('GET', '/api/v1/cycles/2020/districts/11215/records.xlsx?lang=en')).rawPayload);
    expect(en.getWorksheet('Company visit')!.getRow(1).getCell(4).value).toBe('Company name');
  });

  it('exports JSON with the stored values, and the whole city for the admin and the auditor', async () => {
    const res = await officer.request('GET', '/api/v1/cycles/2020/districts/11215/records.json');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const doc = res.json();
    expect(doc.cycle).toMatchObject({ year: 2020, dataPeriod: { start: '2019-09-01', end: '2020-08-31' } });
    expect(doc.recordTypes.length).toBeGreaterThan(10);
    const first = doc.records.find((r: { data: { company_name?: string } }) => r.data.company_name === INJECTION);
    expect(first).toMatchObject({ orgUnitCode: '11215', recordType: 'company_visit', data: { jobs_found: 1200, follow_up: true } });
    expect(doc.records).toHaveLength(3);

    for (const client of [admin, auditor]) {
      const city = await client.request('GET', '/api/v1/cycles/2020/records.json');
      expect(city.statusCode).toBe(200);
      expect(new Set(city.json().records.map((r: { orgUnitCode: string }) => r.orgUnitCode))).toEqual(new Set(['11110', '11215']));
    }
    const cityXlsx = await readXlsx((await admin.request('GET', '/api/v1/cycles/2020/records/export?format=xlsx')).rawPayload);
    const visits = cityXlsx.getWorksheet('기업방문')!;
    expect([visits.getCell('A2').value, visits.getCell('A3').value, visits.getCell('A4').value]).toEqual(['11110', '11215', '11215']);
    expect((await admin.request('GET', '/api/v1/cycles/2020/records.csv?type=no_such_type')).statusCode).toBe(400);
    expect((await admin.request('GET', '/api/v1/cycles/2031/records.csv')).statusCode).toBe(404);
  });
});
