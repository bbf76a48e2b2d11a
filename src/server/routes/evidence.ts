import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  districtEvidenceParams,
  evidenceDownloadQuery,
  evidenceIdParams,
  evidenceListQuery,
  evidencePageSchema,
  uploadedEvidenceSchema,
} from '../../contract/evidence.js';
import { DomainError } from '../../domain/errors.js';
import { evidenceDownloadHeaders, listDistrictEvidence, openEvidenceDownload, uploadDistrictEvidence, uploadLimits } from '../../domain/evidence/index.js';
import type { AppContext } from '../context.js';
import { problemFor, requestLang, sendProblem } from '../problem.js';

const districtRoles = { roles: ['city_admin', 'auditor', 'district_officer', 'district_approver'] as const };
const readers = { roles: ['city_admin', 'auditor', 'district_officer', 'district_approver', 'reviewer'] as const };
const uploaders = { roles: ['city_admin', 'district_officer', 'district_approver'] as const };

function fileRequired(): DomainError {
  const message = { ko: '파일이 없습니다. 증빙자료 파일을 골라 올리세요.', en: 'No file was uploaded. Choose an evidence file.' };
  return new DomainError('invalid', 'file_required', message, [{ path: 'file', message }]);
}

export const evidenceRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;
    const store = ctx.evidenceStore;
    const limits = uploadLimits(ctx.config);

    // The spool enforces the limit exactly (and answers file_too_large); busboy's own cap is one byte above it.
    await app.register(fastifyMultipart, { limits: { fileSize: limits.maxBytes + 1, files: 1, fields: 5, parts: 6, headerPairs: 100 } });

    app.post(
      '/api/v1/districts/:code/evidence',
      {
        config: { access: uploaders },
        schema: {
          tags: ['evidence'],
          summary:
            '증빙자료 올리기 / upload one evidence file for a district (multipart, field `file`); the type is read from the content (PDF, images, XLSX, DOCX, PPTX, HWP, HWPX), the size limit is HOPEJOBS_MAX_UPLOAD_MB. Attach it to items or objections by its id.',
          consumes: ['multipart/form-data'],
          params: districtEvidenceParams,
          response: { 201: uploadedEvidenceSchema },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw fileRequired();
        const part = await req.file();
        if (!part) throw fileRequired();
        try {
          const stored = await uploadDistrictEvidence(
            db,
            store,
            req.principal,
            req.params.code,
            { fileName: part.filename || 'evidence', content: part.file },
            limits,
          );
          return reply.code(201).send(stored);
        } catch (err) {
          if (err instanceof DomainError && err.code === 'file_too_large') {
            const problem = problemFor(err, req);
            return sendProblem(reply, { ...problem, status: 413, title: requestLang(req) === 'en' ? 'Payload too large' : '파일이 너무 큽니다' });
          }
          throw err;
        }
      },
    );

    app.get(
      '/api/v1/districts/:code/evidence',
      {
        config: { access: districtRoles },
        schema: {
          tags: ['evidence'],
          summary: 'A district’s evidence files, newest first (its officers and approvers, the city admin, the auditor)',
          params: districtEvidenceParams,
          querystring: evidenceListQuery,
          response: { 200: evidencePageSchema },
        },
      },
      async (req) => listDistrictEvidence(db, req.principal, req.params.code, { before: req.query.before, limit: req.query.limit }),
    );

    app.get(
      '/api/v1/evidence/:id',
      {
        config: { access: readers },
        schema: {
          tags: ['evidence'],
          summary:
            'Download an evidence file (an attachment, with the type recorded from its content; `inline=1` shows a PDF or image in the browser); another district’s file answers 404. A reviewer reads the files of the items assigned to them (after the pledge; masked names on a blind panel).',
          params: evidenceIdParams,
          querystring: evidenceDownloadQuery,
        },
      },
      async (req, reply) => {
        const { file, stream } = await openEvidenceDownload(db, store, req.principal, req.params.id);
        return reply.headers(evidenceDownloadHeaders(file, { inline: req.query.inline === '1' })).send(stream);
      },
    );
  };
