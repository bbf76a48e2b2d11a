import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../src/db/client.js';
import { activityRecords, imports } from '../../src/db/schema.js';
import { seedRecordTypes } from '../../src/domain/activities/index.js';
import { verifyAuditChain } from '../../src/domain/audit.js';
import { importActivityCsv, type ActivityCsvImportOptions } from '../../src/domain/imports/bulk-copy.js';
import { seedReferenceUnits } from '../../src/domain/seed.js';
import { activityCsv, writeActivityCsv } from '../fixtures/activity-csv.js';
import { backends, type Backend, type TestDatabase } from '../helpers/db.js';

const actor = { userId: null, label: 'officer.11215' };
const root = path.resolve(import.meta.dirname, '../..');

/** Feeds bytes in small chunks, so multi-byte characters and the BOM get split across chunk boundaries. */
const chunked = (bytes: Buffer, size = 7) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    })(),
  );

async function countRecords(db: Database): Promise<number> {
  const [r] = await db.db.select({ n: sql<number>`count(*)::int` }).from(activityRecords);
  return r?.n ?? -1;
}

const header = 'org_unit_code,record_type,occurred_on,company_name,industry,purpose,jobs_found,follow_up';

async function openSeeded(backend: Backend): Promise<TestDatabase> {
  const db = await backend.open();
  await seedReferenceUnits(db.db);
  await seedRecordTypes(db.db);
  return db;
}

