import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/server/app.js';
import type { TestDatabase } from './db.js';

export async function testApp(db: TestDatabase): Promise<FastifyInstance> {
  const config = loadConfig({ HOPEJOBS_DATA_DIR: db.dataDir ?? '.tmp/unused', LOG_LEVEL: 'silent' });
  const app = await buildApp({ database: db, config, spa: false });
  await app.ready();
  return app;
}

/** A signed-in API client: keeps the session cookie and sends the CSRF token on writes. */
export interface Client {
  csrf: string;
  cookie: string;
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'hj_session');
  if (!cookie) throw new Error('no session cookie');
  const { csrfToken } = res.json<{ csrfToken: string }>();
  const jar = `hj_session=${cookie.value}`;
  return {
    csrf: csrfToken,
    cookie: jar,
    request(method, url, body, headers = {}) {
      return app.inject({
        method,
        url,
        headers: { cookie: jar, 'x-csrf-token': csrfToken, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    },
  };
}
