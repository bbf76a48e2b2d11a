import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestLang, sendProblem } from './problem.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDist = path.join(repoRoot, 'dist', 'web');

/** Shown when the web app has not been built (e.g. `HOPEJOBS_SKIP_BUILD=1`): the API still works. */
const shellPage = `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>희망일자리 평가</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6">
<h1>희망일자리 평가 플랫폼</h1>
<p>서울 희망일자리 만들기 시·구 공동협력사업 평가를 위한 플랫폼입니다.</p>
<p>웹 화면이 아직 빌드되지 않았습니다. <code>npm run build</code> 후 다시 시작하세요.
API는 <a href="/api/docs">/api/docs</a>에서 볼 수 있습니다.</p>
<p lang="en">HopeJobs — the web app is not built yet; run <code>npm run build</code>. API docs: <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

export async function registerSpa(app: FastifyInstance) {
  const built = existsSync(path.join(webDist, 'index.html'));
  const indexHtml = built ? readFileSync(path.join(webDist, 'index.html'), 'utf8') : shellPage;
  if (built) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      // Hashed assets never change; index.html must always be fresh.
      setHeaders(res, filePath) {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  const sendIndex = (_req: FastifyRequest, reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  app.get('/', sendIndex);
  return sendIndex;
}

/** Unknown API paths get problem details; other GETs (client-side routes) get the app when it is served. */
export function registerNotFound(app: FastifyInstance, sendIndex: ((req: FastifyRequest, reply: FastifyReply) => unknown) | null) {
  app.setNotFoundHandler((req, reply) => {
    if (sendIndex && req.method === 'GET' && !req.url.startsWith('/api/') && !path.extname(req.url.split('?')[0] ?? '')) {
      return sendIndex(req, reply);
    }
    return sendProblem(reply, {
      type: 'about:blank',
      title: requestLang(req) === 'en' ? 'Not found' : '찾을 수 없습니다',
      status: 404,
      code: 'not_found',
    });
  });
}
