import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exeSample, pdfSample } from '../domain/evidence-samples.js';
import { multipartFile } from '../fixtures/imports/upload.js';
import { backends } from '../helpers/db.js';
import { CaseCounter, fuzzParams, runsFor } from '../helpers/fuzz-budget.js';
import { hostileString } from '../helpers/fuzz-arbitraries.js';
import { deflatedRepeat, workbookEntries, zipArchive } from '../helpers/fuzz-zip.js';
import { openSecurityFixture, OWN, rowsOf, tableCounts, YEAR, type SecurityFixture } from './fixture.js';
import { sql } from 'drizzle-orm';

/**
 * Targeted hostile uploads and values, through HTTP as a district officer would send them: oversize files, a
 * decompression bomb, content that lies about its type, file names that try to leave the store, numbers a
 * database or a spreadsheet cannot hold, text that is not UTF-8. Each is refused with the right status and code —
 * or stored safely — and a refusal leaves every table as it was.
 */

const MB = 1024 * 1024;
const IMPORTS = `/api/v1/cycles/${YEAR}/districts/${OWN}/imports`;
const EVIDENCE = `/api/v1/districts/${OWN}/evidence`;

/** Every file under a directory, relative to it. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

describe.each(backends())('hostile uploads and values on $name', (backend) => {
  let fx: SecurityFixture;
  const counter = new CaseCounter();

  beforeAll(async () => {
    fx = await openSecurityFixture(backend, { env: { HOPEJOBS_MAX_UPLOAD_MB: '1' }, signIn: ['officer_own', 'city_admin', 'auditor'] });
  }, 180_000);
  afterAll(async () => {
    counter.report(`${backend.name}, uploads`);
    await fx?.close();
  });

  const officer = () => fx.clients.officer_own;
  // As a browser sends a file name in the part header: quote and line breaks percent-encoded (WHATWG form encoding).
  const upload = (url: string, fileName: string, content: Buffer) => {
    const body = multipartFile(
      fileName.replace(/[\r\n"]/g, (c) => ({ '\r': '%0D', '\n': '%0A', '"': '%22' })[c]!),
      content,
    );
    return officer().request('POST', url, body.payload, body.headers);
  };
  const evidenceDir = () => path.join(fx.dataDir, 'evidence');
  /** Stored blobs only: the store's spool area is scratch space. */
  const blobs = () => filesUnder(evidenceDir()).filter((f) => !f.startsWith(`tmp${path.sep}`));

  /** Runs a refused request and checks that no table and no stored file changed. */
  async function refusedWithoutTrace(
    send: () => Promise<{ statusCode: number; json: () => unknown }>,
    status: number,
    code: string,
    alternative?: [number, string],
  ) {
    const before = { tables: await tableCounts(fx.db), blobs: blobs() };
    const t0 = performance.now();
    const res = await send();
    const ms = performance.now() - t0;
    const got = [res.statusCode, (res.json() as { code: string }).code];
    expect([[status, code], ...(alternative ? [alternative] : [])]).toContainEqual(got);
    const after = { tables: await tableCounts(fx.db), blobs: blobs() };
    // A refused workbook or CSV stays in the import history as failed; nothing else may change.
    expect({ ...after.tables, imports: 0 }).toEqual({ ...before.tables, imports: 0 });
    expect(after.blobs).toEqual(before.blobs);
    expect(filesUnder(path.join(fx.dataDir, 'tmp')).filter((f) => !f.includes('evidence-spool'))).toEqual([]);
    return ms;
  }

  it('refuses an oversize import and an oversize evidence file with 413 file_too_large, keeping nothing', async () => {
    const big = Buffer.alloc(MB + 1, 'a');
    await refusedWithoutTrace(() => upload(`${IMPORTS}?type=company_visit`, 'big.csv', big), 413, 'file_too_large');
    await refusedWithoutTrace(() => upload(EVIDENCE, 'big.pdf', Buffer.concat([pdfSample(), big])), 413, 'file_too_large');
    // Exactly at the limit is still taken (as a CSV it then fails on content, not on size).
    const res = await upload(`${IMPORTS}?type=company_visit`, 'edge.csv', Buffer.alloc(MB, 'a'));
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string }>().code).not.toBe('file_too_large');
  });

  it('refuses a zip bomb (a sheet that inflates to 200 MB) fast, from the archive directory, writing nothing', async () => {
    const bomb = zipArchive(workbookEntries([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(0), deflated: deflatedRepeat('a', 200 * MB) }]));
    expect(bomb.length).toBeLessThan(MB);
    const ms = await refusedWithoutTrace(() => upload(IMPORTS, 'bomb.xlsx', bomb), 400, 'zip_bomb');
    expect(ms).toBeLessThan(2000);
  });

  it('refuses a bomb that understates its size in the directory, stopping the inflation at the stated size', async () => {
    const liar = zipArchive(
      workbookEntries([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(0), deflated: deflatedRepeat('<', 50 * MB), declaredSize: 4096 }]),
    );
    const t0 = performance.now();
    const res = await upload(IMPORTS, 'liar.xlsx', liar);
    expect(res.statusCode).toBe(400);
    expect(['zip_bomb', 'not_xlsx']).toContain(res.json<{ code: string }>().code);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('judges files by their bytes: an executable named .pdf, a PDF named .xlsx, binary named .csv', async () => {
    await refusedWithoutTrace(() => upload(EVIDENCE, '증빙.pdf', exeSample()), 400, 'file_type_not_allowed');
    await refusedWithoutTrace(() => upload(IMPORTS, '실적.xlsx', pdfSample()), 400, 'not_xlsx');
    await refusedWithoutTrace(() => upload(`${IMPORTS}?type=company_visit`, '실적.csv', exeSample()), 400, 'unsupported_file');
  });

  it('keeps any uploaded file name to a safe display name and stores the bytes under their hash only', async () => {
    const names = [
      '../../../../etc/passwd.pdf',
      '..\\..\\windows\\system32\\증빙.pdf',
      '/absolute/path/증빙.pdf',
      'C:\\Users\\x\\증빙.pdf',
      '증빙\u202Efdp.exe.pdf',
      'a\u0000b.pdf',
      '....pdf',
      'CON.pdf',
      `${'가'.repeat(300)}.pdf`,
      '%2e%2e%2f%2e%2e%2fpasswd.pdf',
      'x".pdf; filename=evil.html',
    ];
    const fileNames = fc.oneof(
      fc.constantFrom(...names),
      hostileString(60).map((s) => `${s}.pdf`),
      fc.tuple(hostileString(20), hostileString(20)).map(([a, b]) => `${a}/../${b}.pdf`),
    );
    await fc.assert(
      fc.asyncProperty(fileNames, fc.nat(), async (name, salt) => {
        counter.hit('upload file names');
        const before = blobs();
        const res = await upload(EVIDENCE, name, pdfSample(`name ${salt}`));
        if (res.statusCode === 400) {
          // A name whose extension is not the content's (".pdf; filename=evil.html") is refused, keeping nothing.
          expect(res.json<{ reason?: string }>().reason).toBe('extension_mismatch');
          expect(blobs()).toEqual(before);
          return;
        }
        expect(res.statusCode, res.body).toBe(201);
        const stored = res.json<{ id: number; originalName: string; sha256: string }>();
        expect(stored.originalName).not.toMatch(/[/\\\p{Cc}\p{Cf}]/u);
        expect(stored.originalName).not.toMatch(/^\./);
        expect(Buffer.byteLength(stored.originalName)).toBeLessThanOrEqual(200);
        // The blob lives at ab/cd/<sha256> inside the store, and nowhere else.
        const expected = path.join(stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256);
        expect(blobs()).toContain(expected);
        expect(blobs().every((f) => /^[0-9a-f]{2}[/\\][0-9a-f]{2}[/\\][0-9a-f]{64}$/.test(f))).toBe(true);
        // The download offers the safe name as an attachment, never inline.
        const dl = await officer().request('GET', `/api/v1/evidence/${stored.id}`);
        expect(dl.statusCode).toBe(200);
        const disposition = String(dl.headers['content-disposition']);
        expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|-]*$/);
        expect(dl.headers['x-content-type-options']).toBe('nosniff');
      }),
      fuzzParams('upload file names', backend.name),
    );
    expect(counter.get('upload file names')).toBe(runsFor('upload file names', backend.name));
  }, 300_000);

  it('refuses numbers no column can hold and text PostgreSQL cannot store, writing nothing', async () => {
    const admin = fx.clients.city_admin;
    const item = `/api/v1/cycles/${YEAR}/districts/${OWN}/submissions/J2`;
    // ids and versions past the integer columns: 400, not 500
    await refusedWithoutTrace(() => admin.request('POST', `/api/v1/cycles/${YEAR}/verification/verify`, { id: 2 ** 31, version: 1 }), 400, 'invalid_value');
    await refusedWithoutTrace(() => officer().request('GET', `/api/v1/objections/${2 ** 31}`), 400, 'invalid_value');
    await refusedWithoutTrace(() => officer().request('PATCH', `/api/v1/records/${2 ** 31}`, { version: 1, data: {} }), 400, 'invalid_value', [
      404,
      'not_found',
    ]);
    // a NUL character in text (a record field, a comment)
    await refusedWithoutTrace(
      () =>
        officer().request('POST', `/api/v1/districts/${OWN}/records`, {
          recordType: 'company_visit',
          occurredOn: '2020-01-20',
          data: { company_name: 'a\u0000b', purpose: '기타', jobs_found: 1 },
        }),
      400,
      'invalid_value',
    );
    const current = (await officer().request('GET', item)).json<{ version: number }>().version;
    await refusedWithoutTrace(() => officer().request('PUT', item, { version: current, value: 1, comment: 'x\u0000y' }), 400, 'invalid_value');
  });

  it('stores finite values or refuses: 1e308 is a number, "1e400", "NaN" and "Infinity" are not', async () => {
    const item = `/api/v1/cycles/${YEAR}/districts/${OWN}/submissions/J2`;
    for (const value of ['NaN', 'Infinity', '1e400', '-Infinity']) {
      const current = (await officer().request('GET', item)).json<{ version: number }>().version;
      // JSON has no NaN or Infinity: a client can only send them as text or as an overflowing literal.
      const raw = `{"version":${current},"value":${value === '1e400' ? '1e400' : JSON.stringify(value)}}`;
      await refusedWithoutTrace(() => officer().request('PUT', item, raw, { 'content-type': 'application/json' }), 400, 'validation');
    }
    for (const value of [1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 5e-324]) {
      const current = (await officer().request('GET', item)).json<{ version: number }>().version;
      const res = await officer().request('PUT', item, { version: current, value });
      if (res.statusCode === 200) expect(res.json<{ value: number }>().value).toBe(value);
      else expect(res.statusCode).toBe(400);
    }
    const records = `/api/v1/districts/${OWN}/records`;
    for (const jobs of ['1e400', 'NaN', 'Infinity', 1e308, '1e308']) {
      const res = await officer().request('POST', records, {
        recordType: 'company_visit',
        occurredOn: '2020-01-21',
        data: { company_name: '큰수', purpose: '기타', jobs_found: jobs },
      });
      expect(res.statusCode, `${jobs}: ${res.body}`).toBeLessThan(500);
      if (res.statusCode === 201) expect(Number.isFinite(res.json<{ data: { jobs_found: number } }>().data.jobs_found)).toBe(true);
    }
    const rows = rowsOf<{ n: number }>(
      await fx.db.db.execute(
        sql`SELECT count(*)::int AS n FROM activity_records, jsonb_each(data) AS e WHERE jsonb_typeof(e.value) = 'number' AND abs((e.value #>> '{}')::numeric) > 1.7976931348623157e308`,
      ),
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('refuses text that is not valid UTF-8 — a CSV with a broken sequence, a JSON body — with its line, not a crash', async () => {
    const csv = Buffer.concat([
      Buffer.from('실적 일자,기업명,방문 목적,발굴 일자리 수\n2020-01-02,좋은회사,기타,1\n2020-01-03,'),
      Buffer.from([0xc3, 0x28, 0xa0]),
      Buffer.from(',기타,2\n'),
    ]);
    await refusedWithoutTrace(() => upload(`${IMPORTS}?type=company_visit&encoding=utf-8`, 'broken.csv', csv), 400, 'import_invalid');
    const res = await upload(`${IMPORTS}?type=company_visit&encoding=utf-8`, 'broken.csv', csv);
    expect(res.json<{ errors: Array<{ row?: number }> }>().errors.some((e) => e.row === 3)).toBe(true);
    // The same file in CP949 is read as CP949 when asked, and as such it is fine.
    const cp949 = iconv.encode('실적 일자,기업명,방문 목적,발굴 일자리 수\n2020-01-02,좋은회사,기타,1\n', 'cp949');
    expect((await upload(`${IMPORTS}?type=company_visit&encoding=cp949`, 'cp949.csv', cp949)).statusCode).toBe(201);
    const body = Buffer.concat([
      Buffer.from('{"recordType":"company_visit","occurredOn":"2020-01-02","data":{"company_name":"'),
      Buffer.from([0xff, 0xfe, 0xc0]),
      Buffer.from('","purpose":"기타","jobs_found":1}}'),
    ]);
    const answered = await officer().request('POST', `/api/v1/districts/${OWN}/records`, body, { 'content-type': 'application/json' });
    expect(answered.statusCode).toBeLessThan(500);
    if (answered.statusCode === 201) expect(answered.json<{ data: { company_name: string } }>().data.company_name).toContain('\ufffd');
  });
});
