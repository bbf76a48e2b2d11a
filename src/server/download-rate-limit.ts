import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { LoginThrottle } from './login-throttle.js';

/**
 * A per-address limit on the public downloads (scorecard PDFs, open data, the engine input): stored bytes are
 * cheap to send, but a first build takes real CPU and every file is large next to a page, so one address cannot
 * fetch them without end. The same token bucket as the sign-in throttle (src/server/login-throttle.ts): `perMinute`
 * downloads at once, refilled at `perMinute` a minute; the client address is Fastify's `req.ip`, which honours
 * HOPEJOBS_TRUST_PROXY (only a trusted proxy's X-Forwarded-For counts), and IPv6 clients count per /64.
 *
 * Per app server, in memory (like the sign-in throttle): behind a load balancer an address gets up to `perMinute`
 * downloads per server. Too many: 429 problem details with Retry-After. `perMinute` 0 turns the limit off.
 */
export function downloadRateLimit(perMinute: number) {
  const buckets = new LoginThrottle({ perMinute });
  return async function limitDownloads(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const taken = buckets.take(req.ip);
    if (taken.ok) return;
    const seconds = taken.retryAfterSeconds;
    reply.header('retry-after', String(seconds));
    throw new DomainError(
      'too_many_requests',
      'download_rate_limited',
      {
        ko: `이 주소에서 내려받기 요청이 너무 많습니다 (분당 ${perMinute}건). ${seconds}초 후 다시 시도하세요.`,
        en: `Too many downloads from this address (${perMinute} a minute). Try again in ${seconds} seconds.`,
      },
      [],
      { retryAfter: seconds },
    );
  };
}
