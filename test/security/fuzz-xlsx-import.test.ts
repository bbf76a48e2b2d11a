import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRecordTypes } from '../../src/domain/activities/index.js';
import type { Principal } from '../../src/domain/auth.js';
import { DomainError } from '../../src/domain/errors.js';
import { bufferSource } from '../../src/domain/evidence/index.js';
import { loadDistrictCycle, type DistrictCycle } from '../../src/domain/imports/import-context.js';
import { importWorkbook, readSafeXlsx } from '../../src/domain/imports/index.js';
import { readWorkbook } from '../../src/domain/imports/read-workbook.js';
import { validateWorkbook } from '../../src/domain/imports/validate-workbook.js';
import { hostileNumber, hostileString } from '../helpers/fuzz-arbitraries.js';
import { CaseCounter, fuzzParams, runsFor } from '../helpers/fuzz-budget.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { nonFiniteValues, OWN, PASSWORD, principalOf, tableCounts, YEAR } from './fixture.js';

/**
 * The workbook import with well-structured workbooks holding anything in their cells (control characters,
 * formulas with and without cached results, error cells, NaN/Infinity, huge numbers, invalid dates, rich text),
 * with random bytes, and with damaged archives: a workbook is committed whole — every number finite — or refused
 * with located problems and nothing written but its failed history row.
 */

const SHEET = '기업방문';
const HEADERS = ['실적 일자 *', '기업명 *', '업종', '방문 목적 *', '발굴 일자리 수 (개) *', '후속 조치 여부', '실적 ID (수정 금지)', '버전 (수정 금지)'];
const KEYS = ['occurred_on', 'company_name', 'industry', 'purpose', 'jobs_found', 'follow_up', '_id', '_version'];
const VALUES_SHEET = '지표값';

/** Any value exceljs can put in a cell, the nasty ones over-represented. */
const hostileCell: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  { weight: 3, arbitrary: hostileString(30) },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.date({ noInvalidDate: false, min: new Date(-8.64e15), max: new Date(8.64e15) }) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        formula: fc.constantFrom('1+1', 'A1*2', 'SUM(E3:E9)', 'HYPERLINK("http://evil.example","x")', "cmd|' /C calc'!A0"),
        result: fc.oneof(hostileNumber, hostileString(10)),
      },
      { requiredKeys: ['formula'] },
    ) as fc.Arbitrary<ExcelJS.CellValue>,
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<ExcelJS.CellValue>(
      { error: '#N/A' } as ExcelJS.CellErrorValue,
      { error: '#DIV/0!' } as ExcelJS.CellErrorValue,
      { error: '#REF!' } as ExcelJS.CellErrorValue,
    ),
  },
  { weight: 1, arbitrary: fc.array(hostileString(10), { minLength: 1, maxLength: 3 }).map((t) => ({ richText: t.map((text) => ({ text })) })) },
  { weight: 1, arbitrary: hostileString(10).map((text) => ({ text, hyperlink: 'javascript:alert(1)' })) },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** A sound value for each template column, so that many workbooks pass and the commit path is exercised too. */
const soundCell: Record<string, fc.Arbitrary<ExcelJS.CellValue>> = {
  occurred_on: fc.integer({ min: 0, max: 360 }).map((d) => new Date(Date.UTC(2019, 8, 1) + d * 86_400_000)),
  company_name: fc.constantFrom('광진정밀', '성수식품', '=주식회사', '@회사'),
  industry: fc.constantFrom('제조업', null),
  purpose: fc.constantFrom('구인 지원', '애로 해소', '정책 안내', '기타'),
  jobs_found: fc.integer({ min: 0, max: 99 }),
  follow_up: fc.constantFrom('예', '아니오', null),
  _id: fc.constant(null),
  _version: fc.constant(null),
};

const recordRow = (hostileWeight: number) =>
  fc.tuple(...KEYS.map((k) => fc.oneof({ weight: 12, arbitrary: soundCell[k]! }, { weight: hostileWeight, arbitrary: hostileCell })));

const valueRow = fc.tuple(fc.constantFrom('J2', 'J5', 'S6', 'X9', ''), fc.oneof(hostileNumber, hostileCell), fc.oneof(fc.constant(null), hostileString(20)));

interface Sheets {
  records: ExcelJS.CellValue[][];
  values: Array<[string, ExcelJS.CellValue, ExcelJS.CellValue]>;
  keyRow: boolean;
}

