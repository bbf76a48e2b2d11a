import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { yearParams } from '../../contract/common.js';
import {
  copyFrameworkBody,
  frameworkDiffQuery,
  frameworkDiffSchema,
  frameworkQuery,
  frameworkVersionListSchema,
  frameworkViewSchema,
  saveFrameworkBody,
} from '../../contract/frameworks.js';
import { compareFrameworks, copyFramework, listVersions, readFramework, saveFramework } from '../../domain/frameworks/service.js';
import type { AppContext } from '../context.js';

export const frameworkRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;

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
