import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { seedRecordTypes } from '../../src/domain/activities/index.js';
import { DomainError } from '../../src/domain/errors.js';
import { CSV_LIMITS } from '../../src/domain/imports/csv-stream.js';
import { importRecordsCsv } from '../../src/domain/imports/index.js';
import { buildApp } from '../../src/server/app.js';
import { signIn, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { workbookEntries, zipArchive, type ZipInput } from '../helpers/fuzz-zip.js';
import { multipartFile } from '../fixtures/imports/upload.js';
import { principalOf } from '../security/fixture.js';

/**
 * Hostile workbooks as an attacker's probe sent them, and variations: XML that makes a regular expression
 * quadratic, a cell of megabytes that an error message would echo and the import history would keep, tables of
 * millions of tiny strings or cells. Each is answered quickly with a small answer, stores at most a small summary,
 * and never stalls the server: a health check sent meanwhile answers in about its usual time. The same for CSV
 * files: a header, a cell or a row of columns past the CSV limits is refused from the slice of the file that holds it.
 */

const PASSWORD = 'test-password-1';
const OWN = '11215';
const IMPORTS = `/api/v1/cycles/2020/districts/${OWN}/imports`;
const HISTORY = `/api/v1/districts/${OWN}/imports`;
const KB = 1024;
const MB = 1024 * KB;
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A minimal workbook (one sheet, 기업방문) whose sheet XML, workbook XML or shared strings are the given ones. */
function workbook(opts: { sheet?: string; workbookXml?: string; sharedStrings?: ZipInput['deflated'] | string; extra?: ZipInput[] }): Buffer {
  const entries = workbookEntries().map((e) => {
    if (e.name === 'xl/worksheets/sheet1.xml' && opts.sheet !== undefined) return { name: e.name, data: Buffer.from(`${XML_HEAD}${opts.sheet}`) };
    if (e.name === 'xl/workbook.xml' && opts.workbookXml !== undefined) return { name: e.name, data: Buffer.from(`${XML_HEAD}${opts.workbookXml}`) };
    return e;
  });
  if (typeof opts.sharedStrings === 'string') entries.push({ name: 'xl/sharedStrings.xml', data: Buffer.from(`${XML_HEAD}${opts.sharedStrings}`) });
  else if (opts.sharedStrings) entries.push({ name: 'xl/sharedStrings.xml', data: Buffer.alloc(0), deflated: opts.sharedStrings });
  return zipArchive([...entries, ...(opts.extra ?? [])]);
}

const sheetXml = (inner: string, after = '') => `<worksheet ${NS}><sheetData>${inner}</sheetData>${after}</worksheet>`;
const WORKBOOK_XML =
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="기업방문" sheetId="1" r:id="rId1"/></sheets>';

/** `n` characters of a and b at random: text that does not compress much (about one bit a character). */
function incompressible(n: number): string {
  const buf = Buffer.alloc(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buf[i] = x & 1 ? 0x61 : 0x62;
  }
  return buf.toString('latin1');
}

/** Deflates a whole part here (for parts over the test's own string limits, built as bytes). */
function deflated(parts: Array<string | Buffer>): NonNullable<ZipInput['deflated']> {
  const whole = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
  return { bytes: deflateRawSync(whole, { level: 6 }), size: whole.length, crc: crc32(whole) };
}

describe.each(backends())('hostile workbooks on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let officer: Client;
  let usualHealthMs = 0;
  let usualLoopMs = 0;
  const figures: string[] = [];

  const health = async () => {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    return performance.now() - t0;
  };

  const lastImportId = async () => {
    const r = await db.db.execute(sql`SELECT coalesce(max(id), 0)::int AS id FROM imports`);
    return (r as unknown as { rows: Array<{ id: number }> }).rows[0]!.id;
  };
  /** Bytes stored for the imports after `afterId`: their errors and summaries as JSON text, and their file names. */
  const storedBytes = async (afterId: number) => {
    const r = await db.db.execute(
      sql`SELECT coalesce(sum(octet_length(coalesce(errors::text, '')) + octet_length(coalesce(summary::text, '')) + octet_length(file_name)), 0)::bigint AS n, count(*)::int AS rows FROM imports WHERE id > ${afterId}`,
    );
    const row = (r as unknown as { rows: Array<{ n: string | number; rows: number }> }).rows[0]!;
    return { bytes: Number(row.n), rows: row.rows };
  };

  /**
   * Uploads a file while a health check is sent every 20 ms and the event loop's delay is sampled; returns the
   * answer, how long it took, the slowest health check and the largest event-loop delay meanwhile.
   */
  /** Health checks every 20 ms while `work` runs, each timed from when it was due (a blocked loop delays both). */
  async function watched<T>(work: Promise<T>) {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    let done = false;
    const healthTimes: number[] = [];
    const polling = (async () => {
      while (!done) {
        const due = performance.now() + 20;
        await sleep(20);
        const late = Math.max(0, performance.now() - due);
        healthTimes.push(late + (await health()));
      }
    })();
    try {
      return { value: await work, healthTimes };
    } finally {
      done = true;
      await polling;
      loop.disable();
      Object.assign(healthTimes, { loopMaxMs: loop.max / 1e6 });
    }
  }

  async function hostileUpload(fileName: string, content: Buffer, query = '') {
    const body = multipartFile(fileName, content);
    const before = await lastImportId();
    // The usual time of a health check (and the loop's delay) on this machine right now, with nothing uploading.
    const quiet = await watched(sleep(1000));
    usualHealthMs = Math.max(...quiet.healthTimes);
    usualLoopMs = (quiet.healthTimes as unknown as { loopMaxMs: number }).loopMaxMs;
    const t0 = performance.now();
    const { value: res, healthTimes } = await watched(officer.request('POST', `${IMPORTS}${query}`, body.payload, body.headers));
    const ms = performance.now() - t0;
    const stored = await storedBytes(before);
    const loopMaxMs = (healthTimes as unknown as { loopMaxMs: number }).loopMaxMs;
    return { res, ms, size: res.rawPayload.length, healthMax: Math.max(...healthTimes), healthChecks: healthTimes.length, loopMaxMs, stored };
  }

  /** The common expectations: refused fast with a small answer, little stored, the server answering meanwhile. */
  function expectContained(what: string, r: Awaited<ReturnType<typeof hostileUpload>>, limits: { ms: number; size: number; stored: number; status?: number }) {
    figures.push(
      `${what}: ${r.res.statusCode} ${(r.res.json() as { code?: string }).code} in ${Math.round(r.ms)} ms, answer ${r.size} B, stored ${r.stored.bytes} B in ${r.stored.rows} row(s), health max ${Math.round(r.healthMax)} ms (quiet ${Math.round(usualHealthMs)} ms, ${r.healthChecks} checks), event-loop delay max ${Math.round(r.loopMaxMs)} ms (quiet ${Math.round(usualLoopMs)} ms)`,
    );
    expect(r.res.statusCode, r.res.body.slice(0, 500)).toBe(limits.status ?? 400);
    expect(r.ms, what).toBeLessThan(limits.ms);
    expect(r.size, what).toBeLessThan(limits.size);
    expect(r.stored.bytes, what).toBeLessThan(limits.stored);
    expect(r.healthChecks, what).toBeGreaterThan(0);
    expect(r.healthMax, what).toBeLessThan(usualHealthMs + 100);
    // The machine's own noise (other processes on a shared CI box) is in the quiet measure; the upload adds < 100 ms.
    expect(r.loopMaxMs, what).toBeLessThan(usualLoopMs + 100);
  }

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await seedRecordTypes(db.db);
    const config = loadConfig({ HOPEJOBS_DATA_DIR: db.dataDir ?? '.tmp/unused', LOG_LEVEL: 'silent' });
    app = await buildApp({ database: db, config, spa: false });
    await app.ready();
    officer = await signIn(app, `officer.${OWN}`, PASSWORD);
    // Warm up: the first workbook starts the import worker.
    const tpl = await officer.request('GET', `/api/v1/cycles/2020/districts/${OWN}/template.xlsx`);
    const body = multipartFile('warm-up.xlsx', tpl.rawPayload);
    await officer.request('POST', IMPORTS, body.payload, body.headers);
  }, 120_000);
  afterAll(async () => {
    console.log(`hostile workbooks (${backend.name}):\n  ${figures.join('\n  ')}`);
    await app?.close();
    await db?.destroy();
  });

  it('refuses a 2 KB workbook with 256 KB of unclosed <mergeCells text at once, naming the part', async () => {
    const file = workbook({ sheet: sheetXml('', '<mergeCells '.repeat((256 * KB) / 12)) });
    expect(file.length).toBeLessThan(3 * KB);
    const r = await hostileUpload('merge.xlsx', file);
    expectContained('256 KB unclosed <mergeCells', r, { ms: 2000, size: 4 * KB, stored: 4 * KB });
    expect(r.res.json()).toMatchObject({ code: 'not_xlsx' });
    expect(r.res.json<{ detail: string }>().detail).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses a 1.5 MB workbook with a 10 MB header cell early, naming the cell, with a small answer and history', async () => {
    const text = incompressible(10 * MB);
    const file = workbook({
      sheet: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
      sharedStrings: `<sst ${NS} count="1" uniqueCount="1"><si><t>${text}</t></si></sst>`,
    });
    expect(file.length).toBeGreaterThan(1 * MB);
    expect(file.length).toBeLessThan(2 * MB);
    const r = await hostileUpload('header.xlsx', file);
    expectContained('10 MB header cell', r, { ms: 5000, size: 8 * KB, stored: 8 * KB });
    expect(r.res.json()).toMatchObject({ code: 'xlsx_limit_exceeded', errors: [expect.objectContaining({ sheet: '기업방문', row: 1, column: 'A' })] });
    const history = await officer.request('GET', HISTORY);
    expect(history.statusCode).toBe(200);
    expect(history.rawPayload.length).toBeLessThan(256 * KB);
  }, 60_000);

  it('refuses the other expanding elements left unclosed, in a sheet and in the workbook, at once', async () => {
    const cases: Array<[string, Buffer]> = [
      ...['<dataValidations ', '<conditionalFormatting ', '<hyperlinks ', '<x:mergeCells ', '<mergeCells count="1" '].map((tag): [string, Buffer] => [
        tag,
        workbook({ sheet: sheetXml('', tag.repeat(Math.ceil((256 * KB) / tag.length))) }),
      ]),
      ['<definedNames ', workbook({ workbookXml: `${WORKBOOK_XML}${'<definedNames '.repeat((256 * KB) / 14)}</workbook>` })],
      // Nested, never closed: a quarter of a million characters of open tags.
      ['nested <mergeCells>', workbook({ sheet: `<worksheet ${NS}><sheetData/>${'<mergeCells>'.repeat((256 * KB) / 12)}` })],
      ['unclosed <mergeCells> of merges', workbook({ sheet: sheetXml('', `<mergeCells count="99999">${'<mergeCell ref="A1:XFD1048576"/>'.repeat(8000)}`) })],
      // An attribute value that never ends.
      ['endless attribute', workbook({ sheet: sheetXml('', `<mergeCells count="${'9'.repeat(2 * MB)}`) })],
    ];
    for (const [what, file] of cases) {
      expect(file.length, what).toBeLessThan(64 * KB);
      const r = await hostileUpload('tags.xlsx', file);
      expectContained(what, r, { ms: 3000, size: 4 * KB, stored: 1 });
      // Malformed XML names its part; a token that never ends is refused as too long once it passes a megabyte.
      const { code, detail } = r.res.json<{ code: string; detail: string }>();
      if (what === 'endless attribute') expect(code).toBe('xlsx_limit_exceeded');
      else {
        expect(code, what).toBe('not_xlsx');
        expect(detail, what).toMatch(/xl\/(worksheets\/sheet1|workbook)\.xml/);
      }
    }
  }, 120_000);

  it('refuses huge tables early: a million tiny shared strings, too many rows, a cell past the last column', async () => {
    // (Tables that reach the limits without saying so are counted: see test/domain/xlsx-scan.test.ts, with small limits.)
    const manyStrings = workbook({
      sharedStrings: deflated([XML_HEAD, `<sst ${NS} uniqueCount="1000001">`, Buffer.from('<si><t>a</t></si>'.repeat(1_000_001)), '</sst>']),
    });
    const rows = zipArchive(
      workbookEntries().map((e) =>
        e.name === 'xl/worksheets/sheet1.xml'
          ? {
              name: e.name,
              data: Buffer.alloc(0),
              deflated: deflated([XML_HEAD, `<worksheet ${NS}><sheetData>`, Buffer.from('<row/>'.repeat(200_001)), '</sheetData></worksheet>']),
            }
          : e,
      ),
    );
    const wide = workbook({ sheet: sheetXml('<row r="1"><c r="ZZZ1"><v>1</v></c></row>') });
    for (const [what, file, code] of [
      ['a table declaring a million and one shared strings', manyStrings, 'xlsx_limit_exceeded'],
      ['200,001 rows', rows, 'xlsx_limit_exceeded'],
      ['a cell in column ZZZ', wide, 'xlsx_limit_exceeded'],
    ] as const) {
      expect(file.length, what).toBeLessThan(1 * MB);
      const r = await hostileUpload('table.xlsx', file);
      expectContained(what, r, { ms: 8000, size: 4 * KB, stored: 1 });
      expect(r.res.json<{ code: string }>().code, what).toBe(code);
    }
  }, 120_000);

  it('refuses a 90 MB cell and a 10 MB inline cell from the first megabyte, naming the cell', async () => {
    // 90 MB of text that still compresses (a letter of noise every 4 KB, so the ratio passes the bomb check).
    const text = Buffer.alloc(90 * MB, 'a');
    for (let i = 4096; i < text.length; i += 4096) text[i] = 0x62 + (i % 23);
    const huge = workbook({
      sheet: sheetXml('<row r="1"><c r="C1" t="s"><v>0</v></c></row>'),
      sharedStrings: deflated([XML_HEAD, `<sst ${NS} count="1" uniqueCount="1"><si><t>`, text, '</t></si></sst>']),
    });
    const inline = workbook({ sheet: sheetXml(`<row r="7"><c r="B7" t="inlineStr"><is><t>${incompressible(10 * MB)}</t></is></c></row>`) });
    const rssBefore = process.memoryUsage().rss;
    for (const [what, file, cell] of [
      ['90 MB shared-string cell', huge, { row: 1, column: 'C' }],
      ['10 MB inline cell', inline, { row: 7, column: 'B' }],
    ] as const) {
      const r = await hostileUpload('huge.xlsx', file);
      expectContained(what, r, { ms: 8000, size: 4 * KB, stored: 1 });
      expect(r.res.json(), what).toMatchObject({ code: 'xlsx_limit_exceeded', errors: [expect.objectContaining({ sheet: '기업방문', ...cell })] });
    }
    figures.push(`RSS after the 90 MB and 10 MB cells: +${Math.round((process.memoryUsage().rss - rssBefore) / MB)} MB`);
  }, 120_000);

  it('answers and stores a bounded summary of many problems, each quoting at most ~100 characters', async () => {
    const header = `열${'가'.repeat(30_000)}`;
    const badRows = Array.from(
      { length: 3000 },
      (_, i) =>
        `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>날짜 아님 ${i}</t></is></c><c r="K${i + 2}" t="inlineStr"><is><t>${'x'.repeat(200)}</t></is></c></row>`,
    ).join('');
    const file = workbook({
      sheet: sheetXml(
        `<row r="1"><c r="A1" t="inlineStr"><is><t>실적 일자 *</t></is></c><c r="K1" t="inlineStr"><is><t>${header}</t></is></c></row>${badRows}`,
      ),
    });
    const r = await hostileUpload('many.xlsx', file);
    expectContained('3000 bad rows, a 30,000-character header', r, { ms: 15_000, size: 128 * KB, stored: 128 * KB });
    const body = r.res.json<{ code: string; errorCount: number; errors: Array<{ message: string; column?: string }> }>();
    expect(body.code).toBe('import_invalid');
    expect(body.errorCount).toBeGreaterThan(3000);
    expect(body.errors).toHaveLength(200);
    for (const e of body.errors) expect(e.message.length).toBeLessThan(400);
    // The unknown header is quoted, cut to about a hundred characters.
    expect(body.errors.filter((e) => e.message.includes('가'.repeat(50)))).toHaveLength(1);
    const history = await officer.request('GET', HISTORY);
    expect(history.statusCode).toBe(200);
    expect(history.rawPayload.length).toBeLessThan(512 * KB);
    expect(history.json<{ items: Array<{ errorCount: number; errors: unknown[] }> }>().items[0]).toMatchObject({
      errorCount: body.errorCount,
      errors: expect.any(Array),
    });
  }, 120_000);

  it('bounds what a CSV import echoes and stores, the server answering meanwhile: a thousand bad rows under the longest header allowed', async () => {
    const header = `occurred_on,company_name,purpose,jobs_found,${'h'.repeat(CSV_LIMITS.maxHeaderChars)}`;
    const rows = Array.from({ length: 1000 }, (_, i) => `2020-01-0${(i % 9) + 1},회사${i},기타,1,x`).join('\n');
    const r = await hostileUpload('wide.csv', Buffer.from(`${header}\n${rows}\n`), '?type=company_visit');
    expectContained(`CSV: 1000 bad rows under a ${CSV_LIMITS.maxHeaderChars}-character header`, r, { ms: 15_000, size: 128 * KB, stored: 128 * KB });
    const body = r.res.json<{ code: string; errorCount: number; errors: Array<{ message: string; column?: string }> }>();
    expect(body.code).toBe('import_invalid');
    expect(body.errorCount).toBe(1000);
    expect(body.errors).toHaveLength(200);
    for (const e of body.errors) expect((e.column ?? '').length).toBeLessThanOrEqual(101);
  }, 120_000);

  it('refuses a CSV with a 200 KB header, 100,000 one-character columns or a 4 MB cell at once, naming the line and column', async () => {
    const fixed = 'occurred_on,company_name,purpose,jobs_found';
    const row = (i: number) => `2020-01-0${(i % 9) + 1},회사${i},기타,1`;
    const thousand = Array.from({ length: 1000 }, (_, i) => row(i)).join('\n');
    const generic = `org_unit_code,record_type,${fixed}\n${OWN},company_visit,${row(0)}\n${OWN},company_visit,2020-01-02,${'x'.repeat(4 * MB)},기타,1\n`;
    const cases: Array<[string, string, string, { row: number; column?: string }, RegExp]> = [
      [
        '200 KB header cell',
        `${fixed},${'h'.repeat(200 * KB)}\n${thousand.replace(/$/gm, ',x')}\n`,
        '?type=company_visit',
        { row: 1, column: 'E' },
        /1행 E열의 머리글/,
      ],
      ['100,000 one-character header columns', `${fixed}${',h'.repeat(100_000)}\n${thousand}\n`, '?type=company_visit', { row: 1 }, /1행에 열이 [\d,]+개 넘게/],
      [
        '100,000 one-character columns in a data row',
        `${fixed}\n${row(0)}\n${row(1)}${',x'.repeat(100_000)}\n${thousand}\n`,
        '?type=company_visit',
        { row: 3 },
        /3행에 열이/,
      ],
      [
        '4 MB cell in a data row',
        `${fixed}\n${row(0)}\n2020-01-02,${'x'.repeat(4 * MB)},기타,1\n${thousand}\n`,
        '?type=company_visit',
        { row: 3, column: 'company_name' },
        /3행 B열\('company_name'\)/,
      ],
      ['4 MB cell in a data row, without ?type', generic, '', { row: 3, column: 'company_name' }, /3행 D열\('company_name'\)/],
    ];
    for (const [what, text, query, where, message] of cases) {
      const file = Buffer.from(text);
      expect(file.length, what).toBeLessThan(5 * MB);
      const r = await hostileUpload('limits.csv', file, query);
      expectContained(`CSV: ${what}`, r, { ms: 5000, size: 8 * KB, stored: 8 * KB });
      const body = r.res.json<{ code: string; errorCount: number; errors: Array<{ message: string; row?: number; column?: string }> }>();
      expect(body, what).toMatchObject({ code: 'import_invalid', errorCount: 1, errors: [where] });
      expect(body.errors[0]!.message, what).toMatch(message);
      if (!where.column) expect(body.errors[0]!.column, what).toBeUndefined();
    }
  }, 120_000);

  it('refuses a 10 MB cell handed over in one chunk (as a background job may read it) without holding up the server', async () => {
    const principal = await principalOf(db, `officer.${OWN}`);
    const bytes = Buffer.from(`occurred_on,company_name,purpose,jobs_found\n2020-01-02,회사,기타,1\n2020-01-03,${'x'.repeat(10 * MB)},기타,1\n`);
    const request = { year: 2020, orgUnitCode: OWN, recordType: 'company_visit', fileName: 'huge.csv', size: bytes.length };
    const quiet = await watched(sleep(1000));
    const quietHealth = Math.max(...quiet.healthTimes);
    const quietLoop = (quiet.healthTimes as unknown as { loopMaxMs: number }).loopMaxMs;
    const t0 = performance.now();
    const { value: err, healthTimes } = await watched(
      importRecordsCsv(db, principal, request, () => Readable.from([bytes])).then(
        () => null,
        (e: unknown) => e,
      ),
    );
    const ms = performance.now() - t0;
    const loopMaxMs = (healthTimes as unknown as { loopMaxMs: number }).loopMaxMs;
    figures.push(
      `CSV: 10 MB cell in one chunk: refused in ${Math.round(ms)} ms, health max ${Math.round(Math.max(...healthTimes))} ms (quiet ${Math.round(quietHealth)} ms, ${healthTimes.length} checks), event-loop delay max ${Math.round(loopMaxMs)} ms (quiet ${Math.round(quietLoop)} ms)`,
    );
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'import_invalid', problems: [{ row: 3, column: 'company_name' }] });
    expect(ms).toBeLessThan(5000);
    expect(healthTimes.length).toBeGreaterThan(0);
    expect(Math.max(...healthTimes)).toBeLessThan(quietHealth + 100);
    expect(loopMaxMs).toBeLessThan(quietLoop + 100);
  }, 60_000);
});
