import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminCode as code, year } from '../../contract/common.js';
import { exportFormats, exportRecords, type ExportFormat } from '../../domain/exports/index.js';
import type { AppContext } from '../context.js';
import { requestLang } from '../problem.js';

const readers = { roles: ['city_admin', 'auditor', 'district_officer', 'district_approver'] as const };
const cityReaders = { roles: ['city_admin', 'auditor'] as const };

const options = {
  lang: z.enum(['ko', 'en']).optional().describe('header language (default Korean, or Accept-Language)'),
  encoding: z.enum(['utf-8', 'cp949']).default('utf-8').describe('CSV only: UTF-8 with BOM, or CP949'),
  type: z.string().max(41).optional().describe('one record type only (CSV: that type’s own table)'),
};

export const exportRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;

    const send = async (
      req: FastifyRequest,
      reply: FastifyReply,
      p: { year: number; code: string | null; format: ExportFormat; encoding: 'utf-8' | 'cp949'; type?: string | undefined },
    ) => {
      const file = await exportRecords(db, req.principal, {
        year: p.year,
        orgUnitCode: p.code,
        format: p.format,
        lang: requestLang(req),
        encoding: p.encoding,
        recordType: p.type,
      });
      return reply.type(file.contentType).header('content-disposition', file.contentDisposition).header('cache-control', 'private, no-store').send(file.stream);
    };

    for (const format of exportFormats) {
      app.get(
        `/api/v1/cycles/:year/districts/:code/records.${format}`,
        {
          config: { access: readers },
          schema: {
            tags: ['exports'],
            summary: `자치구 실적 내보내기 (${format}) / a district’s records of the cycle’s data period`,
            params: z.object({ year, code }),
            querystring: z.object(options),
          },
        },
        async (req, reply) => send(req, reply, { year: req.params.year, code: req.params.code, format, encoding: req.query.encoding, type: req.query.type }),
      );
      app.get(
        `/api/v1/cycles/:year/records.${format}`,
        {
          config: { access: cityReaders },
          schema: {
            tags: ['exports'],
            summary: `전체 자치구 실적 내보내기 (${format}) / every district’s records (city admin, auditor)`,
            params: z.object({ year }),
            querystring: z.object(options),
          },
        },
        async (req, reply) => send(req, reply, { year: req.params.year, code: null, format, encoding: req.query.encoding, type: req.query.type }),
      );
    }

    const format = z.enum(exportFormats).default('xlsx');
    app.get(
      '/api/v1/cycles/:year/districts/:code/records/export',
      {
        config: { access: readers },
        schema: {
          tags: ['exports'],
          summary: 'The same as records.{xlsx,csv,json}, with ?format=',
          params: z.object({ year, code }),
          querystring: z.object({ ...options, format }),
        },
      },
      async (req, reply) =>
        send(req, reply, { year: req.params.year, code: req.params.code, format: req.query.format, encoding: req.query.encoding, type: req.query.type }),
    );
    app.get(
      '/api/v1/cycles/:year/records/export',
      {
        config: { access: cityReaders },
        schema: {
          tags: ['exports'],
          summary: 'The same as records.{xlsx,csv,json} for every district, with ?format=',
          params: z.object({ year }),
          querystring: z.object({ ...options, format }),
        },
      },
      async (req, reply) =>
        send(req, reply, { year: req.params.year, code: null, format: req.query.format, encoding: req.query.encoding, type: req.query.type }),
    );
  };
