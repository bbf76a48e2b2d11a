import { Readable } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Principal } from '../../src/domain/auth.js';
import { listRecordTypes, seedRecordTypes } from '../../src/domain/activities/index.js';
import { activityRowValidator } from '../../src/domain/imports/bulk-record-validator.js';
import { ProblemCollector, RowResolver } from '../../src/domain/imports/bulk-row-resolver.js';
import { readCsvRows } from '../../src/domain/imports/csv-stream.js';
import { DomainError } from '../../src/domain/errors.js';
import { importRecordsCsv } from '../../src/domain/imports/index.js';
import { bom, csvLikeBytes, hostileCellText, quoteCsv } from '../helpers/fuzz-arbitraries.js';
import { CaseCounter, fuzzParams, runsFor } from '../helpers/fuzz-budget.js';
import { backends, type TestDatabase } from '../helpers/db.js';
import { nonFiniteValues, OWN, PASSWORD, principalOf, rowsOf, tableCounts, YEAR } from './fixture.js';

/**
 * The district CSV import (what POST …/imports runs for a .csv) with any bytes: a file is either committed whole —
 * exactly its rows added, one audit entry, every number finite — or refused with located problems and nothing
 * written but its failed history row. Nothing else may happen: no other exception, no partial write.
 */

const TYPED_HEADER = ['실적 일자', '기업명', '업종', '방문 목적', '발굴 일자리 수', '후속 조치 여부'];
const GENERIC_HEADER = ['org_unit_code', 'record_type', 'occurred_on', 'company_name', 'industry', 'purpose', 'jobs_found', 'follow_up'];

