import type { FastifyInstance } from 'fastify';

/** Strict defaults: no framing, no sniffing, a CSP that allows only our own origin (fonts and scripts are bundled). */
const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // A route that sets its own policy (evidence files shown inline in our own frames) keeps it.
    const own = reply.getHeader('content-security-policy') !== undefined;
    if (!own || reply.getHeader('x-frame-options') === undefined) reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    // The API docs UI needs inline scripts of its own; a response with a stricter policy of its own (an evidence
    // download is sandboxed) keeps it; everything else gets the strict policy.
    if (!req.url.startsWith('/api/docs') && !own) reply.header('content-security-policy', csp);
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
    return payload;
  });
}
