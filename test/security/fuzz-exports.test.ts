import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/db.js';
import { hostileString } from '../helpers/fuzz-arbitraries.js';
import { CaseCounter, fuzzParams, runsFor } from '../helpers/fuzz-budget.js';
import { openSecurityFixture, OWN, YEAR, type SecurityFixture } from './fixture.js';

/**
 * Formula injection: text a district typed (a company name, a reason) that starts with `=`, `+`, `-`, `@`, tab or
 * CR must reach every exported file — records as CSV (both layouts) and xlsx, and the audit log as CSV — as text a
 * spreadsheet will not run: prefixed with an apostrophe, while numbers stay bare numbers. JSON is not a
 * spreadsheet and keeps the exact text.
 */

/** What a spreadsheet runs. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** What must therefore be escaped: also with control or format characters in front, which writers and readers drop. */
const NEEDS_ESCAPE = /^[\p{Cc}\p{Cf}]*[=+\-@\t\r]/u;
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

const formulaText = fc.oneof(
  fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '=cmd|', '-2+', '@SUM('), hostileString(20)).map(([a, b]) => `${a}${b}`),
  fc.constantFrom('=HYPERLINK("http://evil.example","클릭")', "=cmd|' /C calc'!A0", '+1+1', '-1', '@A1', '\t=1+1', '=1,"2"'),
  // a character XML cannot hold in front of a formula: gone once written to xlsx, it must not unmask the formula
  fc.tuple(fc.constantFrom('\u0001', '\u0008', '\u001f', '\u000b'), fc.constantFrom('=1+1', '@SUM(1)', '-2+3', '+A1')).map(([a, b]) => a + b),
  hostileString(20),
);

/** Text the record API keeps (no NUL, not blank) — other text is refused, which another suite checks. */
const storable = (s: string) => s.replaceAll('\u0000', '').trim() !== '' && !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));

/** Every cell that a spreadsheet would run, in parsed CSV rows: none may be anything but a number. */
function runnableCells(rows: string[][]): string[] {
  return rows.flat().filter((c) => FORMULA_START.test(c) && !NUMBER.test(c));
}

