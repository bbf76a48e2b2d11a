import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { noContent, yearParams } from '../../contract/common.js';
import {
  pressReleaseBody,
  pressReleaseFileQuery,
  pressReleaseSchema,
  pressReleaseVersionParams,
  pressReleaseVersionSchema,
  publicationWorkspaceSchema,
  savePressReleaseVersionBody,
} from '../../contract/publication.js';
import { attachmentDisposition } from '../../domain/exports/download-name.js';
import {
  pressRelease,
  pressReleaseFile,
  pressReleaseVersion,
  publicationWorkspace,
  resultReportFile,
  savePressRelease,
  savePressReleaseVersion,
  type DocumentFile,
} from '../../domain/publication/index.js';
import type { AppContext } from '../context.js';

export const publicationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;
    const send = (reply: import('fastify').FastifyReply, file: DocumentFile) =>
      reply.type(file.type).header('content-disposition', attachmentDisposition(file.name)).header('cache-control', 'private, no-store').send(file.body);

    app.get(
      '/api/v1/cycles/:year/press-release',
      {
        config: { access: { roles: ['city_admin', 'auditor'] } },
        schema: {
          tags: ['publication'],
          summary: '보도자료 초안 / the press-release draft (generated from results and the winners’ activity records, or as edited)',
          params: yearParams,
          response: { 200: pressReleaseSchema },
        },
      },
      async (req) => pressRelease(db, req.principal, req.params.year),
    );

    app.put(
      '/api/v1/cycles/:year/press-release',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['publication'],
          summary: 'Save the edited press release (optimistic concurrency on version)',
          params: yearParams,
          body: pressReleaseBody,
          response: { 204: noContent },
        },
      },
      async (req, reply) => {
        await savePressRelease(db, req.principal, req.params.year, req.body.text, req.body.version);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/cycles/:year/press-release/versions',
      {
        config: { access: { roles: ['city_admin', 'auditor'] } },
        schema: {
          tags: ['publication'],
          summary: '보도자료 작업 공간 / the publication workspace: saved versions, the newest text (or a generated draft) and whether the reader may edit',
          params: yearParams,
          response: { 200: publicationWorkspaceSchema },
        },
      },
      async (req) => publicationWorkspace(db, req.principal, req.params.year),
    );

    app.get(
      '/api/v1/cycles/:year/press-release/versions/:version',
      {
        config: { access: { roles: ['city_admin', 'auditor'] } },
        schema: {
          tags: ['publication'],
          summary: 'One saved version of the press release, with its text',
          params: pressReleaseVersionParams,
          response: { 200: pressReleaseVersionSchema },
        },
      },
      async (req) => pressReleaseVersion(db, req.principal, req.params.year, req.params.version),
    );

    app.post(
      '/api/v1/cycles/:year/press-release/versions',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['publication'],
          summary: 'Save the press release as a new version (409 stale_version when baseVersion is not the newest; restoredFrom for a restore); audited',
          params: yearParams,
          body: savePressReleaseVersionBody,
          response: { 201: pressReleaseVersionSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await savePressReleaseVersion(db, req.principal, req.params.year, req.body)),
    );

    for (const format of ['pdf', 'docx'] as const) {
      app.get(
        `/api/v1/cycles/:year/press-release.${format}`,
        {
          config: { access: { roles: ['city_admin'] } },
          schema: {
            tags: ['publication'],
            summary: `보도자료 ${format === 'pdf' ? 'PDF' : 'Word(.docx)'} / the press release (newest saved version, ?version=N, or the generated draft) in the Seoul layout`,
            params: yearParams,
            querystring: pressReleaseFileQuery,
          },
        },
        async (req, reply) => send(reply, await pressReleaseFile(db, req.principal, req.params.year, format, req.query.version)),
      );

      app.get(
        `/api/v1/cycles/:year/result-report.${format}`,
        {
          config: { access: { roles: ['city_admin', 'auditor'] } },
          schema: {
            tags: ['publication'],
            summary: `결과 보고 ${format === 'pdf' ? 'PDF' : 'Word(.docx)'} / the internal results report: summary, ranking, tiers and prizes, provisional → final, objections decided`,
            params: yearParams,
          },
        },
        async (req, reply) => send(reply, await resultReportFile(db, req.principal, req.params.year, format)),
      );
    }
  };
