import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import type { AppMetrics } from '../metrics.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * A direct connection from this machine: the socket's own peer address is loopback and no proxy forwarded it (a
 * reverse proxy on the same machine connects from loopback too, but says whom it forwards for).
 */
function directLoopback(req: FastifyRequest): boolean {
  const h = req.headers;
  if (h['x-forwarded-for'] !== undefined || h.forwarded !== undefined || h['x-real-ip'] !== undefined) return false;
  return LOOPBACK.test(req.socket.remoteAddress ?? '');
}

function bearerMatches(req: FastifyRequest, token: string | undefined): boolean {
  if (!token) return false;
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export type MetricsDecision = 'allow' | 'unauthorized' | 'forbidden';

/**
 * HOPEJOBS_METRICS_ACCESS=loopback (default): direct connections from this machine, or anyone with the bearer token
 * HOPEJOBS_METRICS_TOKEN when one is set; =token: only with the token; =off: no /metrics route at all.
 */
export function metricsAccess(config: AppContext['config'], req: FastifyRequest): MetricsDecision {
  if (bearerMatches(req, config.HOPEJOBS_METRICS_TOKEN)) return 'allow';
  if (config.HOPEJOBS_METRICS_ACCESS === 'loopback' && directLoopback(req)) return 'allow';
  return config.HOPEJOBS_METRICS_TOKEN ? 'unauthorized' : 'forbidden';
}

export const metricsRoutes =
  (ctx: AppContext, metrics: AppMetrics): FastifyPluginAsyncZod =>
  async (app) => {
    if (ctx.config.HOPEJOBS_METRICS_ACCESS === 'off') return;
    app.get(
      '/metrics',
      {
        // Checked here rather than by the session hook: Prometheus has no session, only a bearer token.
        config: { access: 'public' },
        schema: { hide: true },
      },
      async (req, reply) => {
        const decision = metricsAccess(ctx.config, req);
        if (decision === 'unauthorized') {
          reply.header('www-authenticate', 'Bearer realm="metrics"');
          throw new DomainError('unauthenticated', 'metrics_token', {
            ko: '지표(/metrics)를 보려면 Bearer 토큰이 필요합니다.',
            en: 'A bearer token is required for /metrics.',
          });
        }
        if (decision === 'forbidden') {
          throw new DomainError('forbidden', 'metrics_loopback_only', {
            ko: '지표(/metrics)는 이 서버 자신(loopback)에서만 볼 수 있습니다. 원격 수집에는 HOPEJOBS_METRICS_TOKEN을 설정하세요.',
            en: '/metrics is served to this machine (loopback) only; set HOPEJOBS_METRICS_TOKEN for remote scraping.',
          });
        }
        const text = await metrics.text();
        return reply.header('cache-control', 'no-store').type(metrics.contentType).send(text);
      },
    );
  };
