import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RenderPool, defaultRenderThreads } from '../../domain/file-rendering/index.js';
import {
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
import { requestLang } from '../problem.js';
import { sendStored, storeOnce } from '../public-files.js';
import { renderOnce } from '../public-json.js';

const year = z.coerce.number().int().min(2000).max(2100);
const bilingual = z.object({ ko: z.string(), en: z.string() });

const resultsSchema = z.object({
  year: z.number().int(),
  title: z.string(),
  demo: z.boolean(),
  illustrative: z.boolean(),
  publishedAt: z.date(),
  topCode: z.string(),
  fields: z.array(z.object({ code: z.string(), name: bilingual, points: z.number() })),
  tiers: z.array(z.object({ code: z.string(), name: bilingual, winners: z.number().int(), prizeEach: z.number(), total: z.number() })),
  prizeTotal: z.number(),
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
      awardTier: z.string().nullable(),
      fieldScores: z.record(z.string(), z.number().nullable()),
      bonus: z.number(),
      penalty: z.number(),
      prize: z.number(),
      previousRank: z.number().int().nullable(),
      streak: z.number().int().nullable(),
      streakText: bilingual.nullable(),
    }),
  ),
});

const scorecardSchema = z.object({
  year: z.number().int(),
  title: z.string(),
  demo: z.boolean(),
  district: z.object({ code: z.string(), name: z.string() }),
  score: z.number().nullable(),
  baseScore: z.number().nullable(),
  rank: z.number().int().nullable(),
  previousRank: z.number().int().nullable(),
  awardTier: z.string().nullable(),
  awardTierName: bilingual.nullable(),
  awardReason: bilingual.nullable(),
  prize: z.number(),
  streak: z.object({ ko: z.string(), en: z.string(), length: z.number().int() }).nullable(),
  bonus: z.number(),
  penalty: z.number(),
  fields: z.array(z.object({ code: z.string(), name: bilingual, score: z.number().nullable() })),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: bilingual,
      field: z.string(),
      kind: z.enum(['quantitative', 'qualitative']),
      points: z.number(),
      earned: z.number().nullable(),
      rawValue: z.number().nullable(),
      unit: z.string().nullable(),
      normalised: z.number().nullable(),
      median: z.number().nullable().describe('City median of the normalised value (0–100)'),
    }),
  ),
  explanation: z.object({ ko: z.array(z.string()), en: z.array(z.string()) }),
  trend: z.array(z.object({ year: z.number().int(), score: z.number().nullable(), rank: z.number().int().nullable(), awardTier: z.string().nullable() })),
  reproducibility: z.object({ runId: z.number().int(), snapshotHash: z.string(), engineVersion: z.string() }),
  robustness: z
    .object({
      runs: z.number().int(),
      noise: z.number(),
      medianRank: z.number().nullable(),
      rankP5: z.number().nullable(),
      rankP95: z.number().nullable(),
      tierProbability: z.record(z.string(), z.number()).nullable(),
    })
    .nullable()
    .describe('Monte Carlo sensitivity of the rank: weights ±noise, 5th–95th percentile rank and award tier probabilities'),
});

const engineInputSchema = z.object({
  year: z.number().int(),
  snapshotHash: z.string(),
  engineVersion: z.string(),
  iMeta: z.array(z.record(z.string(), z.unknown())),
  iData: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  options: z.record(z.string(), z.unknown()),
});

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
          response: {
            200: z.object({
              cycles: z.array(z.object({ year: z.number().int(), title: z.string(), status: z.literal('published'), publishedAt: z.date().nullable(), demo: z.boolean() })),
            }),
          },
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
        schema: { tags: ['public'], summary: '공개 결과 / published results of a cycle', params: z.object({ year }), response: { 200: resultsSchema } },
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
          params: z.object({ year, code: z.string().regex(/^\d{5}$/) }),
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
          params: z.object({ year }),
          response: { 200: engineInputSchema },
        },
      },
      async (req, reply) => {
        const all = await publishedCycles(db);
        const year = req.params.year;
        return sendStored(req, reply, await renderOnce(all, `engine-input:${year}`, engineInputSchema, async () => publishedEngineInput(await publishedCycle(db, year))));
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
            summary: `공개 데이터 / open data (${format.toUpperCase()}${format === 'xlsx' ? ', with a data dictionary sheet' : format === 'csv' ? ', UTF-8 with BOM' : ''})`,
            params: z.object({ year }),
            querystring: z.object({ lang: z.enum(['ko', 'en']).optional() }),
          },
        },
        async (req, reply) => {
          const all = await publishedCycles(db);
          const { year } = req.params;
          const lang = format === 'json' ? 'ko' : requestLang(req);
          if (format !== 'json') reply.headers(byLanguage);
          return sendStored(req, reply, await storeOnce(all, `results.${format}:${year}:${lang}`, () => openDataFile(all, year, format, lang, renderer)));
        },
      );
    }

    app.get(
      '/api/v1/public/cycles/:year/districts/:code/scorecard.pdf',
      {
        config: { access: 'public' },
        preHandler,
        schema: {
          tags: ['public'],
          summary: '성적표 PDF / a district’s scorecard as PDF (Korean fonts embedded)',
          params: z.object({ year, code: z.string().regex(/^\d{5}$/) }),
          querystring: z.object({ lang: z.enum(['ko', 'en']).optional() }),
        },
      },
      async (req, reply) => {
        const all = await publishedCycles(db);
        const { year, code } = req.params;
        const lang = requestLang(req);
        return sendStored(req, reply.headers(byLanguage), await storeOnce(all, `scorecard.pdf:${year}:${code}:${lang}`, () => scorecardPdfFile(all, year, code, lang, renderer)));
      },
    );
  };