describe.each(backends())('bulk CSV import of activity records on $name', (backend) => {
  // One database for the file (opening one costs seconds); every check is relative to the import it made.
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openSeeded(backend);
  });
  afterAll(async () => db?.destroy());

  const run = (bytes: Buffer | Readable, opts: Partial<ActivityCsvImportOptions> = {}) =>
    importActivityCsv(db, Buffer.isBuffer(bytes) ? chunked(bytes, 4096) : bytes, { fileName: 'records.csv', actor, ...opts });

  const recordsOf = async (importId: number) =>
    (
      await db.db
        .select({ orgUnitId: activityRecords.orgUnitId, occurredOn: activityRecords.occurredOn, data: activityRecords.data })
        .from(activityRecords)
        .where(eq(activityRecords.importId, importId))
        .orderBy(activityRecords.id)
    ).map((r) => ({ ...r, occurredOn: String(r.occurredOn) }));

  it('reads UTF-8 with a BOM and CP949 with Korean headers into the same rows', async () => {
    const utf8 = await run(chunked(activityCsv({ rows: 300, encoding: 'utf-8-bom', headers: 'korean' })));
    const cp949 = await run(chunked(activityCsv({ rows: 300, encoding: 'cp949', headers: 'korean' })));
    const plain = await run(chunked(activityCsv({ rows: 300, encoding: 'utf-8' })));
    expect(utf8).toMatchObject({ status: 'committed', inserted: 300, encoding: 'utf-8', errorCount: 0 });
    expect(cp949).toMatchObject({ status: 'committed', inserted: 300, encoding: 'cp949', errorCount: 0 });
    expect(plain).toMatchObject({ status: 'committed', inserted: 300, encoding: 'utf-8' });
    const a = await recordsOf(utf8.importId);
    expect(a).toHaveLength(300);
    expect(await recordsOf(cp949.importId)).toEqual(a);
    expect(await recordsOf(plain.importId)).toEqual(a);
    expect(JSON.stringify(a)).toContain('(주)');
  });

  it('reports all 5 bad rows with line and column and writes nothing', async () => {
    const before = await countRecords(db);
    const csv = [
      header,
      '11215,company_visit,2019-03-04,(주)희망,,구인 지원,3,Y',
      '99999,company_visit,2019-03-04,(주)희망,,구인 지원,3,Y', // line 3: unknown district
      '11215,company_visit,2019-02-30,(주)희망,,구인 지원,3,Y', // line 4: no such date
      '11215,company_visit,2019-03-05,"(주)여러 줄',
      '기업",,구인 지원,3,Y', // lines 5–6: one record over two lines, valid
      '11215,company_visit,2019-03-06,(주)희망,,구인 지원,-2,Y', // line 7: negative count
      '11215,nonexistent_type,2019-03-06,(주)희망,,구인 지원,1,Y', // line 8: unknown type
      '',
      '11215,company_visit,2019-03-07,(주)희망,,구인 지원,1', // line 10: a column short
    ].join('\n');
    const r = await run(Buffer.from(csv));
    expect(r).toMatchObject({ status: 'failed', inserted: 0, errorCount: 5, rows: 7 });
    expect(r.errors.map((e) => [e.row, e.column ?? null])).toEqual([
      [3, 'org_unit_code'],
      [4, 'occurred_on'],
      [7, 'jobs_found'],
      [8, 'record_type'],
      [10, null],
    ]);
    for (const e of r.errors) {
      expect(e.message.ko).toMatch(/[가-힣]/);
      expect(e.message.en).toMatch(/[a-z]/);
    }
    expect(await countRecords(db)).toBe(before);
    const [row] = await db.db.select().from(imports).where(eq(imports.id, r.importId));
    expect(row).toMatchObject({ status: 'failed', errorCount: 5, totalRows: 7 });
    expect(row?.errors).toHaveLength(5);
  });

  it('caps the stored problems but counts them all', async () => {
    const bad = [header, ...Array.from({ length: 30 }, (_, i) => `11215,company_visit,2019-13-0${(i % 9) + 1},x,,구인 지원,1,Y`)];
    const r = await run(Buffer.from(bad.join('\n')), { maxStoredErrors: 10 });
    expect(r).toMatchObject({ status: 'failed', errorCount: 30 });
    expect(r.errors).toHaveLength(10);
    const [row] = await db.db.select().from(imports).where(eq(imports.id, r.importId));
    expect(row?.errorCount).toBe(30);
  });

  it('commits 20,000 rows in one transaction with progress, the import row and an audit entry', async () => {
    const bytes = activityCsv({ rows: 20_000, seed: 7 });
    const seen: number[] = [];
    let lastFraction = 0;
    const r = await run(Readable.from([bytes]), {
      totalBytes: bytes.length,
      batchRows: 6000,
      onProgress: (p) => {
        seen.push(p.rows);
        lastFraction = p.fraction ?? -1;
      },
    });
    expect(r).toMatchObject({ status: 'committed', rows: 20_000, inserted: 20_000, errorCount: 0 });
    expect(await recordsOf(r.importId)).toHaveLength(20_000);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(seen.at(-1)).toBe(20_000);
    expect(lastFraction).toBe(1);
    const [row] = await db.db.select().from(imports).where(eq(imports.id, r.importId));
    expect(row).toMatchObject({ status: 'committed', totalRows: 20_000, errorCount: 0, summary: { inserted: 20_000 } });
    expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true });
  });

  it('keeps a district officer to their own district', async () => {
    const csv = [header, '11215,company_visit,2019-03-04,A,,기타,1,', '11230,company_visit,2019-03-04,B,,기타,1,'].join('\n');
    const r = await run(Buffer.from(csv), { allowedOrgUnitCodes: ['11215'] });
    expect(r).toMatchObject({ status: 'failed', errorCount: 1, errors: [{ row: 3, column: 'org_unit_code' }] });
  });

  it('stops at a quote that is never closed and names the line', async () => {
    const csv = [header, '11215,company_visit,2019-03-04,A,,기타,1,', '11215,company_visit,2019-03-04,"A,,기타,1,'].join('\n');
    const before = await countRecords(db);
    const r = await run(Buffer.from(csv));
    expect(r).toMatchObject({ status: 'failed', errorCount: 1, errors: [{ row: 3 }] });
    expect(await countRecords(db)).toBe(before);
  });

  it('refuses a file with a missing column, a repeated column or nothing at all', async () => {
    const missing = await run(Buffer.from('org_unit_code,occurred_on,company_name\n11215,2019-03-04,A\n'));
    expect(missing.errors).toEqual([expect.objectContaining({ path: 'header', row: 1 })]);
    expect(missing.errors[0]?.message.en).toMatch(/record_type/);
    const twice = await run(Buffer.from(`${header},jobs_found\n`));
    expect(twice.errors[0]?.message.en).toMatch(/twice/);
    const empty = await run(Buffer.alloc(0));
    expect(empty).toMatchObject({ status: 'failed', errorCount: 1 });
  });

  it('rejects a cell for a column that is not a field of the row’s type', async () => {
    const csv = `${header},hires\n11215,company_visit,2019-03-04,A,,기타,1,,5\n`;
    const r = await run(Buffer.from(csv));
    expect(r).toMatchObject({ status: 'failed', errors: [{ row: 2, column: 'hires' }] });
  });

  it('reports UTF-8 that turns invalid half-way at its line', async () => {
    const good = Buffer.from(`${header}\n11215,company_visit,2019-03-04,광진,,기타,1,\n`);
    const cp949Line = iconv.encode('11215,company_visit,2019-03-05,광진,,기타,1,\n', 'cp949');
    // Two chunks: the first decides UTF-8, the second breaks it.
    const r = await run(Readable.from([good, cp949Line]));
    expect(r).toMatchObject({ status: 'failed', errors: [{ row: 3 }] });
    expect(r.errors[0]?.message.en).toMatch(/not UTF-8/);
  });
});