// Sound cells, with a hostile one now and then (text fields may hold tabs, backslashes, line breaks, quotes).
const sound = {
  date: fc.oneof(
    fc.integer({ min: 0, max: 360 }).map((d) => new Date(Date.UTC(2019, 8, 1) + d * 86_400_000).toISOString().slice(0, 10)),
    fc.constant('2020.3.5'),
  ),
  name: fc.oneof(
    fc.constantFrom('광진정밀', '성수식품', 'A사'),
    fc.string({ minLength: 1, maxLength: 20, unit: fc.constantFrom('가', 'a', '\t', '\\', '\n', '"', ',', '=', ' ', 'N') }),
  ),
  purpose: fc.constantFrom('구인 지원', '애로 해소', '정책 안내', '기타'),
  jobs: fc.oneof(fc.integer({ min: 0, max: 50 }).map(String), fc.constantFrom('1,200', '1e3', '1e400', '-1', '3.5')),
  flag: fc.constantFrom('예', '아니오', ''),
};
const rowOf = (soundWeight: number) => {
  const sometimes = (a: fc.Arbitrary<string>) => fc.oneof({ weight: soundWeight, arbitrary: a }, { weight: 1, arbitrary: hostileCellText });
  return fc.tuple(
    sometimes(sound.date),
    sometimes(sound.name),
    sometimes(fc.constant('')),
    sometimes(sound.purpose),
    sometimes(sound.jobs),
    sometimes(sound.flag),
  );
};
const typedRow = rowOf(6);
/** Rarely hostile: whole files of these often pass, so commits are exercised as much as refusals. */
const mostlySoundRow = rowOf(25);
/** A generic file: the district and type columns in front of the typed columns. */
const genericFile = fc
  .tuple(fc.array(typedRow, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n'))
  .map(([rows, nl]) => Buffer.from([GENERIC_HEADER.join(','), ...rows.map((r) => [OWN, 'company_visit', ...r].map(quoteCsv).join(','))].join(nl)));

/** Undoes COPY's text-format escaping of one column (what PostgreSQL does on the other side of the stream). */
function copyUnescape(col: string): string | null {
  if (col === '\\N') return null;
  return col.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v' })[c] ?? c);
}

describe.each(backends())('CSV import fuzzing on $name', (backend) => {
  let db: TestDatabase;
  let officer: Principal;
  const counter = new CaseCounter();
  const outcome = { committed: 0, refused: 0, rows: 0 };

  beforeAll(async () => {
    db = await backend.openDemo(PASSWORD);
    await seedRecordTypes(db.db);
    officer = await principalOf(db, `officer.${OWN}`);
  }, 120_000);
  afterAll(async () => {
    counter.report(`${backend.name}, CSV import`);
    console.log(
      `CSV import fuzz (${backend.name}): ${outcome.committed} files committed (${outcome.rows} rows), ${outcome.refused} refused with nothing written`,
    );
    await db?.destroy();
  });

  /** Imports one file and checks the all-or-nothing rule against the table counts before and after. */
  async function importChecked(bytes: Buffer, opts: { type?: string; encoding?: 'auto' | 'utf-8' | 'cp949' }) {
    const before = await tableCounts(db);
    try {
      const summary = await importRecordsCsv(
        db,
        officer,
        { year: YEAR, orgUnitCode: OWN, recordType: opts.type, encoding: opts.encoding ?? 'auto', fileName: 'fuzz.csv', size: bytes.length },
        () => Readable.from([bytes]),
      );
      const after = await tableCounts(db);
      expect(after.activity_records).toBe(before.activity_records! + summary.created);
      expect(after.audit_log).toBe(before.audit_log! + 1);
      expect(after.imports).toBe(before.imports! + 1);
      expect(await nonFiniteValues(db, summary.importId)).toEqual([]);
      outcome.committed++;
      outcome.rows += summary.created;
    } catch (err) {
      if (!(err instanceof DomainError) || err.kind !== 'invalid') throw err;
      const after = await tableCounts(db);
      // A refused file leaves only its failed history row (none when refused before reading: an unknown type).
      expect({ ...after, imports: 0 }).toEqual({ ...before, imports: 0 });
      expect(after.imports! - before.imports!).toBeLessThanOrEqual(1);
      if (err.code === 'import_invalid') expect(err.problems.length).toBeGreaterThan(0);
      outcome.refused++;
    }
  }

  // The streaming pipeline short of the database — decoding, CSV parsing, header and row resolution, validation,
  // COPY encoding — is the same on both backends: fuzzed once, hard.
  it.runIf(backend.name === 'pglite')(
    'turns any bytes into located problems or COPY lines that decode to exactly the validated row',
    async () => {
      const units = rowsOf<{ id: number; code: string; name: string }>(await db.db.execute(sql`SELECT id, code, name FROM org_units`));
      const types = await listRecordTypes(db.db);
      const ownId = units.find((u) => u.code === OWN)!.id;
      const stats = { lines: 0, problems: 0 };
      await fc.assert(
        fc.asyncProperty(fc.oneof(csvLikeBytes(GENERIC_HEADER), genericFile), fc.constantFrom('auto', 'utf-8', 'cp949'), async (bytes, encoding) => {
          counter.hit('csv pipeline bytes');
          const collector = new ProblemCollector(100);
          const resolver = new RowResolver(units, types, { allowedOrgUnitCodes: [OWN] }, collector);
          const validate = activityRowValidator();
          try {
            for await (const row of readCsvRows(Readable.from([bytes]), { encoding: encoding as 'auto' })) {
              if (!resolver.hasHeader) {
                resolver.readHeader(row);
                if (collector.count > 0) break;
                continue;
              }
              const line = resolver.toCopyLine(row, validate, 7, '\\N');
              if (line === null) continue;
              stats.lines++;
              // One row, six columns, the unit allowed, a real date, data that is JSON with finite numbers only.
              expect(line.endsWith('\n')).toBe(true);
              const cols = line.slice(0, -1).split('\t');
              expect(cols).toHaveLength(6);
              expect(Number(cols[0])).toBe(ownId);
              expect(cols[2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
              const data = JSON.parse(copyUnescape(cols[3]!)!) as Record<string, unknown>;
              for (const [k, v] of Object.entries(data)) {
                if (typeof v === 'number') expect(Number.isFinite(v), `${k}=${v}`).toBe(true);
              }
              expect(cols.slice(4)).toEqual(['7', '\\N']);
            }
          } catch (err) {
            if (!(err instanceof DomainError) || err.kind !== 'invalid') throw err;
            expect(err.problems.length + (err.msg ? 1 : 0)).toBeGreaterThan(0);
          }
          stats.problems += collector.count;
        }),
        fuzzParams('csv pipeline bytes'),
      );
      console.log(`CSV pipeline fuzz: ${stats.lines} rows encoded for COPY and decoded back, ${stats.problems} problems located`);
      expect(stats.lines).toBeGreaterThan(runsFor('csv pipeline bytes') / 4);
      expect(counter.get('csv pipeline bytes')).toBe(runsFor('csv pipeline bytes'));
    },
    300_000,
  );

  it('commits or refuses whole any bytes sent as a CSV file, with or without a record type', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          csvLikeBytes(TYPED_HEADER).map((b) => ({ b, type: 'company_visit' })),
          csvLikeBytes(GENERIC_HEADER).map((b) => ({ b, type: undefined })),
        ),
        fc.constantFrom('auto', 'utf-8', 'cp949'),
        async ({ b, type }, encoding) => {
          counter.hit('csv import bytes');
          await importChecked(b, { ...(type ? { type } : {}), encoding: encoding as 'auto' });
        },
      ),
      fuzzParams('csv import bytes', backend.name),
    );
    expect(counter.get('csv import bytes')).toBe(runsFor('csv import bytes', backend.name));
  }, 300_000);

  it('commits or refuses whole well-formed files with hostile cells, in UTF-8 (BOM or not) and CP949', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mostlySoundRow, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('utf-8', 'cp949'),
        bom,
        fc.constantFrom('\n', '\r\n'),
        async (rows, encoding, mark, nl) => {
          counter.hit('csv import structured');
          const text = [TYPED_HEADER.join(','), ...rows.map((r) => r.map(quoteCsv).join(','))].join(nl);
          const bytes = encoding === 'cp949' ? iconv.encode(text, 'cp949') : Buffer.concat([mark, Buffer.from(text, 'utf8')]);
          await importChecked(bytes, { type: 'company_visit' });
        },
      ),
      {
        ...fuzzParams('csv import structured', backend.name),
        examples: [[[['2020-01-05', '예시회사', '', '기타', '3', '예']], 'utf-8', Buffer.alloc(0), '\n']],
      },
    );
    expect(counter.get('csv import structured')).toBe(runsFor('csv import structured', backend.name));
    // Commits must be exercised as much as refusals (on the server's small share, at least the sound example).
    expect(outcome.committed).toBeGreaterThan(backend.name === 'pglite' ? runsFor('csv import structured') / 10 : 0);
  }, 300_000);
});
