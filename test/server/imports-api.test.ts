import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRecords, auditLog, imports, orgUnitPopulations, orgUnits, submissions } from '../../src/db/schema.js';
import { listRecordTypes, seedRecordTypes, type RecordType } from '../../src/domain/activities/index.js';
import { verifyAuditChain } from '../../src/domain/audit.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { columnOfKey, multipartFile, readXlsx, sampleCell, XLSX, xlsxBuffer } from '../fixtures/imports/upload.js';

const PASSWORD = 'test-password-1';
const TEMPLATE = '/api/v1/cycles/2020/districts/11215/template.xlsx';
const IMPORTS = '/api/v1/cycles/2020/districts/11215/imports';

interface Problem {
  path: string;
  message: string;
  sheet?: string;
  row?: number;
  column?: string;
}

describe.each(backends())('imports API on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let officer: Client;
  let types: RecordType[];

  const upload = (client: Client, url: string, fileName: string, content: Buffer, headers: Record<string, string> = {}) => {
    const body = multipartFile(fileName, content);
    return client.request('POST', url, body.payload, { ...body.headers, ...headers });
  };
  const recordCount = async (orgUnitCode = '11215') => {
    const [row] = await db.db
      .execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM activity_records r JOIN org_units u ON u.id = r.org_unit_id WHERE u.code = ${orgUnitCode} AND r.deleted_at IS NULL`,
      )
      .then((r) => (r as unknown as { rows: { n: number }[] }).rows);
    return Number(row!.n);
  };
  const template = async (query = '') => {
    const res = await officer.request('GET', `${TEMPLATE}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return readXlsx(res.rawPayload);
  };

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await seedRecordTypes(db.db);
    types = await listRecordTypes(db.db);
    app = await testApp(db);
    officer = await signIn(app, 'officer.11215', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('offers the 광진구 2020 template: guide, one sheet per record type with Korean headers and drop-downs, direct values', async () => {
    const res = await officer.request('GET', TEMPLATE);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="2020_11215_template\.xlsx"; filename\*=UTF-8''2020_%EA%B4%91%EC%A7%84%EA%B5%AC_/,
    );
    const wb = await readXlsx(res.rawPayload);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('안내');
    expect(names).toContain('기업방문');
    expect(names).toContain('지표값');
    expect(names).toHaveLength(types.length + 3);
    expect(wb.getWorksheet('_목록')!.state).toBe('hidden');

    const guide = wb.getWorksheet('안내')!;
    const guideText = guide.getSheetValues().flat().join(' ');
    expect(guideText).toContain('광진구 (11215)');
    expect(guideText).toContain('2019-09-01 ~ 2020-08-31');

    const visits = wb.getWorksheet('기업방문')!;
    expect(visits.getRow(1).getCell(1).value).toBe('실적 일자 *');
    expect(visits.getRow(1).getCell(5).value).toBe('발굴 일자리 수 (개) *');
    expect(visits.getRow(2).hidden).toBe(true);
    expect(visits.getRow(2).getCell(4).value).toBe('purpose');
    expect(visits.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const purpose = visits.getCell('D3').dataValidation;
    expect(purpose).toMatchObject({ type: 'list', formulae: [expect.stringContaining("'_목록'!$")] });
    expect(visits.getCell('F3').dataValidation).toMatchObject({ type: 'list', formulae: ['"예,아니오"'] });
    expect(visits.getCell('A3').dataValidation).toMatchObject({ type: 'date', operator: 'between' });
    expect(visits.getColumn(columnOfKey(visits, '_id')).hidden).toBe(true);
    // Only the record's own date is bound to the data period; a certification date may be any day.
    const enterprises = wb.getWorksheet('사회적경제기업')!;
    const certified = enterprises.getRow(3).getCell(columnOfKey(enterprises, 'certified_on')).dataValidation;
    expect((certified.formulae as Date[])[0]!.getUTCFullYear()).toBe(1900);

    const values = wb.getWorksheet('지표값')!;
    expect(values.getRow(1).values).toEqual([undefined, '지표 코드', '지표명', '단위', '값', '비고']);
    expect(values.getCell('A3').value).toBe('J2');
  });

  it('imports a filled-in template: records of every sheet appear in the list, a direct value is saved, one audit entry', async () => {
    const wb = await template();
    const before = await recordCount();
    for (const type of types) {
      const ws = wb.getWorksheet(type.name.ko) ?? wb.worksheets.find((w) => w.getRow(2).values.toString().includes(type.fields[0]!.key))!;
      for (let i = 0; i < 2; i++) {
        const row = ws.getRow(3 + i);
        row.getCell(columnOfKey(ws, 'occurred_on')).value = new Date(Date.UTC(2019, 9, 1 + i));
        for (const f of type.fields) row.getCell(columnOfKey(ws, f.key)).value = sampleCell(f, i);
      }
    }
    wb.getWorksheet('지표값')!.getCell('D3').value = 95.5;
    wb.getWorksheet('지표값')!.getCell('E3').value = '공시제 목표 대비 실적';
    const res = await upload(officer, IMPORTS, 'gwangjin-2020.xlsx', await xlsxBuffer(wb));
    expect(res.statusCode, res.body).toBe(201);
    const summary = res.json();
    expect(summary).toMatchObject({ status: 'committed', format: 'xlsx', created: types.length * 2, updated: 0, directValues: { saved: 1 } });
    expect(await recordCount()).toBe(before + types.length * 2);

    const list = await officer.request('GET', '/api/v1/districts/11215/records?cycle=2020&type=company_visit&limit=10');
    expect(list.statusCode).toBe(200);
    const visits = list.json().items as Array<{ importId: number; data: Record<string, unknown>; occurredOn: string }>;
    expect(visits).toHaveLength(2);
    expect(visits.every((r) => r.importId === summary.importId)).toBe(true);
    expect(visits.map((r) => r.data.company_name).sort()).toEqual(['기업명 0', '기업명 1']);
    expect(visits[0]!.data).toMatchObject({ purpose: '구인 지원', follow_up: true });

    const [saved] = await db.db.select().from(submissions).where(eq(submissions.indicatorCode, 'J2'));
    expect(saved).toMatchObject({ value: 95.5, comment: '공시제 목표 대비 실적', status: 'draft' });

    // What the district sees next: the entered value, and indicators computed from the imported records.
    const items = (await officer.request('GET', '/api/v1/cycles/2020/districts/11215/submissions')).json().items as Array<{
      indicator: { code: string };
      value: number | null;
      computation: { value: number | null; records: Array<{ ids: number[] }> } | null;
    }>;
    const item = (code: string) => items.find((i) => i.indicator.code === code)!;
    expect(item('J2').value).toBe(95.5);
    expect(item('J1').computation).toMatchObject({ value: 2, records: [{ ids: expect.any(Array) }] });
    // J3: hires through fairs per 100,000 residents (the two imported fairs, the district's 2020 population).
    const [pop] = await db.db
      .select({ value: orgUnitPopulations.population })
      .from(orgUnitPopulations)
      .innerJoin(orgUnits, eq(orgUnits.id, orgUnitPopulations.orgUnitId))
      .where(and(eq(orgUnits.code, '11215'), eq(orgUnitPopulations.year, 2020)));
    const fairType = types.find((t) => t.code === 'job_fair')!;
    const hires = [0, 1].reduce(
      (s, i) =>
        s +
        Number(
          sampleCell(
            fairType.fields.find((f) => f.key === 'hires')!,
            i,
          ),
        ),
      0,
    );
    expect(item('J3').computation?.value).toBeCloseTo((hires * 100_000) / pop!.value, 9);

    const entries = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'activity_records.imported'), eq(auditLog.entityId, String(summary.importId))));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.after).toMatchObject({ created: types.length * 2, format: 'xlsx' });
    expect((await verifyAuditChain(db.db)).ok).toBe(true);

    const history = await officer.request('GET', '/api/v1/districts/11215/imports?cycle=2020');
    expect(history.json().items[0]).toMatchObject({ id: summary.importId, status: 'committed', format: 'xlsx', createdBy: 'officer.11215' });
  });

  it('reports all 5 deliberate mistakes with sheet, row and column, and writes nothing', async () => {
    const wb = await template();
    const visits = wb.getWorksheet('기업방문')!;
    const fill = (ws: typeof visits, r: number, type: RecordType) => {
      ws.getRow(r).getCell(columnOfKey(ws, 'occurred_on')).value = new Date(Date.UTC(2020, 0, 15));
      for (const f of type.fields) ws.getRow(r).getCell(columnOfKey(ws, f.key)).value = sampleCell(f, 0);
    };
    const typeOf = (code: string) => types.find((t) => t.code === code)!;
    fill(visits, 3, typeOf('company_visit'));
    fill(visits, 4, typeOf('company_visit'));
    fill(visits, 5, typeOf('company_visit'));
    visits.getRow(3).getCell(columnOfKey(visits, 'jobs_found')).value = '많음';
    visits.getRow(4).getCell(columnOfKey(visits, 'purpose')).value = '회식';
    visits.getCell('I1').value = '비고';
    const fairs = wb.getWorksheet('취업박람회·구인구직 만남의 날')!;
    fill(fairs, 3, typeOf('job_fair'));
    fairs.getRow(3).getCell(1).value = new Date(Date.UTC(2021, 8, 10));
    const courses = wb.getWorksheet('취업역량 교육')!;
    fill(courses, 3, typeOf('training_course'));
    fill(courses, 4, typeOf('training_course'));
    courses.getRow(4).getCell(columnOfKey(courses, 'name')).value = null;

    const before = await recordCount();
    const importsBefore = (await db.db.select({ n: sql<number>`count(*)::int` }).from(imports))[0]!.n;
    const res = await upload(officer, IMPORTS, 'mistakes.xlsx', await xlsxBuffer(wb));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json<{ code: string; detail: string; errors: Problem[]; errorCount: number; importId: number }>();
    expect(body.code).toBe('import_invalid');
    expect(body.errorCount).toBe(5);
    const located = body.errors.map((e) => `${e.sheet}!${e.column}${e.row}`).sort();
    expect(located).toEqual(['기업방문!D4', '기업방문!E3', '기업방문!I1', '취업박람회·구인구직 만남의 날!A3', '취업역량 교육!B4'].sort());
    const byCell = new Map(body.errors.map((e) => [`${e.sheet}!${e.column}${e.row}`, e.message]));
    expect(byCell.get('기업방문!E3')).toContain('숫자');
    expect(byCell.get('기업방문!D4')).toContain('구인 지원');
    expect(byCell.get('기업방문!I1')).toContain("'비고'");
    expect(byCell.get('취업박람회·구인구직 만남의 날!A3')).toContain('2019-09-01 ~ 2020-08-31');
    expect(byCell.get('취업역량 교육!B4')).toContain('필수');
    expect(await recordCount()).toBe(before);

    const en = await upload(officer, IMPORTS, 'mistakes.xlsx', await xlsxBuffer(wb), { 'accept-language': 'en' });
    expect(en.json().errors.find((e: Problem) => e.column === 'E')!.message).toContain('must be a number');

    // The failed attempt stays in the history with every error in both languages.
    const history = await officer.request('GET', `/api/v1/imports/${body.importId}`);
    expect(history.json()).toMatchObject({ status: 'failed', errorCount: 5, format: 'xlsx' });
    expect(history.json().errors[0].message).toHaveProperty('en');
    const importsAfter = (await db.db.select({ n: sql<number>`count(*)::int` }).from(imports))[0]!.n;
    expect(importsAfter).toBe(importsBefore + 2);
  });

  it('updates pre-filled records it downloaded and refuses a row changed meanwhile', async () => {
    const wb = await template('?prefill=1');
    const visits = wb.getWorksheet('기업방문')!;
    expect(visits.getRow(3).getCell(columnOfKey(visits, 'company_name')).value).toMatch(/^기업명 [01]$/);
    expect(wb.getWorksheet('지표값')!.getRow(3).values).toEqual([undefined, 'J2', expect.any(String), '%', 95.5, '공시제 목표 대비 실적']);
    const idCol = columnOfKey(visits, '_id');
    const id = Number(visits.getRow(3).getCell(idCol).value);
    visits.getRow(3).getCell(columnOfKey(visits, 'jobs_found')).value = 99;
    const res = await upload(officer, IMPORTS, 'prefilled.xlsx', await xlsxBuffer(wb));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ created: 0, updated: 1, directValues: { rows: 1, saved: 0, unchanged: 1 } });
    expect(res.json().unchanged).toBeGreaterThan(0);
    const record = await officer.request('GET', `/api/v1/records/${id}`);
    expect(record.json()).toMatchObject({ version: 2, data: { jobs_found: 99 } });

    // The same file again: its version 1 of that record is stale now.
    const again = await upload(officer, IMPORTS, 'prefilled.xlsx', await xlsxBuffer(wb));
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual([expect.objectContaining({ sheet: '기업방문', row: 3, column: String.fromCharCode(64 + idCol) })]);
  });

  it('imports the same CSV in UTF-8 with BOM and in CP949 to the same records', async () => {
    const csv = [
      '실적 일자,기업명,업종,방문 목적,발굴 일자리 수 (개),후속 조치 여부',
      '2019-10-02,㈜광진정밀,"제조업, 금속",구인 지원,"1,200",예',
      '2020.3.5,성수식품,식품,애로 해소,3,아니오',
      '2020-08-31,"따옴표 ""회사""",,정책 안내,0,',
    ].join('\r\n');
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]);
    const cp949 = iconv.encode(csv, 'cp949');
    const a = await upload(officer, `${IMPORTS}?type=company_visit`, 'visits-utf8.csv', utf8);
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ format: 'csv', created: 3, encoding: 'utf-8' });
    const b = await upload(officer, `${IMPORTS}?type=company_visit`, 'visits-cp949.csv', cp949);
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toMatchObject({ created: 3, encoding: 'cp949' });
    const rowsOf = async (importId: number) =>
      (await db.db.select().from(activityRecords).where(eq(activityRecords.importId, importId)))
        .map((r) => ({ on: r.occurredOn, data: r.data }))
        .sort((x, y) => x.on.localeCompare(y.on));
    const fromUtf8 = await rowsOf(a.json().importId);
    expect(fromUtf8).toEqual(await rowsOf(b.json().importId));
    expect(fromUtf8[0]).toEqual({
      on: '2019-10-02',
      data: { company_name: '㈜광진정밀', industry: '제조업, 금속', purpose: '구인 지원', jobs_found: 1200, follow_up: true },
    });
    expect(fromUtf8[2]!.data).toMatchObject({ company_name: '따옴표 "회사"', jobs_found: 0 });
  });

  it('imports a CSV of several record types that names them itself, only for the district', async () => {
    const csv = [
      'org_unit_code,record_type,occurred_on,company_name,purpose,jobs_found,name,kind,participants',
      '11215,company_visit,2020-04-01,다유형 기업,기타,1,,,',
      '11215,se_education,2020-04-02,,,,협동조합 교육,교육,25',
    ].join('\n');
    const ok = await upload(officer, `${IMPORTS}?encoding=utf-8`, 'mixed.csv', Buffer.from(csv));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ created: 2, rows: 2 });
    const other = await upload(officer, IMPORTS, 'other-district.csv', Buffer.from(csv.replace('11215,se_education', '11110,se_education')));
    expect(other.statusCode).toBe(400);
    expect(other.json().errors).toEqual([expect.objectContaining({ row: 3, column: 'org_unit_code' })]);
  });

  it('reports CSV errors by line and header, and writes nothing', async () => {
    const before = await recordCount();
    const csv = '실적 일자,기업명,방문 목적,발굴 일자리 수\n2019-10-02,A,구인 지원,1\n2021-01-01,B,회식,2\n2020-01-01,C,소풍,x\n';
    const res = await upload(officer, `${IMPORTS}?type=company_visit`, 'bad.csv', Buffer.from(csv));
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as Problem[];
    // A date outside the period is reported with the row's other problems, not after they are fixed.
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, '방문 목적'],
      [3, '실적 일자'],
      [4, '방문 목적'],
      [4, '발굴 일자리 수'],
    ]);
    expect(await recordCount()).toBe(before);
  });

  it('runs a large CSV in the background with progress, and shows it in the history', async () => {
    const lines = ['실적 일자,기업명,방문 목적,발굴 일자리 수'];
    for (let i = 0; i < 3000; i++) lines.push(`2020-0${1 + (i % 8)}-1${i % 10},기업 ${i},정책 안내,${i % 7}`);
    const before = await recordCount();
    const res = await upload(officer, `${IMPORTS}?type=company_visit&background=1`, 'big.csv', Buffer.from(lines.join('\n')));
    expect(res.statusCode, res.body).toBe(202);
    const { importId, statusUrl } = res.json();
    let view = (await officer.request('GET', statusUrl)).json();
    // The import commits in its own transaction; the worker then marks the job done: wait for both to settle.
    const settled = (v: { status: string; job?: { status: string } | null }) =>
      (v.status === 'committed' || v.status === 'failed') && (v.job?.status === 'done' || v.job?.status === 'failed');
    for (let i = 0; i < 300 && !settled(view); i++) {
      await sleep(50);
      view = (await officer.request('GET', statusUrl)).json();
    }
    expect(view).toMatchObject({ id: importId, status: 'committed', format: 'csv', job: { status: 'done', progress: 1 } });
    expect(await recordCount()).toBe(before + 3000);
  });
});
