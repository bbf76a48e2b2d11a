import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { awardHistoryImportQuery, awardHistoryImportResultSchema, awardHistoryListSchema } from '../../contract/award-history.js';
import { awardHistoryTemplate, importAwardHistory, listAwardHistory } from '../../domain/award-history/index.js';
import { DomainError } from '../../domain/errors.js';
import { sanitizeFileName } from '../../domain/evidence/index.js';
import type { AppContext } from '../context.js';

/** An award-history file is a few hundred rows; anything much larger is not one. */
const MAX_BYTES = 5 * 1024 * 1024;
const city = { roles: ['city_admin'] as const };
const cityAndAudit = { roles: ['city_admin', 'auditor'] as const };

function uploadProblem(code: string, ko: string, en: string): DomainError {
  return new DomainError('invalid', code, { ko, en }, [{ path: 'file', message: { ko, en } }]);
}

export const awardHistoryRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 5, parts: 6, headerPairs: 100 } });

    app.get(
      '/api/v1/award-history',
      {
        config: { access: cityAndAudit },
        schema: {
          tags: ['award-history'],
          summary: '수상 이력 / imported award results of past years, by year and unit',
          response: { 200: awardHistoryListSchema },
        },
      },
      async (req) => ({ items: await listAwardHistory(db, req.principal!) }),
    );

    app.get(
      '/api/v1/award-history/template.csv',
      {
        config: { access: city },
        schema: {
          tags: ['award-history'],
          summary: '수상 이력 서식 / a CSV template (UTF-8 with BOM): 연도, 코드, 이름, 등급, 순위, 점수, 시상금, 출처, 비고',
        },
      },
      async (req, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="award-history-template.csv"; filename*=UTF-8''${encodeURIComponent('수상이력_서식.csv')}`)
          .header('cache-control', 'private, no-store')
          .send(await awardHistoryTemplate(db, req.principal!)),
    );

    app.post(
      '/api/v1/award-history/imports',
      {
        config: { access: city },
        schema: {
          tags: ['award-history'],
          summary:
            '수상 이력 가져오기 / import past award results from a CSV (UTF-8 with or without BOM, or CP949) or xlsx (first sheet), multipart field `file`. Every row is checked; any problem → 400 listing each with its row and column, and nothing is written. Years with a result published in the product are refused.',
          consumes: ['multipart/form-data'],
          querystring: awardHistoryImportQuery,
          response: { 201: awardHistoryImportResultSchema },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw uploadProblem('file_required', 'multipart/form-data로 파일을 올리세요.', 'Upload the file as multipart/form-data.');
        let bytes: Buffer;
        let fileName: string;
        try {
          const part = await req.file();
          if (!part) throw uploadProblem('file_required', '파일이 없습니다.', 'No file was uploaded.');
          fileName = sanitizeFileName(part.filename || 'upload');
          bytes = await part.toBuffer();
        } catch (err) {
          if (err instanceof DomainError) throw err;
          const e = err as { statusCode?: number };
          if (e.statusCode === 413) throw uploadProblem('file_too_large', '파일이 너무 큽니다 (최대 5MB).', 'The file is too large (at most 5 MB).');
          throw uploadProblem('malformed_upload', '올린 내용을 읽을 수 없습니다. 파일을 다시 올리세요.', 'The upload cannot be read. Upload the file again.');
        }
        return reply.code(201).send(await importAwardHistory(db, req.principal!, { bytes, fileName, source: req.query.source }));
      },
    );
  };
