import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { analysisViewSchema } from '../../contract/analysis.js';
import { yearParams } from '../../contract/common.js';
import { runIdParams } from '../../contract/scoring-runs.js';
import { publishedAnalysis, runAnalysis } from '../../domain/scoring/analysis.js';
import type { AppContext } from '../context.js';

/** The statistical audit of a run's framework: any run for the city and the auditor, the published run for everyone. */
export const analysisRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.database.db;

    app.get(
      '/api/v1/scoring-runs/:id/analysis',
      {
        config: { access: { roles: ['city_admin', 'auditor'] } },
        schema: {
          tags: ['scoring'],
          summary: 'Statistical audit of the run’s framework (COINr-compatible): statistics, correlations, Cronbach’s α, PCA, removal',
          params: runIdParams,
          response: { 200: analysisViewSchema },
        },
      },
      async (req) => runAnalysis(db, req.principal, req.params.id),
    );

    app.get(
      '/api/v1/public/cycles/:year/analysis',
      {
        config: { access: 'public' },
        schema: {
          tags: ['public'],
          summary: '평가 체계 통계 점검 / statistical audit of the published run’s framework',
          params: yearParams,
          response: { 200: analysisViewSchema },
        },
      },
      async (req) => publishedAnalysis(db, req.params.year),
    );
  };
