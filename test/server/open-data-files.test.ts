import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearPublicCache,
  dictionaryEntries,
  longColumns,
  longYears,
  LONG_SHEETS,
  publishedCycles,
  resultColumns,
  withinPrecision,
  XLSX_SHEETS,
  indicatorColumns,
  type Column,
  type PublishedCycle,
} from '../../src/domain/publication/index.js';
import { signIn, testApp } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

/**
 * Every open-data file anonymous visitors can download — per-year CSV and xlsx, the long file across years (CSV and
 * xlsx), the data dictionary — carries no figure with more digits than its column declares, in both languages and
 * encodings; the long file covers every published year and re-reads to the per-year files' figures; the audit CSV
 * has Korean headers and Korea-time stamps.
 */
const PASSWORD = 'test-password-1';

const rowsOf = (text: string): string[][] => parse(text.replace(/^\uFEFF/, ''), { relaxColumnCount: false }) as string[][];

async function workbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  return wb;
}

/** Every number cell of a CSV table checked against its column's declared precision; returns how many were checked. */
function checkCsvPrecision(rows: string[][], columns: Column<never>[], lang: 'ko' | 'en', file: string): number {
  const [header, ...data] = rows;
  expect(header, file).toEqual(columns.map((c) => c.header[lang]));
  let checked = 0;
  for (const row of data) {
    columns.forEach((c, j) => {
      const cell = row[j]!;
      if (c.type !== 'number' || cell === '') return;
      expect(c.precision, `${file}: ${c.key} declares a precision`).toBeDefined();
      const n = Number(cell);
      expect(Number.isFinite(n), `${file}: ${c.key} = ${cell}`).toBe(true);
      expect(withinPrecision(n, c.precision!), `${file}: ${c.key} = ${cell}`).toBe(true);
      checked++;
    });
  }
  return checked;
}

/** The same for a worksheet: number cells within precision, and every number column shown with a finite format. */
function checkSheetPrecision(ws: ExcelJS.Worksheet, columns: Column<never>[], lang: 'ko' | 'en', file: string): number {
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  expect(header, `${file} ${ws.name}`).toEqual(columns.map((c) => c.header[lang]));
  let checked = 0;
  columns.forEach((c, j) => {
    if (c.type !== 'number') return;
    const format = ws.getColumn(j + 1).numFmt ?? '';
    expect(format, `${file} ${ws.name}: ${c.key} has a number format`).toBeTruthy();
    // At most two decimals shown for points; raw values may show what was entered.
    if ('decimals' in c.precision!) expect((format.split('.')[1] ?? '').length, `${file}: ${c.key} ${format}`).toBeLessThanOrEqual(c.precision!.decimals);
  });
  ws.eachRow((row, r) => {
    if (r === 1) return;
    columns.forEach((c, j) => {
      const v = row.getCell(j + 1).value;
      if (c.type !== 'number' || v === null || v === undefined) return;
      expect(typeof v, `${file} ${ws.name} r${r}: ${c.key}`).toBe('number');
      expect(withinPrecision(v as number, c.precision!), `${file} ${ws.name} r${r}: ${c.key} = ${String(v)}`).toBe(true);
      checked++;
    });
  });
  return checked;
}

