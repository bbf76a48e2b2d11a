import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRecordTypes } from '../../src/domain/activities/index.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { multipartFile } from '../fixtures/imports/upload.js';

const PASSWORD = 'test-password-1';

const visit = (occurredOn: string, company: string, jobs = 2) => ({
  recordType: 'company_visit',
  occurredOn,
  data: { company_name: company, purpose: '구인 지원', jobs_found: jobs },
});

describe.each(backends())('records API on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let officer: Client;
  let other: Client;
  let approver: Client;

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await seedRecordTypes(db.db);
    app = await testApp(db);
    admin = await signIn(app, 'admin', PASSWORD);
    officer = await signIn(app, 'officer.11215', PASSWORD);
    other = await signIn(app, 'officer.11110', PASSWORD);
    approver = await signIn(app, 'approver.11215', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('lists record types with typed fields and Korean and English labels', async () => {
    const res = await officer.request('GET', '/api/v1/record-types');
    expect(res.statusCode).toBe(200);
    const visitType = res.json().recordTypes.find((t: { code: string }) => t.code === 'company_visit');
    expect(visitType).toMatchObject({ name: { ko: '기업방문', en: 'Company visit' }, builtin: true, active: true, dateField: 'occurred_on' });
    expect(visitType.fields).toContainEqual(
      expect.objectContaining({
        key: 'purpose',
        type: 'enum',
        label: { ko: '방문 목적', en: 'Purpose' },
        options: ['구인 지원', '애로 해소', '정책 안내', '기타'],
      }),
    );
    expect((await officer.request('GET', '/api/v1/record-types/job_fair')).json().fields.length).toBeGreaterThan(3);
  });

  it('lets the city admin define, change and deactivate a custom record type', async () => {
    const definition = {
      code: 'youth_cafe',
      name: { ko: '청년 일자리 카페', en: 'Youth job café' },
      fields: [
        { key: 'cafe', label: { ko: '카페명', en: 'Café' }, type: 'text', required: true },
        { key: 'visitors', label: { ko: '방문자 수', en: 'Visitors' }, type: 'integer', required: true, min: 0, unit: '명' },
      ],
    };
    expect((await officer.request('POST', '/api/v1/record-types', { definition })).statusCode).toBe(403);
    const bad = await admin.request('POST', '/api/v1/record-types', { definition: { ...definition, code: 'Bad Code', fields: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['code', 'fields']));

    const created = await admin.request('POST', '/api/v1/record-types', { definition, reason: '2020 신규 사업' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'youth_cafe', builtin: false, active: true, version: 1 });

    const changed = await admin.request('PATCH', '/api/v1/record-types/youth_cafe', {
      version: 1,
      definition: { ...definition, name: { ko: '청년 일자리 카페 운영', en: 'Youth job café' } },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: { ko: '청년 일자리 카페 운영' }, version: 2 });
    const stale = await admin.request('PATCH', '/api/v1/record-types/youth_cafe', { version: 1, definition });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ version: 2 });

    expect((await admin.request('POST', '/api/v1/record-types/company_visit/deactivate', { version: 1 })).statusCode).toBe(403);
    const off = await admin.request('POST', '/api/v1/record-types/youth_cafe/deactivate', { version: 2, reason: '사업 종료' });
    expect(off.json()).toMatchObject({ active: false, version: 3 });
    const listed = (await officer.request('GET', '/api/v1/record-types')).json().recordTypes.map((t: { code: string }) => t.code);
    expect(listed).not.toContain('youth_cafe');
    const all = (await officer.request('GET', '/api/v1/record-types?includeInactive=true')).json().recordTypes.map((t: { code: string }) => t.code);
    expect(all).toContain('youth_cafe');
  });

  it('enters records, filters by type, dates and cycle, and pages with a cursor', async () => {
    for (const [date, name] of [
      ['2019-08-30', '전년도 기업'],
      ['2019-09-01', '첫날 기업'],
      ['2020-01-15', '겨울 기업'],
      ['2020-08-31', '마지막날 기업'],
      ['2020-09-01', '다음 기간 기업'],
    ] as const) {
      const res = await officer.request('POST', '/api/v1/districts/11215/records', visit(date, name));
      expect(res.statusCode, res.body).toBe(201);
    }
    const invalid = await officer.request('POST', '/api/v1/districts/11215/records', {
      recordType: 'company_visit',
      occurredOn: '2020-01-01',
      data: { company_name: '', purpose: '소풍', jobs_found: -1 },
    });
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['data.company_name', 'data.jobs_found', 'data.purpose']);

    const inCycle = await approver.request('GET', '/api/v1/districts/11215/records?type=company_visit&cycle=2020');
    expect(inCycle.statusCode).toBe(200);
    expect(inCycle.json().items.map((r: { data: { company_name: string } }) => r.data.company_name)).toEqual(['마지막날 기업', '겨울 기업', '첫날 기업']);

    const range = await officer.request('GET', '/api/v1/districts/11215/records?type=company_visit&from=2020-01-01&to=2020-12-31');
    expect(range.json().items).toHaveLength(3);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ data: { company_name: string } }>; nextCursor: string | null } = (
        await officer.request('GET', `/api/v1/districts/11215/records?type=company_visit&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.data.company_name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['다음 기간 기업', '마지막날 기업', '겨울 기업', '첫날 기업', '전년도 기업']);
  });

  it('gives the second of two editors 409 with the current record, and deletes only with the current version', async () => {
    const created = (await officer.request('POST', '/api/v1/districts/11215/records', visit('2020-02-02', '동시 편집'))).json();
    const url = `/api/v1/records/${created.id}`;
    const first = await officer.request('PATCH', url, { version: 1, occurredOn: '2020-02-02', data: { ...created.data, jobs_found: 5 } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, data: { jobs_found: 5 } });
    const second = await admin.request('PATCH', url, { version: 1, occurredOn: '2020-02-02', data: { ...created.data, jobs_found: 7 }, reason: '시 보정' });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'stale_version', current: { id: created.id, version: 2, data: { jobs_found: 5 } } });
    expect((await officer.request('GET', url)).json().data.jobs_found).toBe(5);

    expect((await officer.request('DELETE', `${url}?version=1`)).statusCode).toBe(409);
    expect((await officer.request('DELETE', url)).statusCode).toBe(400);
    expect((await officer.request('DELETE', `${url}?version=2&reason=중복 입력`)).statusCode).toBe(204);
    expect((await officer.request('GET', url)).statusCode).toBe(404);
  });

  it("refuses every records, import and export route of 광진구 to 종로구's officer (403)", async () => {
    const record = (await officer.request('POST', '/api/v1/districts/11215/records', visit('2020-03-03', '권한 확인'))).json();
    const upload = multipartFile('visits.csv', Buffer.from('실적 일자,기업명,방문 목적,발굴 일자리 수\n2020-01-01,A,기타,1\n'));
    const csvImport = await officer.request('POST', '/api/v1/cycles/2020/districts/11215/imports?type=company_visit', upload.payload, upload.headers);
    expect(csvImport.statusCode, csvImport.body).toBe(201);
    const importId = csvImport.json().importId;

    const routes: Array<[method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>]> = [
      ['GET', '/api/v1/districts/11215/records'],
      ['GET', '/api/v1/districts/11215/records?cycle=2020&type=company_visit'],
      ['POST', '/api/v1/districts/11215/records', visit('2020-03-04', '남의 구')],
      ['GET', `/api/v1/records/${record.id}`],
      ['PATCH', `/api/v1/records/${record.id}`, { version: 1, occurredOn: '2020-03-03', data: record.data }],
      ['DELETE', `/api/v1/records/${record.id}?version=1`],
      ['GET', '/api/v1/cycles/2020/districts/11215/template.xlsx'],
      ['GET', '/api/v1/cycles/2020/districts/11215/template.xlsx?prefill=1'],
      ['POST', '/api/v1/cycles/2020/districts/11215/imports?type=company_visit', upload.payload, upload.headers],
      ['POST', '/api/v1/cycles/2020/districts/11215/imports?type=company_visit&background=1', upload.payload, upload.headers],
      ['GET', '/api/v1/districts/11215/imports'],
      ['GET', `/api/v1/imports/${importId}`],
      ['GET', '/api/v1/cycles/2020/districts/11215/records.xlsx'],
      ['GET', '/api/v1/cycles/2020/districts/11215/records.csv'],
      ['GET', '/api/v1/cycles/2020/districts/11215/records.json'],
      ['GET', '/api/v1/cycles/2020/districts/11215/records/export?format=csv'],
      ['GET', '/api/v1/cycles/2020/records.xlsx'],
      ['GET', '/api/v1/cycles/2020/records.csv'],
      ['GET', '/api/v1/cycles/2020/records.json'],
      ['GET', '/api/v1/cycles/2020/records/export?format=json'],
    ];
    const countBefore = (await officer.request('GET', '/api/v1/districts/11215/records?limit=500')).json().items.length;
    for (const [method, url, body, headers] of routes) {
      const res = await other.request(method, url, body, headers);
      expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 200)}`).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await officer.request('GET', '/api/v1/districts/11215/records?limit=500')).json().items.length).toBe(countBefore);
    expect((await officer.request('GET', `/api/v1/records/${record.id}`)).json().version).toBe(1);
    // Their own district stays theirs.
    expect((await other.request('GET', '/api/v1/districts/11110/records')).statusCode).toBe(200);
    // Reading is not writing: the approver of 광진구 reads but does not enter.
    expect((await approver.request('POST', '/api/v1/districts/11215/records', visit('2020-03-05', '승인권자'))).statusCode).toBe(403);
  });
});
