import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { analysisViewSchema } from '../../contract/analysis.js';
import { yearParams } from '../../contract/common.js';
import { runIdParams } from '../../contract/scoring-runs.js';
import { downloadQuery } from '../../contract/public.js';
import { attachmentDisposition } from '../../domain/exports/download-name.js';
import { RenderPool } from '../../domain/file-rendering/index.js';
import { publishedCycles } from '../../domain/publication/index.js';
import { publishedAnalysis, runAnalysis } from '../../domain/scoring/analysis.js';
import { downloadRateLimit } from '../download-rate-limit.js';
import { requestLang } from '../problem.js';
import { sendStored, storeOnce } from '../public-files.js';
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

    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const runTitle = (id: number, lang: 'ko' | 'en') => (lang === 'ko' ? `점수 산정 ${id} 평가 체계 통계 점검` : `Scoring run ${id}: framework audit`);
    const yearTitle = (year: number, lang: 'ko' | 'en') => (lang === 'ko' ? `${year}년 평가 체계 통계 점검` : `${year} framework audit`);
    // The reports are built on a worker thread of their own (started on the first download), so no request blocks
    // the event loop; the public ones are then stored per publication state like the other public files.
    const renderer = new RenderPool(1);
    app.addHook('onClose', () => renderer.close());
    const preHandler = downloadRateLimit(ctx.config.HOPEJOBS_PUBLIC_DOWNLOADS_PER_MIN);

    for (const format of ['xlsx', 'pdf'] as const) {
      const type = format === 'xlsx' ? XLSX : 'application/pdf';
      const build = (view: Awaited<ReturnType<typeof runAnalysis>>, title: string, lang: 'ko' | 'en') =>
        renderer.render({ kind: format === 'xlsx' ? 'analysis-xlsx' : 'analysis-pdf', view, title, lang });

      app.get(
        `/api/v1/scoring-runs/:id/analysis.${format}`,
        {
          config: { access: { roles: ['city_admin', 'auditor'] } },
          schema: {
            tags: ['scoring'],
            summary: `통계 점검 보고서 / the run’s audit as a report (${format === 'xlsx' ? 'workbook: 요약, 상관, 신뢰도·주성분, 지표 제거 영향, 기초 통계' : 'PDF, Korean fonts embedded'})`,
            params: runIdParams,
            querystring: downloadQuery,
          },
        },
        async (req, reply) => {
          const view = await runAnalysis(db, req.principal, req.params.id);
          const lang = requestLang(req);
          const title = runTitle(view.runId, lang);
          const body = await build(view, title, lang);
          return reply
            .header('cache-control', 'private, no-store')
            .header('content-disposition', attachmentDisposition(`${title}.${format}`, `run-${view.runId}-analysis.${format}`))
            .type(type)
            .send(body);
        },
      );

      app.get(
        `/api/v1/public/cycles/:year/analysis.${format}`,
        {
          config: { access: 'public' },
          preHandler,
          schema: {
            tags: ['public'],
            summary: `평가 체계 통계 점검 보고서 / the published run’s audit as a report (${format === 'xlsx' ? 'workbook' : 'PDF'})`,
            params: yearParams,
            querystring: downloadQuery,
          },
        },
        async (req, reply) => {
          const all = await publishedCycles(db);
          const { year } = req.params;
          const lang = requestLang(req);
          reply.header('vary', 'accept-language');
          return sendStored(
            req,
            reply,
            await storeOnce(all, `analysis.${format}:${year}:${lang}`, async () => {
              const view = await publishedAnalysis(db, year);
              const title = yearTitle(year, lang);
              return { body: await build(view, title, lang), type, name: `${title}.${format}` };
            }),
          );
        },
      );
    }
  };
