import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { yearParams } from '../../contract/common.js';
import {
  downloadQuery,
  engineInputSchema,
  openDataQuery,
  publicCycleListSchema,
  publicScorecardParams,
  resultsSchema,
  scorecardSchema,
} from '../../contract/public.js';
import { RenderPool, defaultRenderThreads } from '../../domain/file-rendering/index.js';
import {
  longOpenDataFile,
  openDataFile,
  publishedCycle,
  publishedCycles,
  publishedEngineInput,
  resultsView,
  scorecardPdfFile,
  scorecardView,
} from '../../domain/publication/index.js';
import type { AppContext } from '../context.js';
import { downloadRateLimit } from '../download-rate-limit.js';
import { handbookFile, publicHandbookSource } from '../../domain/frameworks/handbook.js';
import { storedHandbook } from '../handbook-files.js';
import { requestLang } from '../problem.js';
import { sendStored, storeOnce } from '../public-files.js';
import { renderOnce } from '../public-json.js';

/**
 * Published results for everyone, no sign-in. Nothing unpublished is reachable from here. Pages and downloads are
 * built once per publication state and sent as stored bytes (src/server/public-files.ts); PDFs and workbooks are
 * built on worker threads; downloads are limited per client address.
 */
export const publicRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    // The public pages read a replica when one is configured (DATABASE_READ_URL), the primary otherwise.
    const db = (ctx.readDatabase ?? ctx.database).db;
    const cacheable = { 'cache-control': 'public, max-age=60' };
    const renderer = new RenderPool(ctx.config.HOPEJOBS_RENDER_THREADS ?? defaultRenderThreads());
    app.addHook('onClose', () => renderer.close());
    // A listening server gets its render threads at once; tests that only inject start them on first use.
    app.addHook('onListen', async () => renderer.warm());
    const preHandler = downloadRateLimit(ctx.config.HOPEJOBS_PUBLIC_DOWNLOADS_PER_MIN);
    // The language of a download follows ?lang or else Accept-Language: caches must keep one copy per language.
    const byLanguage = { vary: 'accept-language' };

    app.get(
      '/api/v1/public/cycles',
      {
        config: { access: 'public' },
        schema: {
          tags: ['public'],
          summary: '공개된 평가 주기 / published cycles',
          response: { 200: publicCycleListSchema },
        },
      },
      async (_req, reply) => {
        reply.headers(cacheable);
        const cycles = await publishedCycles(db);
        return { cycles: cycles.map((c) => ({ year: c.year, title: c.title, status: 'published' as const, publishedAt: c.publishedAt, demo: c.demo })) };
      },
    );

    app.get(
      '/api/v1/public/cycles/:year/results',
      {
        config: { access: 'public' },
        schema: { tags: ['public'], summary: '공개 결과 / published results of a cycle', params: yearParams, response: { 200: resultsSchema } },
      },
      async (req, reply) => {
        const all = await publishedCycles(db);
        const year = req.params.year;
        return sendStored(req, reply, await renderOnce(all, `results:${year}`, resultsSchema, async () => resultsView(await publishedCycle(db, year))));
      },
    );

    app.get(
      '/api/v1/public/cycles/:year/districts/:code/scorecard',
      {
        config: { access: 'public' },
        schema: {
          tags: ['public'],
          summary: '자치구 성적표 / a district’s scorecard: points per indicator, explanation, trend',
          params: publicScorecardParams,
          response: { 200: scorecardSchema },
        },
      },
      async (req, reply) => {
        const all = await publishedCycles(db);
        const { year, code } = req.params;
        return sendStored(req, reply, await renderOnce(all, `scorecard:${year}:${code}`, scorecardSchema, () => scorecardView(db, year, code)));
      },
    );

    app.get(
      '/api/v1/public/cycles/:year/engine-input',
      {
        config: { access: 'public' },
        preHandler,
        schema: {
          tags: ['public'],
          summary: 'The published run’s input in the engine’s COINr-style form (iMeta, iData): re-score it yourself with hopejobs/engine',
          params: yearParams,
          response: { 200: engineInputSchema },
        },
      },
      async (req, reply) => {
        const all = await publishedCycles(db);
        const year = req.params.year;
        return sendStored(
          req,
          reply,
          await renderOnce(all, `engine-input:${year}`, engineInputSchema, async () => publishedEngineInput(await publishedCycle(db, year))),
        );
      },
    );

    for (const format of ['csv', 'json', 'xlsx'] as const) {
      app.get(
        `/api/v1/public/cycles/:year/results.${format}`,
        {
          config: { access: 'public' },
          preHandler,
          schema: {
            tags: ['public'],
            summary: `공개 데이터 / open data (${format.toUpperCase()}${format === 'xlsx' ? ', with a data dictionary sheet' : format === 'csv' ? ', UTF-8 with BOM or ?encoding=cp949' : ''}; Korean headers, ?lang=en for English)`,
            params: yearParams,
            querystring: openDataQuery,
          },
        },
        async (req, reply) => {
          const all = await publishedCycles(db);
          const { year } = req.params;
          // Korean unless the address asks for English: the file is the same for every reader of the address.
          const lang = format === 'json' ? 'ko' : (req.query.lang ?? 'ko');
          const encoding = format === 'csv' ? (req.query.encoding ?? 'utf-8') : 'utf-8';
          return sendStored(
            req,
            reply,
            await storeOnce(all, `results.${format}:${year}:${lang}:${encoding}`, () => openDataFile(all, year, format, lang, renderer, encoding)),
          );
        },
      );
    }

    const longFiles = [
      { format: 'csv', url: '/api/v1/public/open-data/indicators-long.csv', summary: 'every published year, year × unit × indicator, CSV' },
      {
        format: 'xlsx',
        url: '/api/v1/public/open-data/indicators-long.xlsx',
        summary: 'every published year, year × unit × indicator, xlsx with crosswalk and dictionary sheets',
      },
      {
        format: 'dictionary.csv',
        url: '/api/v1/public/open-data/dictionary.csv',
        summary: 'data dictionary of every open-data column (name ko/en, type, unit, precision, meaning), CSV',
      },
    ] as const;
    for (const file of longFiles) {
      app.get(
        file.url,
        {
          config: { access: 'public' },
          preHandler,
          schema: {
            tags: ['public'],
            summary: `공개 데이터 전체 연도 / open data across years: ${file.summary} (Korean headers, ?lang=en; CSV ?encoding=cp949)`,
            querystring: openDataQuery,
          },
        },
        async (req, reply) => {
          const all = await publishedCycles(db);
          const lang = req.query.lang ?? 'ko';
          const encoding = file.format === 'xlsx' ? 'utf-8' : (req.query.encoding ?? 'utf-8');
          return sendStored(
            req,
            reply,
            await storeOnce(all, `open-data.${file.format}:${lang}:${encoding}`, () => longOpenDataFile(all, file.format, lang, renderer, encoding)),
          );
        },
      );
    }

    app.get(
      '/api/v1/public/cycles/:year/handbook.pdf',
      {
        config: { access: 'public' },
        preHandler,
        schema: {
          tags: ['public'],
          summary: '평가 편람 PDF / the evaluation handbook of a cycle whose framework is fixed (frozen when the cycle opened)',
          params: yearParams,
          querystring: downloadQuery,
        },
      },
      async (req, reply) => {
        const source = await publicHandbookSource(db, req.params.year);
        const lang = requestLang(req);
        return sendStored(req, reply.headers(byLanguage), await storedHandbook(ctx.database, source, lang, () => handbookFile(source, lang, renderer)));
      },
    );

    app.get(
      '/api/v1/public/cycles/:year/districts/:code/scorecard.pdf',
      {
        config: { access: 'public' },
        preHandler,
        schema: {
          tags: ['public'],
          summary: '성적표 PDF / a district’s scorecard as PDF (Korean fonts embedded)',
          params: publicScorecardParams,
          querystring: downloadQuery,
        },
      },
      async (req, reply) => {
        const all = await publishedCycles(db);
        const { year, code } = req.params;
        const lang = requestLang(req);
        return sendStored(
          req,
          reply.headers(byLanguage),
          await storeOnce(all, `scorecard.pdf:${year}:${code}:${lang}`, () => scorecardPdfFile(all, year, code, lang, renderer)),
        );
      },
    );
  };
