import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { Database } from '../../db/client.js';
import { insertImport } from '../../db/repositories/imports.js';
import { orgUnitIdByCode } from '../../db/repositories/org-units.js';
import type { Actor } from '../audit.js';
import { enqueueJob } from '../jobs/queue.js';
import type { JobHandler } from '../jobs/worker.js';
import { importActivityCsv, type ActivityCsvImportResult } from './bulk-copy.js';
import type { CsvEncoding } from './csv-stream.js';

export const ACTIVITY_CSV_IMPORT = 'imports.activity_csv';

export interface ActivityCsvImportPayload {
  importId: number;
  /** A file the server spooled the upload to (never a name chosen by the uploader). */
  file: string;
  fileName: string;
  actor: Actor;
  allowedOrgUnitCodes?: string[];
  orgUnitCode?: string | null;
  cycleId?: number | null;
  encoding?: CsvEncoding | 'auto';
}

export type ActivityCsvImportJobResult = Omit<ActivityCsvImportResult, 'errors'>;

/**
 * Records an uploaded CSV as an import (status `validating`) and queues the job that imports it, in one
 * transaction: the import and its job exist together or not at all. Returns both ids for progress polling.
 */
export async function enqueueActivityCsvImport(
  database: Database,
  input: Omit<ActivityCsvImportPayload, 'importId'>,
): Promise<{ importId: number; jobId: number }> {
  return database.db.transaction(async (tx) => {
    const unitId = input.orgUnitCode ? await orgUnitIdByCode(tx, input.orgUnitCode) : undefined;
    const importId = await insertImport(tx, {
      format: 'csv',
      fileName: input.fileName,
      status: 'validating',
      cycleId: input.cycleId ?? null,
      orgUnitId: unitId ?? null,
      createdBy: input.actor.userId,
    });
    const payload: ActivityCsvImportPayload = { ...input, importId };
    const jobId = await enqueueJob(tx, ACTIVITY_CSV_IMPORT, payload, { createdBy: input.actor.userId });
    return { importId, jobId };
  });
}

/**
 * The job handler: streams the spooled file through importActivityCsv, reporting the share of bytes read as the
 * job's progress. A retry after a crashed worker re-runs the same import row from the start (the crashed attempt
 * left nothing behind). The spooled file is deleted once the import reached an outcome.
 */
export function activityCsvImportJob(database: Database): JobHandler<ActivityCsvImportPayload> {
  return async (job, ctx) => {
    const p = job.payload;
    const { size } = await stat(p.file);
    const result = await importActivityCsv(database, createReadStream(p.file, { highWaterMark: 256 * 1024 }), {
      importId: p.importId,
      fileName: p.fileName,
      actor: p.actor,
      totalBytes: size,
      allowedOrgUnitCodes: p.allowedOrgUnitCodes,
      orgUnitCode: p.orgUnitCode ?? null,
      cycleId: p.cycleId ?? null,
      encoding: p.encoding ?? 'auto',
      signal: ctx.signal,
      onProgress: (pr) => ctx.progress(pr.fraction ?? 0, `${pr.rows.toLocaleString('en-US')}행 확인 / rows checked`),
    });
    await rm(p.file, { force: true });
    const { errors: _errors, ...summary } = result;
    return summary satisfies ActivityCsvImportJobResult;
  };
}
