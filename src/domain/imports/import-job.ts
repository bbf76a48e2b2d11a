import type { Database } from '../../db/client.js';
import type { Actor } from '../audit.js';
import { DomainError } from '../errors.js';
import type { EvidenceStore } from '../evidence/evidence-store.js';
import type { JobHandler } from '../jobs/worker.js';
import { loadDistrictCycle } from './import-context.js';
import { runCsvImport, type CsvImportRequest } from './import-records-csv.js';

/** What a queued CSV import carries: the checked request, who asked, and where the upload is kept. */
export interface CsvImportJobPayload {
  importId: number;
  request: CsvImportRequest;
  actor: Actor;
  /** The upload in the blob store (content-addressed), so any app server can run the job. */
  sha256: string;
}

/**
 * Runs a queued CSV import. A worker killed halfway leaves nothing (one transaction); the job is claimed again when
 * its lease runs out and the import starts over on the same imports row. A file with problems is an outcome (the
 * import is marked failed with its errors), not a job failure.
 */
export function csvImportJobHandler(database: Database, store: EvidenceStore): JobHandler<CsvImportJobPayload> {
  return async (job, jobCtx) => {
    const { importId, request, actor, sha256 } = job.payload;
    const ctx = await loadDistrictCycle(database.db, request.year, request.orgUnitCode);
    const stream = await store.open(sha256);
    try {
      const summary = await runCsvImport(database, actor, ctx, request, () => stream, {
        importId,
        signal: jobCtx.signal,
        onProgress: (p) => jobCtx.progress(p.fraction ?? 0, `${p.rows.toLocaleString('ko-KR')}행 / rows`),
      });
      return summary;
    } catch (err) {
      if (err instanceof DomainError && err.code === 'import_invalid') {
        return { importId, status: 'failed', errorCount: err.extra.errorCount ?? err.problems.length };
      }
      throw err;
    } finally {
      stream.destroy();
    }
  };
}
