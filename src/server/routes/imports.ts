import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminCode as code, year } from '../../contract/common.js';
import { districtImportsQuery, importDoneSchema, importIdParams, importPageSchema, importQueuedSchema, importViewSchema } from '../../contract/imports.js';
import { actorOf } from '../../domain/authz.js';
import { DomainError } from '../../domain/errors.js';
import { attachmentDisposition } from '../../domain/exports/download-name.js';
import { fileSource, fileTooLarge, sanitizeFileName, spoolToFile, uploadLimits, type SpooledFile } from '../../domain/evidence/index.js';
import {
  buildTemplate,
  createQueuedImport,
  getImport,
  IMPORT_JOB_KIND,
  importRecordsCsv,
  importWorkbook,
  listImports,
  prepareCsvImport,
  type CsvImportJobPayload,
  type CsvImportRequest,
} from '../../domain/imports/index.js';
import { configureXlsxWorkers } from '../../domain/imports/xlsx-workers.js';
import { enqueueJob } from '../../domain/jobs/index.js';
import type { AppContext } from '../context.js';
import { problemFor, sendProblem } from '../problem.js';

const readers = { roles: ['city_admin', 'auditor', 'district_officer', 'district_approver'] as const };
const writers = { roles: ['city_admin', 'district_officer'] as const };
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** CSV uploads larger than this run as a background job (the browser may leave and come back). */
export const BACKGROUND_IMPORT_BYTES = 5 * 1024 * 1024;

function invalidUpload(code: string, ko: string, en: string): DomainError {
  return new DomainError('invalid', code, { ko, en }, [{ path: 'file', message: { ko, en } }]);
}