/** A workbook shaped like the template (header, hidden key row, data), holding the given cells. */
async function workbook(s: Sheets): Promise<Buffer | null> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.addRow(HEADERS);
  if (s.keyRow) ws.addRow(KEYS);
  for (const r of s.records) ws.addRow(r);
  if (s.values.length > 0) {
    const vs = wb.addWorksheet(VALUES_SHEET);
    vs.addRow(['지표 코드', '지표명', '단위', '값', '비고']);
    vs.addRow(['code', 'name', 'unit', 'value', 'comment']);
    for (const [code, value, comment] of s.values) vs.addRow([code, null, null, value, comment]);
  }
  try {
    return Buffer.from(await wb.xlsx.writeBuffer());
  } catch {
    return null; // exceljs itself cannot write this cell: not a file anyone can upload
  }
}

const sheetsArb = (hostileWeight: number): fc.Arbitrary<Sheets> =>
  fc.record({
    records: fc.array(recordRow(hostileWeight), { minLength: 0, maxLength: 5 }),
    values: fc.array(valueRow, { maxLength: 3 }),
    keyRow: fc.boolean(),
  });

describe.each(backends())('xlsx import fuzzing on $name', (backend) => {
  let db: TestDatabase;
  let officer: Principal;
  let ctx: DistrictCycle;
  let good: Buffer;
  const counter = new CaseCounter();
  const outcome = { committed: 0, refused: 0, records: 0 };
  // The event loop's delay while imports run (reading a workbook happens on a worker thread), against the same
  // machine's delay with nothing running: the imports may add less than 100 ms.
  // One monitor per import (a monitor enabled again would count the time it was off as one long delay).
  const loop = { max: 0, samples: [] as number[] };
  let quietLoopMs = 0;

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await seedRecordTypes(db.db);
    officer = await principalOf(db, `officer.${OWN}`);
    ctx = await loadDistrictCycle(db.db, YEAR, OWN);
    good = (await workbook({ records: [[new Date(Date.UTC(2020, 0, 5)), '좋은회사', null, '기타', 2, '예', null, null]], values: [], keyRow: true }))!;
    const quiet = monitorEventLoopDelay({ resolution: 10 });
    quiet.enable();
    await sleep(1000);
    quiet.disable();
    quietLoopMs = quiet.max / 1e6;
  }, 120_000);
  afterAll(async () => {
    counter.report(`${backend.name}, xlsx import`);
    console.log(
      `xlsx import fuzz (${backend.name}): event-loop delay while importing max ${Math.round(loop.max / 1e6)} ms over ${loop.samples.length} imports (quiet machine ${Math.round(quietLoopMs)} ms)`,
    );
    console.log(
      `xlsx import fuzz (${backend.name}): ${outcome.committed} workbooks committed (${outcome.records} records), ${outcome.refused} refused with nothing written`,
    );
    await db?.destroy();
  });

  /** Imports one workbook and checks the all-or-nothing rule against the table counts before and after. */
  async function importChecked(bytes: Buffer) {
    const before = await tableCounts(db);
    try {
      const monitor = monitorEventLoopDelay({ resolution: 10 });
      monitor.enable();
      const summary = await importWorkbook(db, officer, { year: YEAR, orgUnitCode: OWN, file: { fileName: 'fuzz.xlsx', source: bufferSource(bytes) } }).finally(
        () => {
          monitor.disable();
          if (monitor.count > 0) {
            loop.max = Math.max(loop.max, monitor.max);
            loop.samples.push(monitor.max);
          }
        },
      );
      const after = await tableCounts(db);
      expect(after.activity_records).toBe(before.activity_records! + summary.created);
      expect(after.imports).toBe(before.imports! + 1);
      expect(after.audit_log).toBeGreaterThan(before.audit_log!);
      expect(await nonFiniteValues(db, summary.importId)).toEqual([]);
      outcome.committed++;
      outcome.records += summary.created;
    } catch (err) {
      if (!(err instanceof DomainError) || err.kind !== 'invalid') throw err;
      expect(['import_invalid', 'not_xlsx', 'zip_bomb', 'xlsx_limit_exceeded']).toContain(err.code);
      const after = await tableCounts(db);
      expect({ ...after, imports: 0 }).toEqual({ ...before, imports: 0 });
      expect(after.imports! - before.imports!).toBeLessThanOrEqual(1);
      for (const p of err.problems) expect(p.message.ko.length * p.message.en.length).toBeGreaterThan(0);
      outcome.refused++;
    }
  }

  it.runIf(backend.name === 'pglite')(
    'reads any cells into located problems or a plan whose every value is finite and dated within the period',
    async () => {
      let planned = 0;
      await fc.assert(
        fc.asyncProperty(sheetsArb(3), async (sheets) => {
          counter.hit('xlsx pipeline cells');
          const bytes = await workbook(sheets);
          if (!bytes) return;
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load((await readSafeXlsx(bufferSource(bytes))) as never);
          const read = readWorkbook(wb, ctx.recordTypes);
          const { plan, problems } = validateWorkbook(read, ctx, new Map());
          for (const p of [...read.problems, ...problems]) {
            expect(p.sheet === undefined || [SHEET, VALUES_SHEET].includes(p.sheet)).toBe(true);
            expect(p.message.ko && p.message.en).toBeTruthy();
          }
          for (const r of plan.records) {
            planned++;
            expect(r.occurredOn >= ctx.period.start && r.occurredOn <= ctx.period.end, r.occurredOn).toBe(true);
            for (const [k, v] of Object.entries(r.data)) if (typeof v === 'number') expect(Number.isFinite(v), `${k}=${v}`).toBe(true);
          }
          for (const v of plan.values) expect(Number.isFinite(v.value), `${v.indicatorCode}=${v.value}`).toBe(true);
        }),
        fuzzParams('xlsx pipeline cells'),
      );
      console.log(`xlsx pipeline fuzz: ${planned} planned records checked`);
      expect(counter.get('xlsx pipeline cells')).toBe(runsFor('xlsx pipeline cells'));
      expect(planned).toBeGreaterThan(runsFor('xlsx pipeline cells') / 4);
    },
    300_000,
  );

  it('commits whole or refuses with nothing written any workbook of hostile cells', async () => {
    await fc.assert(
      fc.asyncProperty(sheetsArb(1), async (sheets) => {
        counter.hit('xlsx import cells');
        const bytes = await workbook(sheets);
        if (bytes) await importChecked(bytes);
      }),
      // One sound workbook among them, so the commit path runs even on a small share.
      {
        ...fuzzParams('xlsx import cells', backend.name),
        examples: [[{ records: [[new Date(Date.UTC(2020, 0, 6)), '예시회사', null, '기타', 1, '예', null, null]], values: [], keyRow: true }]],
      },
    );
    expect(counter.get('xlsx import cells')).toBe(runsFor('xlsx import cells', backend.name));
    expect(outcome.committed).toBeGreaterThan(0);
    expect(loop.max / 1e6).toBeLessThan(quietLoopMs + 100);
  }, 300_000);

  it('refuses random bytes uploaded as a workbook, with or without a ZIP signature', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('none', 'zip', 'empty-zip', 'pdf'), async (raw, prefix) => {
        counter.hit('xlsx import bytes');
        const head = { none: [], zip: [0x50, 0x4b, 0x03, 0x04], 'empty-zip': [0x50, 0x4b, 0x05, 0x06], pdf: [...Buffer.from('%PDF-1.4\n')] }[prefix];
        const before = outcome.committed;
        await importChecked(Buffer.concat([Buffer.from(head), raw]));
        expect(outcome.committed).toBe(before);
      }),
      fuzzParams('xlsx import bytes', backend.name),
    );
    expect(counter.get('xlsx import bytes')).toBe(runsFor('xlsx import bytes', backend.name));
    expect(loop.max / 1e6).toBeLessThan(quietLoopMs + 100);
  }, 300_000);

  it('commits whole or refuses a damaged workbook: flipped, zeroed, truncated or spliced bytes', async () => {
    const damage = fc.oneof(
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }).map((flips) => (b: Buffer) => {
        const c = Buffer.from(b);
        for (const [at, v] of flips) c[at % c.length] = v;
        return c;
      }),
      fc.nat().map((n) => (b: Buffer) => b.subarray(0, n % b.length)),
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 400 })).map(([at, len]) => (b: Buffer) => {
        const c = Buffer.from(b);
        c.fill(0, at % c.length, Math.min(c.length, (at % c.length) + len));
        return c;
      }),
      fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(
        ([at, junk]) =>
          (b: Buffer) =>
            Buffer.concat([b.subarray(0, at % b.length), junk, b.subarray(at % b.length)]),
      ),
    );
    await fc.assert(
      fc.asyncProperty(damage, async (spoil) => {
        counter.hit('xlsx import damaged zip');
        await importChecked(spoil(good));
      }),
      fuzzParams('xlsx import damaged zip', backend.name),
    );
    expect(counter.get('xlsx import damaged zip')).toBe(runsFor('xlsx import damaged zip', backend.name));
    expect(loop.max / 1e6).toBeLessThan(quietLoopMs + 100);
  }, 300_000);
});
