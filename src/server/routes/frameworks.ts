import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { yearParams } from '../../contract/common.js';
import {
  copyFrameworkBody,
  frameworkDiffQuery,
  frameworkDiffSchema,
  frameworkQuery,
  frameworkVersionListSchema,
  frameworkViewSchema,
  handbookQuery,
  saveFrameworkBody,
} from '../../contract/frameworks.js';
import { compareFrameworks, copyFramework, listVersions, readFramework, saveFramework } from '../../domain/frameworks/service.js';
import { RenderPool } from '../../domain/file-rendering/index.js';
import { handbookFile, handbookSource } from '../../domain/frameworks/handbook.js';
import type { AppContext } from '../context.js';
import { storedHandbook } from '../handbook-files.js';
import { requestLang } from '../problem.js';
import { sendStored } from '../public-files.js';

export const frameworkRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;
    // Handbooks are built rarely (once per framework version and language): one render thread, started on first use.
    const renderer = new RenderPool(1);
    app.addHook('onClose', () => renderer.close());

    app.get(
      '/api/v1/cycles/:year/framework',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['frameworks'],
          summary: '평가 체계 (the current version, or ?version=N)',
          params: yearParams,
          querystring: frameworkQuery,
          response: { 200: frameworkViewSchema },
        },
      },
      async (req) => readFramework(db, req.principal, req.params.year, req.query.version),
    );

    app.get(
      '/api/v1/cycles/:year/framework/versions',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['frameworks'],
          summary: 'All versions of a cycle’s framework, newest first',
          params: yearParams,
          response: { 200: frameworkVersionListSchema },
        },
      },
      async (req) => ({ versions: await listVersions(db, req.principal, req.params.year) }),
    );

    app.get(
      '/api/v1/cycles/:year/framework/handbook.pdf',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['frameworks'],
          summary: '평가 편람 PDF of the current framework (draft included) or ?version=N; built once per version and language',
          params: yearParams,
          querystring: handbookQuery,
        },
      },
      async (req, reply) => {
        const source = await handbookSource(db, req.principal, req.params.year, req.query.version);
        const lang = requestLang(req);
        const file = await storedHandbook(ctx.database, source, lang, () => handbookFile(source, lang, renderer));
        return sendStored(req, reply.header('vary', 'accept-language, cookie'), file, 'private, no-cache');
      },
    );

    app.put(
      '/api/v1/cycles/:year/framework',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['frameworks'],
          summary: 'Save the framework (in place while a draft; a new version with a reason once frozen)',
          params: yearParams,
          body: saveFrameworkBody,
          response: { 200: frameworkViewSchema },
        },
      },
      async (req) => saveFramework(db, req.principal, req.params.year, req.body),
    );

    app.post(
      '/api/v1/cycles/:year/framework/copy',
      {
        config: { access: { roles: ['city_admin'] } },
        schema: {
          tags: ['frameworks'],
          summary: 'Copy another year’s framework into this cycle (e.g. 2018 → 2019)',
          params: yearParams,
          body: copyFrameworkBody,
          response: { 200: frameworkViewSchema },
        },
      },
      async (req) => copyFramework(db, req.principal, req.body.fromYear, req.params.year, req.body.reason),
    );

    app.get(
      '/api/v1/frameworks/diff',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['frameworks'],
          summary: 'Readable diff of two frameworks: added, removed, changed indicators and points',
          querystring: frameworkDiffQuery,
          response: { 200: frameworkDiffSchema },
        },
      },
      async (req) =>
        compareFrameworks(db, req.principal, { year: req.query.from, version: req.query.fromVersion }, { year: req.query.to, version: req.query.toVersion }),
    );
  };