async function head(file: string, n: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Which importer a file is for, by its content: a ZIP is a workbook, text is CSV, anything else is refused. */
async function kindOf(spooled: SpooledFile, fileName: string): Promise<'xlsx' | 'csv'> {
  const start = await head(spooled.path, 64 * 1024);
  if (start.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (/\.(xlsx|xlsm|xls)$/i.test(fileName)) {
    throw invalidUpload(
      'not_xlsx',
      '엑셀(.xlsx) 파일이 아닙니다. 내려받은 서식에 작성해 올리세요.',
      'Not an Excel (.xlsx) file. Fill in the downloaded template.',
    );
  }
  if (start.includes(0)) {
    throw invalidUpload('unsupported_file', '엑셀(.xlsx) 또는 CSV 파일만 올릴 수 있습니다.', 'Only Excel (.xlsx) and CSV files can be imported.');
  }
  return 'csv';
}

/**
 * Reads the one uploaded file into a spool file (cut off at the size limit). A malformed multipart body (no
 * boundary, cut short) is the client's mistake, 400; a failing disk stays a server error.
 */
async function receiveFile(req: FastifyRequest, spoolDir: string, maxBytes: number): Promise<{ spooled: SpooledFile; fileName: string }> {
  try {
    const part = await req.file();
    if (!part) throw invalidUpload('file_required', '파일이 없습니다.', 'No file was uploaded.');
    const fileName = sanitizeFileName(part.filename || 'upload');
    return { spooled: await spoolToFile(part.file, spoolDir, maxBytes), fileName };
  } catch (err) {
    if (err instanceof DomainError) throw err;
    const e = err as { statusCode?: number; syscall?: string };
    if (e.syscall || (typeof e.statusCode === 'number' && e.statusCode >= 500)) throw err;
    if (e.statusCode === 413) throw fileTooLarge(maxBytes);
    throw invalidUpload(
      'malformed_upload',
      '올린 내용을 읽을 수 없습니다(multipart 형식 오류). 파일을 다시 올리세요.',
      'The upload cannot be read (malformed multipart body). Upload the file again.',
    );
  }
}

/** Responds 413 for an oversize upload (the spool stopped reading at the limit). */
function sendTooLarge(err: DomainError, req: FastifyRequest, reply: FastifyReply) {
  const problem = problemFor(err, req);
  return sendProblem(reply, { ...problem, status: 413, title: req.headers['accept-language']?.startsWith('en') ? 'Payload too large' : '파일이 너무 큽니다' });
}

export const importRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const database = ctx.database;
    const db = database.db;
    const { maxBytes } = uploadLimits(ctx.config);
    const spoolDir = path.join(ctx.config.dataDir, 'tmp', 'imports');
    const store = ctx.evidenceStore;
    configureXlsxWorkers({ maxWorkers: ctx.config.HOPEJOBS_XLSX_WORKERS, maxMemoryMb: ctx.config.HOPEJOBS_XLSX_WORKER_MEMORY_MB });

    await app.register(fastifyMultipart, { limits: { fileSize: maxBytes + 1, files: 1, fields: 10, parts: 12, headerPairs: 100 } });

    app.get(
      '/api/v1/cycles/:year/districts/:code/template.xlsx',
      {
        config: { access: readers },
        schema: {
          tags: ['imports'],
          summary: '실적 입력 서식 / the district’s xlsx template for a cycle (?prefill=1: with its records of the data period)',
          params: z.object({ year, code }),
          querystring: z.object({ prefill: z.enum(['0', '1', 'true', 'false']).optional() }),
        },
      },
      async (req, reply) => {
        const prefill = req.query.prefill === '1' || req.query.prefill === 'true';
        const { buffer, fileName } = await buildTemplate(db, req.principal, { year: req.params.year, orgUnitCode: req.params.code, prefill });
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachmentDisposition(fileName, `${req.params.year}_${req.params.code}_template.xlsx`))
          .header('cache-control', 'private, no-store')
          .send(buffer);
      },
    );

    app.post(
      '/api/v1/cycles/:year/districts/:code/imports',
      {
        config: { access: writers },
        schema: {
          tags: ['imports'],
          summary:
            '실적 가져오기 / import a filled-in template (.xlsx) or a CSV (one record type per file with ?type=; UTF-8 with or without BOM, or CP949). The whole file is checked first; any error → 400 listing every one with sheet, row, column, and nothing is written. Large CSV files (or ?background=1) → 202 with a job to poll.',
          consumes: ['multipart/form-data'],
          params: z.object({ year, code }),
          querystring: z.object({
            type: z.string().max(41).optional().describe('CSV: the record type of every row'),
            encoding: z.enum(['auto', 'utf-8', 'cp949']).default('auto'),
            background: z.enum(['0', '1', 'true', 'false']).optional(),
          }),
          response: { 201: importDoneSchema, 202: importQueuedSchema },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw invalidUpload('file_required', 'multipart/form-data로 파일을 올리세요.', 'Upload the file as multipart/form-data.');
        let spooled: SpooledFile | null = null;
        try {
          const received = await receiveFile(req, spoolDir, maxBytes);
          spooled = received.spooled;
          const fileName = received.fileName;
          const { year: y, code: c } = req.params;
          if ((await kindOf(spooled, fileName)) === 'xlsx') {
            const source = await fileSource(spooled.path);
            try {
              const summary = await importWorkbook(database, req.principal, { year: y, orgUnitCode: c, file: { fileName, source } });
              return reply.code(201).send({ format: 'xlsx' as const, ...summary });
            } finally {
              await source.close();
            }
          }
          const request: CsvImportRequest = { year: y, orgUnitCode: c, recordType: req.query.type, encoding: req.query.encoding, fileName, size: spooled.size };
          const background = req.query.background === '1' || req.query.background === 'true' || spooled.size > BACKGROUND_IMPORT_BYTES;
          if (!background) {
            const file = spooled.path;
            const summary = await importRecordsCsv(database, req.principal, request, () => createReadStream(file));
            return reply.code(201).send({ format: 'csv' as const, ...summary });
          }
          const dc = await prepareCsvImport(database, req.principal, request);
          const blob = await store.putSpooled(spooled);
          spooled = null;
          const importId = await createQueuedImport(database, dc, req.principal!, request);
          const payload: CsvImportJobPayload = { importId, request, actor: actorOf(req.principal!), sha256: blob.sha256 };
          const jobId = await enqueueJob(db, IMPORT_JOB_KIND, payload, { createdBy: req.principal!.user.id });
          return reply.code(202).send({ importId, jobId, status: 'queued' as const, statusUrl: `/api/v1/imports/${importId}` });
        } catch (err) {
          if (err instanceof DomainError && err.code === 'file_too_large') return sendTooLarge(err, req, reply);
          throw err;
        } finally {
          await spooled?.discard();
        }
      },
    );

    app.get(
      '/api/v1/imports/:id',
      {
        config: { access: readers },
        schema: {
          tags: ['imports'],
          summary: 'One import: status, progress of its background job, and every stored error (Korean and English)',
          params: importIdParams,
          response: { 200: importViewSchema },
        },
      },
      async (req) => getImport(db, req.principal, req.params.id),
    );

    app.get(
      '/api/v1/districts/:code/imports',
      {
        config: { access: readers },
        schema: {
          tags: ['imports'],
          summary: 'A district’s import history, newest first',
          params: z.object({ code }),
          querystring: districtImportsQuery,
          response: { 200: importPageSchema },
        },
      },
      async (req) =>
        listImports(db, req.principal, req.params.code, {
          ...(req.query.cycle !== undefined ? { cycleYear: req.query.cycle } : {}),
          ...(req.query.cursor !== undefined ? { before: req.query.cursor } : {}),
          limit: req.query.limit,
        }),
    );
  };