describe.each(backends())('open-data files on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let cycles: PublishedCycle[];
  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD, { data: true });
    clearPublicCache();
    app = await testApp(db);
    cycles = await publishedCycles(db.db);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('rounds every figure of every per-year CSV and workbook to its declared precision, in both languages', async () => {
    expect(cycles.map((c) => c.year).sort()).toEqual([2016, 2017, 2018, 2019]);
    for (const c of cycles) {
      const columns = resultColumns(c.outcome, c.framework, c.demo, c.unitWords) as Column<never>[];
      for (const lang of ['ko', 'en'] as const) {
        const query = lang === 'en' ? '?lang=en' : '';
        const csv = await app.inject(`/api/v1/public/cycles/${c.year}/results.csv${query}`);
        expect(csv.statusCode).toBe(200);
        expect(csv.body.charCodeAt(0)).toBe(0xfeff);
        expect(checkCsvPrecision(rowsOf(csv.body), columns, lang, `results.csv ${c.year} ${lang}`)).toBeGreaterThan(100);
        const xlsx = await app.inject(`/api/v1/public/cycles/${c.year}/results.xlsx${query}`);
        const wb = await workbook(xlsx.rawPayload);
        expect(checkSheetPrecision(wb.getWorksheet(XLSX_SHEETS.results)!, columns, lang, `results.xlsx ${c.year}`)).toBeGreaterThan(100);
        expect(
          checkSheetPrecision(wb.getWorksheet(XLSX_SHEETS.indicators)!, indicatorColumns(c.unitWords) as Column<never>[], lang, `results.xlsx ${c.year}`),
        ).toBeGreaterThan(100);
      }
    }
    // The float noise the files used to carry is gone (e.g. 3.7319999999999998, 90.81091354325501).
    const csv = (await app.inject('/api/v1/public/cycles/2019/results.csv')).body;
    expect(csv).not.toMatch(/\d\.\d{3,}/);
  }, 180_000);

  it('publishes every year in one long file (CSV and xlsx) that re-reads to the per-year figures', async () => {
    const columns = longColumns(cycles[0]!.unitWords) as Column<never>[];
    const res = await app.inject('/api/v1/public/open-data/indicators-long.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('hopejobs-indicators-long.csv');
    const rows = rowsOf(res.body);
    expect(checkCsvPrecision(rows, columns, 'ko', 'indicators-long.csv')).toBeGreaterThan(1000);
    const col = (key: string) => columns.findIndex((c) => c.key === key);
    const data = rows.slice(1);
    expect([...new Set(data.map((r) => Number(r[col('year')])))]).toEqual([2016, 2017, 2018, 2019]);
    expect(data).toHaveLength(cycles.reduce((n, c) => n + c.outcome.units.length * c.framework.indicators.length, 0));
    // Each year's framework version, as published.
    for (const c of cycles)
      expect(new Set(data.filter((r) => r[col('year')] === String(c.year)).map((r) => Number(r[col('frameworkVersion')])))).toEqual(
        new Set([c.frameworkVersion]),
      );

    // The same figures as the per-year CSV: points per indicator and the total, unit by unit.
    for (const c of cycles) {
      const perYear = rowsOf((await app.inject(`/api/v1/public/cycles/${c.year}/results.csv`)).body);
      const yearColumns = resultColumns(c.outcome, c.framework, c.demo, c.unitWords);
      const at = (key: string) => yearColumns.findIndex((x) => x.key === key);
      for (const unitRow of perYear.slice(1)) {
        const code = unitRow[at('code')]!;
        const mine = data.filter((r) => r[col('year')] === String(c.year) && r[col('code')] === code);
        expect(mine).toHaveLength(c.framework.indicators.length);
        for (const r of mine) {
          expect(r[col('points')], `${c.year} ${code} ${r[col('indicator')]}`).toBe(unitRow[at(`points.${r[col('indicator')]}`)]);
          expect(r[col('score')]).toBe(unitRow[at('score')]);
          expect(r[col('rank')]).toBe(unitRow[at('rank')]);
        }
      }
    }

    // The workbook holds the same table, the crosswalk and the dictionary.
    const xlsx = await app.inject('/api/v1/public/open-data/indicators-long.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = await workbook(xlsx.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual([LONG_SHEETS.long, LONG_SHEETS.crosswalk, LONG_SHEETS.dictionary]);
    const sheet = wb.getWorksheet(LONG_SHEETS.long)!;
    expect(checkSheetPrecision(sheet, columns, 'ko', 'indicators-long.xlsx')).toBeGreaterThan(1000);
    expect(sheet.rowCount).toBe(rows.length);
    const sample = rows[rows.length - 1]!;
    const last = (sheet.getRow(sheet.rowCount).values as unknown[]).slice(1);
    columns.forEach((c, j) => {
      if (c.type === 'number' && sample[j] !== '') expect(last[j], c.key).toBe(Number(sample[j]));
    });
    const crosswalk = wb.getWorksheet(LONG_SHEETS.crosswalk)!;
    expect(crosswalk.rowCount - 1).toBe(cycles.reduce((n, c) => n + c.framework.indicators.length, 0));
  }, 180_000);

  it('describes every column in the data dictionary (name ko/en, type, unit, precision, meaning), English on request', async () => {
    const res = await app.inject('/api/v1/public/open-data/dictionary.csv');
    expect(res.statusCode).toBe(200);
    const [header, ...rows] = rowsOf(res.body);
    expect(header).toEqual(['파일', '키', '열 이름(한국어)', '열 이름(영어)', '자료형', '단위', '정밀도', '의미(한국어)', '의미(영어)']);
    const entries = dictionaryEntries(longYears(cycles));
    expect(rows).toHaveLength(entries.length);
    for (const key of ['year', 'frameworkVersion', 'commonIndicator', 'raw', 'points', 'score', 'prize'])
      expect(
        rows.some((r) => r[1] === key),
        key,
      ).toBe(true);
    const points = rows.find((r) => r[1] === 'points')!;
    expect(points[4]).toBe('숫자');
    expect(points[6]).toBe('소수점 2자리');
    expect(rows.find((r) => r[1] === 'raw')![6]).toBe('입력값 그대로');
    for (const r of rows) expect(r[7], r[1]).not.toBe(''); // every column has a meaning
    const english = rowsOf((await app.inject('/api/v1/public/open-data/dictionary.csv?lang=en')).body);
    expect(english[0]![0]).toBe('File');
    expect(english.find((r) => r[1] === 'points')![6]).toBe('2 decimals');
  });

  it('writes English headers only on request, and CP949 that decodes to the same text', async () => {
    const ko = await app.inject('/api/v1/public/open-data/indicators-long.csv');
    const en = await app.inject({ url: '/api/v1/public/open-data/indicators-long.csv', headers: { 'accept-language': 'en' } });
    expect(en.body).toBe(ko.body); // Korean by default, whatever the browser says
    expect(rowsOf(ko.body)[0]!.slice(0, 2)).toEqual(['연도', '평가 체계 버전']);
    expect(rowsOf((await app.inject('/api/v1/public/open-data/indicators-long.csv?lang=en')).body)[0]!.slice(0, 2)).toEqual(['Year', 'Framework version']);
    for (const url of ['/api/v1/public/open-data/indicators-long.csv', '/api/v1/public/open-data/dictionary.csv', '/api/v1/public/cycles/2019/results.csv']) {
      const utf8 = (await app.inject(url)).body;
      const cp = await app.inject(`${url}?encoding=cp949`);
      expect(cp.statusCode).toBe(200);
      expect(cp.headers['content-type']).toBe('text/csv; charset=cp949');
      expect(cp.headers['content-disposition']).toContain('-cp949.csv');
      expect(cp.rawPayload[0]).not.toBe(0xef); // no UTF-8 byte-order mark
      const decoded = iconv.decode(cp.rawPayload, 'cp949');
      // The same text; only the en dashes and curly quotes CP949 has no code for are written as plain ones.
      expect(decoded).toBe(
        utf8
          .replace(/^\uFEFF/, '')
          .replace(/[–—−]/g, '-')
          .replace(/[‘’]/g, "'")
          .replace(/[“”]/g, '"'),
      );
      expect(decoded).toContain(url.includes('dictionary') ? '열 이름(한국어)' : '광진구');
      expect(decoded).not.toContain('\uFFFD');
    }
  });

  it('stores the long files like the other public downloads: one build, an ETag, 304 to a client that has them', async () => {
    for (const url of ['/api/v1/public/open-data/indicators-long.xlsx', '/api/v1/public/open-data/dictionary.csv?lang=en']) {
      const first = await app.inject(url);
      expect(first.headers['cache-control']).toBe('public, max-age=60');
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      const second = await app.inject(url);
      expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
      expect(second.headers.etag).toBe(etag);
      const revalidated = await app.inject({ url, headers: { 'if-none-match': etag } });
      expect(revalidated.statusCode).toBe(304);
    }
  });

  it('exports the audit log with Korean headers and Korea-time stamps (English headers on request)', async () => {
    const auditor = await signIn(app, 'auditor', PASSWORD);
    const json = (await auditor.request('GET', '/api/v1/audit?limit=5')).json() as { entries: Array<{ seq: number; at: string }> };
    const csv = await auditor.request('GET', '/api/v1/audit.csv?limit=5');
    expect(csv.statusCode).toBe(200);
    const [header, ...rows] = rowsOf(csv.body);
    expect(header).toEqual(['순번', '시각(KST)', '수행자', '작업', '대상 종류', '대상 ID', '기관 코드', '변경 전', '변경 후', '사유', '해시']);
    expect(rows).toHaveLength(5);
    rows.forEach((r, i) => {
      const entry = json.entries[i]!;
      expect(Number(r[0])).toBe(entry.seq);
      expect(r[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} KST$/);
      // The same instant: KST is UTC + 9 hours.
      const kst = new Date(`${r[1]!.replace(' KST', '').replace(' ', 'T')}+09:00`);
      expect(Math.floor(kst.getTime() / 1000)).toBe(Math.floor(new Date(entry.at).getTime() / 1000));
    });
    const english = rowsOf((await auditor.request('GET', '/api/v1/audit.csv?limit=1&lang=en')).body);
    expect(english[0]!.slice(0, 2)).toEqual(['Seq', 'Time (KST)']);
  });
});
