import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCycle } from '../../src/db/repositories/cycles.js';
import { auditLog } from '../../src/db/schema.js';
import { seedRecordTypes } from '../../src/domain/activities/record-types.js';
import { ensureFramework } from '../../src/domain/frameworks/service.js';
import { seoulDistricts } from '../../src/domain/reference/seoul.js';
import { multipartFile, xlsxBuffer } from '../fixtures/imports/upload.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';
const YEAR = 2021;
const S2 = `/api/v1/cycles/${YEAR}/districts/11215/submissions/S2`;

/** A population of each district for the year, as the statistics publish it (thousands separators). */
const populationOf = (i: number) => 150_000 + i * 13_579;
const csvOfYear = (year: number) =>
  ['행정구역코드,행정구역,연도,인구', ...seoulDistricts.map((d, i) => `${d.code},${d.name},${year},"${populationOf(i).toLocaleString('en-US')}"`)].join('\r\n');

describe.each(backends())('reference data through the API on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let officer: Client;
  const upload = (name: string, content: Buffer, who: Client = admin) => {
    const { payload, headers } = multipartFile(name, content);
    return who.request('POST', '/api/v1/populations/import', payload, headers);
  };
  const populations2021 = async () =>
    (await admin.request('GET', `/api/v1/populations/${YEAR}`)).json<{ populations: Array<{ code: string; population: number | null }> }>();

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await seedRecordTypes(db.db);
    // The seed's synthetic populations stop at 2020: a 2021 cycle has none until they are imported.
    await upsertCycle(db.db, { year: YEAR, title: '2021 평가', dataPeriodStart: '2020-09-01', dataPeriodEnd: '2021-08-31', status: 'open', isDemo: true });
    await ensureFramework(db.db, YEAR);
    app = await testApp(db);
    admin = await signIn(app, 'admin', PASSWORD);
    officer = await signIn(app, 'officer.11215', PASSWORD);
    for (const [name, day] of [
      ['가', '2020-10-05'],
      ['나', '2021-02-11'],
      ['다', '2021-07-30'],
    ] as const) {
      const res = await officer.request('POST', '/api/v1/districts/11215/records', {
        recordType: 'se_enterprise',
        occurredOn: day,
        data: { name: `시험기업 ${name}`, kind: '사회적기업', certified_on: day, is_new: true, jobs: 3 },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('refuses a 2021 per-capita value clearly while the year has no populations', async () => {
    const res = await officer.request('GET', S2);
    expect(res.statusCode).toBe(200);
    expect(res.json().computation).toMatchObject({
      value: null,
      error: {
        ko: '광진구(11215)의 2021년 인구가 없습니다 — 인구를 먼저 등록하세요.',
        en: 'No population of 광진구 (11215) for 2021 — load the populations first.',
      },
    });
    expect((await populations2021()).populations.every((p) => p.population === null)).toBe(true);
    const reference = (await admin.request('GET', '/api/v1/reference-data')).json();
    expect(reference.missing.filter((m: { year: number }) => m.year === YEAR)).toHaveLength(25);
    expect(reference.words).toMatchObject({ nounKo: '구', nameKo: '자치구' });
  });

  it('reports every bad row of an upload with its row and column, in the reader’s language, and loads nothing', async () => {
    const file = [
      'code,name,year,value',
      '11215,광진구,2021,"352,000"',
      '11215,광진구,2021,351000', // twice
      '99999,없는구,2021,1000', // unknown code
      '11440,광진구,2021,1000', // the name of another unit
      '11110,종로구,2021,-3', // not a population
    ].join('\n');
    const res = await upload('populations.csv', Buffer.from(file));
    expect(res.statusCode).toBe(400);
    const problem = res.json<{ code: string; errors: Array<{ row: number; column: string; message: string }> }>();
    expect(problem.code).toBe('population_import_invalid');
    expect(problem.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'year'],
      [4, 'code'],
      [5, 'name'],
      [6, 'value'],
    ]);
    expect(problem.errors[1]!.message).toBe('4행 코드 열: 99999는 등록된 단위 코드가 아닙니다.');
    const form = multipartFile('p.csv', Buffer.from(file));
    const english = await admin.request('POST', '/api/v1/populations/import', form.payload, { ...form.headers, 'accept-language': 'en' });
    expect(english.statusCode).toBe(400);
    expect(english.json().errors[1].message).toBe('Line 4, column code: 99999 is not the code of a known unit.');
    expect((await populations2021()).populations.every((p) => p.population === null)).toBe(true);
  });

  it('imports a CP949 file as downloaded, after which the 2021 value computes from the imported population', async () => {
    const res = await upload('주민등록인구_2021.csv', iconv.encode(csvOfYear(YEAR), 'cp949'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ format: 'csv', rows: 25, years: [YEAR] });
    const gwangjin = seoulDistricts.findIndex((d) => d.code === '11215');
    expect((await populations2021()).populations.find((p) => p.code === '11215')!.population).toBe(populationOf(gwangjin));

    const computed = (await officer.request('GET', S2)).json().computation;
    expect(computed.error).toBeUndefined();
    expect(computed.periods[0]).toMatchObject({ population: populationOf(gwangjin), populationYear: YEAR });
    expect(computed.value).toBeGreaterThan(0);

    // Halving the population through the edit route doubles the per-capita value, and the edit is audited.
    const half = Math.round(populationOf(gwangjin) / 2);
    const edit = await admin.request('PUT', `/api/v1/populations/${YEAR}/11215`, { population: half });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toEqual({ code: '11215', year: YEAR, population: half, previous: populationOf(gwangjin) });
    const after = (await officer.request('GET', S2)).json().computation;
    expect(after.value).toBeCloseTo((computed.value * populationOf(gwangjin)) / half, 9);
    const [entry] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'population.edited'), eq(auditLog.entityId, `11215:${YEAR}`)));
    expect(entry).toMatchObject({ before: { population: populationOf(gwangjin) }, after: { population: half } });
  });

  it('imports the first sheet of a workbook and names the sheet in its problems', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('2022년 인구');
    ws.addRow(['행정기관코드', '행정기관', '연도', '총인구수']);
    seoulDistricts.forEach((d, i) => ws.addRow([`${d.code}00000`, `서울특별시 ${d.name}`, 2022, populationOf(i)]));
    const good = await upload('populations.xlsx', await xlsxBuffer(wb));
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json()).toEqual({ format: 'xlsx', rows: 25, years: [2022] });

    ws.addRow(['11215', '광진구', 2022, 'many']);
    const bad = await upload('populations.xlsx', await xlsxBuffer(wb));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ sheet: '2022년 인구', row: 27, column: 'value', message: "'2022년 인구' 시트 27행 인구 열: 인구는 1 이상의 정수여야 합니다." }),
    ]);
  });

  it('sets a level’s words and a unit’s peer groups, audited, and the public unit list speaks the new words', async () => {
    const words = { nameKo: '자치구', nounKo: '구', nameEn: 'borough', pluralEn: 'boroughs' };
    expect((await admin.request('PUT', '/api/v1/unit-levels/district', words)).statusCode).toBe(204);
    expect((await app.inject('/api/v1/org-units')).json().words).toMatchObject({ nameEn: 'borough', pluralEn: 'boroughs', nounKo: '구' });
    const grouped = await admin.request('PUT', '/api/v1/org-units/11215/groups', { groups: { 유형: '도심형' } });
    expect(grouped.statusCode, grouped.body).toBe(200);
    const reference = (await admin.request('GET', '/api/v1/reference-data')).json();
    expect(reference.units.find((u: { code: string }) => u.code === '11215').groups).toEqual({ 유형: '도심형' });
    expect((await admin.request('PUT', '/api/v1/org-units/11000/groups', { groups: {} })).statusCode).toBe(404);
    const actions = (await db.db.select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['unit_level.words_set', 'org_unit.groups_set']));
    await admin.request('PUT', '/api/v1/unit-levels/district', { ...words, nameEn: 'district', pluralEn: 'districts' });
  });

  it('lets only the city admin see or change reference data', async () => {
    expect((await officer.request('GET', '/api/v1/reference-data')).statusCode).toBe(403);
    expect((await upload('populations.csv', Buffer.from(csvOfYear(2023)), officer)).statusCode).toBe(403);
    expect((await officer.request('PUT', `/api/v1/populations/${YEAR}/11215`, { population: 5 })).statusCode).toBe(403);
    expect((await officer.request('PUT', '/api/v1/org-units/11215/groups', { groups: {} })).statusCode).toBe(403);
  });
});
