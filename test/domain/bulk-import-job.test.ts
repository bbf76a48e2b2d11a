import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imports } from '../../src/db/schema.js';
import { seedRecordTypes } from '../../src/domain/activities/index.js';
import { getJob, JobWorker, type JobView } from '../../src/domain/jobs/index.js';
import { ACTIVITY_CSV_IMPORT, activityCsvImportJob, enqueueActivityCsvImport } from '../../src/domain/imports/bulk-import-job.js';
import { seedReferenceUnits } from '../../src/domain/seed.js';
import { activityCsv } from '../fixtures/activity-csv.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const actor = { userId: null, label: 'officer.11215' };

describe.each(backends())('a CSV import run as a background job on $name', (backend) => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await backend.open();
    await seedReferenceUnits(db.db);
    await seedRecordTypes(db.db);
    dir = mkdtempSync(path.join(tmpdir(), 'hj-import-job-'));
  });
  afterAll(async () => {
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports progress, commits and records the outcome on the job and the import', async () => {
    const file = path.join(dir, 'upload-1.csv');
    writeFileSync(file, activityCsv({ rows: 30_000, seed: 3, encoding: 'cp949', headers: 'korean' }));
    const { importId, jobId } = await enqueueActivityCsvImport(db, { file, fileName: '광진구 기업방문.csv', actor });
    const worker = new JobWorker(db.db, { [ACTIVITY_CSV_IMPORT]: activityCsvImportJob(db) }, { pollMs: 20, progressIntervalMs: 10 });
    // Sampled from the worker's memory: on PGlite every query waits while the import's transaction runs.
    const progress: number[] = [];
    const sampler = setInterval(() => progress.push(worker.current?.progress ?? -1), 5);
    worker.start();
    let job: JobView | null = null;
    for (let i = 0; i < 1500 && job?.status !== 'done' && job?.status !== 'failed'; i++) {
      job = await getJob(db.db, jobId);
      await sleep(20);
    }
    clearInterval(sampler);
    await worker.stop();
    expect(job).toMatchObject({
      status: 'done',
      progress: 1,
      result: { importId, status: 'committed', inserted: 30_000, encoding: 'cp949' },
    });
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
    const [row] = await db.db.select().from(imports).where(eq(imports.id, importId));
    expect(row).toMatchObject({ status: 'committed', totalRows: 30_000, fileName: '광진구 기업방문.csv' });
    expect(existsSync(file)).toBe(false);
  });

  it('finishes the job with a failed import listing the problems', async () => {
    const file = path.join(dir, 'upload-2.csv');
    writeFileSync(file, 'org_unit_code,record_type,occurred_on,company_name,purpose,jobs_found\n11215,company_visit,2019-02-31,A,기타,1\n');
    const { importId, jobId } = await enqueueActivityCsvImport(db, { file, fileName: 'bad.csv', actor });
    const worker = new JobWorker(db.db, { [ACTIVITY_CSV_IMPORT]: activityCsvImportJob(db) });
    expect(await worker.runOnce()).toBe(true);
    expect(await getJob(db.db, jobId)).toMatchObject({ status: 'done', result: { status: 'failed', errorCount: 1 } });
    const [row] = await db.db.select().from(imports).where(eq(imports.id, importId));
    expect(row).toMatchObject({ status: 'failed', errorCount: 1, errors: [{ row: 2, column: 'occurred_on' }] });
  });
});