describe.each(backends())('formula injection in exports on $name', (backend) => {
  let fx: SecurityFixture;
  const counter = new CaseCounter();
  const stats = { records: 0, escaped: 0 };

  beforeAll(async () => {
    fx = await openSecurityFixture(backend, { signIn: ['officer_own', 'auditor'] });
  }, 180_000);
  afterAll(async () => {
    counter.report(`${backend.name}, exports`);
    console.log(`export fuzz (${backend.name}): ${stats.records} records with hostile text exported; ${stats.escaped} formula-like texts escaped`);
    await fx?.close();
  });

  const parseCsv = (text: string) => parse(text, { relax_column_count: true }) as string[][];
  const csvRows = (body: Buffer) => parseCsv(body.subarray(body[0] === 0xef ? 3 : 0).toString('utf8'));

  it('escapes formula-like text in every CSV and xlsx export and in the audit CSV, keeps numbers numeric and JSON exact', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            name: formulaText.filter(storable),
            industry: formulaText.filter(storable),
            jobs: fc.integer({ min: 0, max: 500 }),
            reason: formulaText.filter(storable),
          }),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        async (records) => {
          counter.hit('export formula injection');
          const created: Array<{ id: number; name: string; industry: string; jobs: number }> = [];
          for (const r of records) {
            const res = await fx.clients.officer_own.request('POST', `/api/v1/districts/${OWN}/records`, {
              recordType: 'company_visit',
              occurredOn: '2020-02-14',
              data: { company_name: r.name, industry: r.industry, purpose: '기타', jobs_found: r.jobs },
              reason: r.reason,
            });
            if (res.statusCode !== 201) {
              // Text the record rules refuse (too long, …) is refused whole; nothing to export.
              expect(res.statusCode, res.body).toBe(400);
              continue;
            }
            const stored = res.json<{ id: number; data: { company_name: string; industry?: string } }>();
            created.push({ id: stored.id, name: stored.data.company_name, industry: stored.data.industry ?? '', jobs: r.jobs });
          }
          stats.records += created.length;
          const base = `/api/v1/cycles/${YEAR}/districts/${OWN}`;

          // CSV, one type (wide) and every type (long), UTF-8 and CP949
          for (const url of [`${base}/records.csv?type=company_visit`, `${base}/records.csv`, `${base}/records.csv?type=company_visit&encoding=cp949`]) {
            const res = await fx.clients.officer_own.request('GET', url);
            expect(res.statusCode).toBe(200);
            // CP949 has no byte-order mark; what it cannot hold becomes '?', which never starts a formula
            const rows = url.includes('cp949') ? parseCsv(iconv.decode(res.rawPayload, 'cp949')) : csvRows(res.rawPayload);
            expect(runnableCells(rows), url).toEqual([]);
            if (url.includes('cp949')) continue;
            const wide = url.includes('type=');
            const idColumn = rows[0]!.findIndex((h) => /ID/.test(h));
            if (wide) expect(idColumn).toBeGreaterThanOrEqual(0);
            for (const c of created) {
              const row = wide ? rows.find((r) => r[idColumn] === String(c.id)) : undefined;
              if (wide) {
                expect(row, `record ${c.id} in ${url}`).toBeDefined();
                // the text reads back exactly once the apostrophe is taken off; the count stays a bare number
                const unescape = (s: string) => (s.startsWith("'") && NEEDS_ESCAPE.test(s.slice(1)) ? s.slice(1) : s);
                expect(row!.map(unescape)).toContain(c.name);
                expect(row).toContain(String(c.jobs));
                if (NEEDS_ESCAPE.test(c.name)) {
                  expect(row).toContain(`'${c.name}`);
                  stats.escaped++;
                }
              }
            }
          }

          // xlsx: no formula cells, no text that starts like one, numbers typed as numbers
          const xlsx = await fx.clients.officer_own.request('GET', `${base}/records.xlsx?type=company_visit`);
          expect(xlsx.statusCode).toBe(200);
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(xlsx.rawPayload as never);
          const texts: string[] = [];
          for (const ws of wb.worksheets) {
            ws.eachRow((row) =>
              row.eachCell((cell) => {
                expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
                if (typeof cell.value === 'string') {
                  expect(FORMULA_START.test(cell.value), `${ws.name}!${cell.address} ${JSON.stringify(cell.value)}`).toBe(false);
                  texts.push(cell.value);
                }
              }),
            );
          }
          // XML cannot hold most control characters: the xlsx writer drops them, the rest of the text must be there
          // (and XML reads every line break as \n); an empty cell is not written at all
          // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 cannot hold
          const inXml = (t: string) => t.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/\r\n?/g, '\n');
          for (const c of created) {
            const expected = inXml(c.name) === '' ? '' : inXml(NEEDS_ESCAPE.test(c.name) ? `'${c.name}` : c.name);
            if (expected !== '') expect(texts.map(inXml)).toContain(expected);
          }

          // JSON keeps the exact text
          const json = await fx.clients.officer_own.request('GET', `${base}/records.json?type=company_visit`);
          expect(json.statusCode).toBe(200);
          const body = json.body;
          for (const c of created) expect(body).toContain(JSON.stringify(c.name));

          // the audit log as CSV (the reasons, the record data in before/after)
          const audit = await fx.clients.auditor.request('GET', `/api/v1/audit.csv?orgUnitCode=${OWN}&limit=50`);
          expect(audit.statusCode).toBe(200);
          expect(runnableCells(csvRows(audit.rawPayload)), 'audit.csv').toEqual([]);
        },
      ),
      fuzzParams('export formula injection', backend.name),
    );
    expect(counter.get('export formula injection')).toBe(runsFor('export formula injection', backend.name));
    expect(stats.escaped).toBeGreaterThan(0);
  }, 600_000);
});
