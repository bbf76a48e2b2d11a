import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { seedRecordTypes } from '../../src/domain/activities/index.js';
import { buildApp } from '../../src/server/app.js';
import { signIn, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { columnOfKey, multipartFile, readXlsx, xlsxBuffer } from '../fixtures/imports/upload.js';
import { patchZip, unzip, workbookParts, zip } from '../fixtures/imports/zip.js';

const PASSWORD = 'test-password-1';
const IMPORTS = '/api/v1/cycles/2020/districts/11215/imports';
const MB = 1024 * 1024;

describe.each(backends())('hostile uploads on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let officer: Client;

  const upload = (fileName: string, content: Buffer, query = '') => {
    const body = multipartFile(fileName, content);
    return officer.request('POST', `${IMPORTS}${query}`, body.payload, body.headers);
  };
  const counts = async () => {
    const r = await db.db.execute(sql`SELECT (SELECT count(*) FROM activity_records)::int AS records, (SELECT count(*) FROM audit_log)::int AS audit`);
    return (r as unknown as { rows: unknown[] }).rows[0];
  };

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await seedRecordTypes(db.db);
    const config = loadConfig({ HOPEJOBS_DATA_DIR: db.dataDir ?? '.tmp/unused', LOG_LEVEL: 'silent', HOPEJOBS_MAX_UPLOAD_MB: '2' });
    app = await buildApp({ database: db, config, spa: false });
    await app.ready();
    officer = await signIn(app, 'officer.11215', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('refuses a zip bomb (a huge shared-strings entry) from its directory, before inflating anything', async () => {
    const bomb = zip(workbookParts([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(200 * MB, '<si><t>a</t></si>') }]));
    expect(bomb.length).toBeLessThan(2 * MB);
    const before = await counts();
    const t0 = performance.now();
    const res = await upload('bomb.xlsx', bomb);
    const ms = performance.now() - t0;
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('zip_bomb');
    expect(ms).toBeLessThan(1000);
    expect(await counts()).toEqual(before);
  });

  it('refuses an archive whose directory understates an entry, stopping the inflation at the declared size', async () => {
    const liar = zip(workbookParts([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(60 * MB, 'x'), declaredSize: 4096 }]));
    // Entries are inflated on a worker thread, started with the first workbook a process reads (seconds under tsx
    // on a loaded machine): the bound below is for the inflation, so the worker is started first.
    await upload('warm-up.xlsx', zip(workbookParts([])));
    const t0 = performance.now();
    const res = await upload('liar.xlsx', liar);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('zip_bomb');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('refuses an oversize upload with 413 without reading it all', async () => {
    const before = await counts();
    const res = await upload('big.csv', Buffer.alloc(3 * MB, 'a,b\n'), '?type=company_visit');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ status: 413, code: 'file_too_large' });
    expect(await counts()).toEqual(before);
  });

  it('judges a file by its content: no PDF renamed .xlsx, no other ZIP, no macros, no binary as CSV', async () => {
    const pdf = await upload('report.xlsx', Buffer.from('%PDF-1.7\n1 0 obj\n'));
    expect(pdf.json()).toMatchObject({ status: 400, code: 'not_xlsx' });
    const otherZip = await upload('data.xlsx', zip([{ name: 'readme.txt', data: Buffer.from('hello') }]));
    expect(otherZip.json()).toMatchObject({ status: 400, code: 'not_xlsx' });
    const macro = await upload('macro.xlsx', zip(workbookParts([{ name: 'xl/vbaProject.bin', data: Buffer.from('VBA') }])));
    expect(macro.json()).toMatchObject({ status: 400, code: 'not_xlsx' });
    expect(macro.json().detail).toContain('매크로');
    const binary = await upload('data.csv', Buffer.from([0x00, 0x01, 0x02, 0xff]), '?type=company_visit');
    expect(binary.json()).toMatchObject({ status: 400, code: 'unsupported_file' });
  });

  it('reads a workbook whose validations and merges span whole sheets without expanding them', async () => {
    const tpl = await officer.request('GET', '/api/v1/cycles/2020/districts/11215/template.xlsx');
    const wb = await readXlsx(tpl.rawPayload);
    const ws = wb.getWorksheet('기업방문')!;
    ws.getCell('A3').value = new Date(Date.UTC(2020, 1, 1));
    ws.getCell('B3').value = '전 범위 검증 기업';
    ws.getCell('D3').value = '기타';
    ws.getCell('E3').value = 1;
    // A formula nobody calculated: refused, never evaluated.
    ws.getCell('A4').value = new Date(Date.UTC(2020, 1, 2));
    ws.getCell('B4').value = '수식 기업';
    ws.getCell('D4').value = '기타';
    ws.getCell(4, columnOfKey(ws, 'jobs_found')).value = { formula: 'E3*1000' } as never;
    // What Excel writes for a rule or a name over whole columns; exceljs would make an object per cell of them.
    const wide = async () => {
      let file = patchZip(await xlsxBuffer(wb), 'xl/workbook.xml', (x) =>
        x.replace('</sheets>', `</sheets><definedNames><definedName name="everything">'기업방문'!$A$1:$XFD$1048576</definedName></definedNames>`),
      );
      const sheet = unzip(file).find((p) => p.data.toString('utf8').includes('<dataValidations'))!.name;
      file = patchZip(file, sheet, (x) =>
        x
          .replace(
            /<dataValidations count="(\d+)">/,
            (_m, n: string) =>
              `<dataValidations count="${Number(n) + 1}"><dataValidation type="textLength" operator="lessThan" allowBlank="1" sqref="A1:XFD1048576"><formula1>1000</formula1></dataValidation>`,
          )
          .replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A5000:XFD1048576"/></mergeCells>'),
      );
      return file;
    };
    const t0 = performance.now();
    const res = await upload('wide.xlsx', await wide());
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ sheet: '기업방문', row: 4, column: 'E' })]);
    ws.getCell('E4').value = 7;
    const ok = await upload('wide.xlsx', await wide());
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().created).toBe(2);
  });

  it('refuses a sheet it does not know and a request that is not multipart', async () => {
    const tpl = await readXlsx((await officer.request('GET', '/api/v1/cycles/2020/districts/11215/template.xlsx')).rawPayload);
    tpl.addWorksheet('Sheet1').getCell('A1').value = '메모';
    tpl.addWorksheet('빈 시트');
    const res = await upload('extra.xlsx', await xlsxBuffer(tpl));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ sheet: 'Sheet1' })]);
    const plain = await officer.request('POST', IMPORTS, { file: 'x' });
    expect(plain.json()).toMatchObject({ status: 400, code: 'file_required' });
    for (const [contentType, body] of [
      ['multipart/form-data', '{'],
      ['multipart/form-data; boundary=xyz', 'garbage'],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\ncut short'],
    ]) {
      const res = await officer.request('POST', IMPORTS, body, { 'content-type': contentType! });
      expect(res.json()).toMatchObject({ status: 400, code: 'malformed_upload' });
    }
  });
});
