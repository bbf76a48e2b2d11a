/**
 * Import benchmark (`npm run bench:import`, or `npx tsx bench/import.ts [--rows N] [--pglite] [--pglite-rows N]`).
 *
 * On a PostgreSQL server (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test),
 * in a scratch database created for the run and dropped after it, with the same generated CSV of N activity
 * records (default 1,000,000, seeded):
 *   (a) `psql \copy` of the file into a bare table of text columns — the baseline: no parsing in Node, no checks;
 *   (b) our validated import (importActivityCsv) into activity_records — decode, parse, validate every row, COPY;
 *   (c) `psql \copy` of exactly the rows (b) produced, in COPY format, into activity_records — what the database
 *       itself needs to load those rows with the table's foreign keys, indexes and jsonb, i.e. the floor for (b).
 * Prints rows/s of each, the ratios (b)/(a) and (b)/(c), and the peak RSS of this process during (b).
 * With --pglite, also (b) on an embedded PGlite database.
 */
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPglite, openPostgres } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { seedRecordTypes } from '../src/domain/activities/index.js';
import { systemActor } from '../src/domain/audit.js';
import { importActivityCsv } from '../src/domain/imports/bulk-copy.js';
import { seedReferenceUnits } from '../src/domain/seed.js';
import { writeActivityCsv } from '../test/fixtures/activity-csv.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '2019' },
    pglite: { type: 'boolean', default: false },
    'pglite-rows': { type: 'string', default: '200000' },
  },
});
const rows = Number(values.rows);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const work = mkdtempSync(path.join(tmpdir(), 'hopejobs-bench-import-'));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
const fmt = (n: number) => n.toLocaleString('en-US');

function psql(url: string, command: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', command], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`psql failed: ${stderr}`))));
  });
}

async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hj_bench_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** CPU time (ms) of a local process from /proc, or null when the server runs elsewhere. */
function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/**
 * Runs our import on a one-connection pool (so the server process doing the COPY is known) and samples this
 * process's RSS meanwhile.
 */
async function ourImport(url: string, file: string) {
  const db = await openPostgres(url, { max: 1 });
  const backendPid = (await db.raw.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const serverCpuBefore = processCpuMs(backendPid);
  const size = statSync(file).size;
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  const atQuarters: string[] = [];
  let nextQuarter = 0.25;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await importActivityCsv(db, createReadStream(file, { highWaterMark: 256 * 1024 }), {
    fileName: path.basename(file),
    actor: systemActor,
    totalBytes: size,
    onProgress: (p) => {
      if ((p.fraction ?? 0) >= nextQuarter && nextQuarter < 1) {
        atQuarters.push(`${Math.round(nextQuarter * 100)}%: ${mb(process.memoryUsage.rss())}`);
        nextQuarter += 0.25;
      }
    },
  });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const serverCpuAfter = processCpuMs(backendPid);
  await db.close();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  if (result.status !== 'committed' || result.inserted !== rows) {
    throw new Error(`import did not commit all rows: ${JSON.stringify({ ...result, errors: result.errors.slice(0, 3) })}`);
  }
  const serverCpuMs = serverCpuBefore !== null && serverCpuAfter !== null ? serverCpuAfter - serverCpuBefore : null;
  return { ms, rssBefore, peak, atQuarters, cpuMs: (cpu.user + cpu.system) / 1000, serverCpuMs };
}

async function main() {
  console.log(`import benchmark: ${fmt(rows)} activity records · node ${process.version} · ${cpus().length} cores · ${mb(totalmem())} RAM`);
  const file = path.join(work, 'activity-records.csv');
  let t = performance.now();
  const size = await writeActivityCsv(file, { rows, seed: Number(values.seed) });
  console.log(`generated ${path.basename(file)}: ${mb(size)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const scratch = await scratchDatabase();
  const db = await openPostgres(scratch.url, { max: 4 });
  try {
    await migrate(db);
    await seedReferenceUnits(db.db);
    await seedRecordTypes(db.db);
    const server = (await db.raw.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v;
    console.log(`PostgreSQL ${server} (scratch database, dropped afterwards)`);

    await db.raw.exec(
      `CREATE TABLE bench_copy_baseline (org_unit_code text, record_type text, occurred_on text, company_name text,
         industry text, purpose text, jobs_found text, follow_up text)`,
    );
    const baselineMs = await psql(scratch.url, `\\copy bench_copy_baseline FROM '${file}' WITH (FORMAT csv, HEADER true)`);

    const ours = await ourImport(scratch.url, file);

    // The floor: the same rows, already in COPY format, loaded by psql into the real table.
    const dump = path.join(work, 'activity-records.copy');
    const columns = 'org_unit_id, record_type_id, occurred_on, data, import_id, created_by';
    await psql(scratch.url, `\\copy (SELECT ${columns} FROM activity_records) TO '${dump}'`);
    await db.raw.exec('TRUNCATE activity_records');
    const floorMs = await psql(scratch.url, `\\copy activity_records (${columns}) FROM '${dump}'`);

    const a = rate(rows, baselineMs);
    const b = rate(rows, ours.ms);
    const c = rate(rows, floorMs);
    console.log('');
    console.log(`(a) psql \\copy into a bare text table   ${fmt(a).padStart(9)} rows/s  (${(baselineMs / 1000).toFixed(1)} s)`);
    console.log(`(b) our validated import                ${fmt(b).padStart(9)} rows/s  (${(ours.ms / 1000).toFixed(1)} s)`);
    console.log(`(c) psql \\copy of (b)'s rows into activity_records ${fmt(c).padStart(9)} rows/s  (${(floorMs / 1000).toFixed(1)} s)`);
    console.log(`ratio ours / \\copy baseline (goal ≥ 0.5): ${(b / a).toFixed(2)}`);
    console.log(`ratio ours / database floor for activity_records: ${(b / c).toFixed(2)}`);
    const perRow = (ms: number) => `${(ms / 1000).toFixed(1)} s = ${((ms * 1000) / rows).toFixed(1)} µs/row`;
    console.log(
      `CPU during (b): our process ${perRow(ours.cpuMs)} (decode, parse, validate, send)` +
        (ours.serverCpuMs !== null ? `; the server process ${perRow(ours.serverCpuMs)} (COPY, foreign keys, indexes)` : ''),
    );
    console.log(`RSS: ${mb(ours.rssBefore)} before, peak ${mb(ours.peak)} during the import; at ${ours.atQuarters.join(', ')}`);
  } finally {
    await db.close();
    await scratch.drop();
  }

  if (values.pglite) {
    const n = Number(values['pglite-rows']);
    const small = path.join(work, 'pglite.csv');
    await writeActivityCsv(small, { rows: n, seed: Number(values.seed) });
    const lite = await openPglite(path.join(work, 'pglite'));
    try {
      await migrate(lite);
      await seedReferenceUnits(lite.db);
      await seedRecordTypes(lite.db);
      t = performance.now();
      const r = await importActivityCsv(lite, createReadStream(small), { fileName: 'pglite.csv', actor: systemActor });
      const ms = performance.now() - t;
      console.log(`PGlite: ${fmt(r.inserted)} rows in ${(ms / 1000).toFixed(1)} s = ${fmt(rate(r.inserted, ms))} rows/s`);
    } finally {
      await lite.close();
    }
  }
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