describe.each(backends())('an import killed half-way on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openSeeded(backend);
  });
  afterEach(async () => db?.destroy());

  const run = (bytes: Buffer) => importActivityCsv(db, chunked(bytes, 4096), { fileName: 'records.csv', actor });

  it('leaves the records as they were when the importing process is killed', { timeout: 120_000 }, async () => {
    await run(Buffer.from(`${header}\n11215,company_visit,2019-03-04,before,,기타,1,\n`));
    const before = await countRecords(db);
    expect(before).toBe(1);
    const dir = mkdtempSync(path.join(tmpdir(), 'hj-kill-'));
    try {
      const file = path.join(dir, 'big.csv');
      await writeActivityCsv(file, { rows: 200_000, seed: 9 });
      let target: string[];
      if (db.url) target = ['--pg', db.url];
      else {
        // PGlite allows one process per data directory: hand it to the child, reopen after the kill.
        await db.close();
        target = ['--pglite', db.dataDir!, '--batch-rows', '5000'];
      }
      const reached = await runAndKill(['test/fixtures/bulk-import-child.ts', ...target, '--file', file], 30_000);
      expect(reached).toBeGreaterThanOrEqual(30_000);
      const after = db.url ? db : await openPglite(db.dataDir!);
      try {
        expect(await countRecords(after)).toBe(before);
        const [stale] = await after.db
          .select()
          .from(imports)
          .where(sql`${imports.fileName} = 'kill-test.csv'`);
        expect(stale?.status).toBe('validating');
        // The database is usable afterwards: a new import commits.
        const again = await importActivityCsv(after, chunked(activityCsv({ rows: 50 }), 999), { fileName: 'after.csv', actor });
        expect(again.status).toBe('committed');
        expect(await countRecords(after)).toBe(before + 50);
      } finally {
        if (after !== db) await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Spawns the import child, waits until it has processed `atRows` rows, kills it with SIGKILL; returns rows seen. */
function runAndKill(args: string[], atRows: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let rows = 0;
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      for (const m of text.matchAll(/rows (\d+)/g)) rows = Math.max(rows, Number(m[1]));
      if (/done /.test(text) && !killed) reject(new Error(`the import finished before it could be killed (${rows} rows)`));
      if (rows >= atRows && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(rows);
      else reject(new Error(`child exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

describe('server connections after a failed import', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)('are returned clean to the pool', async () => {
    const server = backends().find((b) => b.name === 'postgres')!;
    const db = await server.open();
    // One connection only: a connection left inside a failed COPY or transaction would break the next import.
    const single = await openPostgres(db.url!, { max: 1 });
    try {
      await seedReferenceUnits(db.db);
      await seedRecordTypes(db.db);
      const bad = Buffer.from(`${header}\n11215,company_visit,2019-13-01,A,,기타,1,\n`);
      for (let i = 0; i < 3; i++) {
        const r = await importActivityCsv(single, Readable.from([bad]), { fileName: 'bad.csv', actor });
        expect(r.status).toBe('failed');
      }
      const ok = await importActivityCsv(single, Readable.from([activityCsv({ rows: 10 })]), { fileName: 'ok.csv', actor });
      expect(ok.status).toBe('committed');
      expect(await countRecords(single)).toBe(10);
    } finally {
      await single.close();
      await db.destroy();
    }
  });
});
