import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { OpenAPIV3 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accessAwareTransform } from '../../src/server/openapi-access.js';

type Operation = OpenAPIV3.OperationObject & { 'x-hopejobs-access'?: unknown };

/**
 * The transform as an installed app meets it: beside the API, the built web app registers routes without any
 * schema (its index page and one route per built file) and the documentation UI registers its own. The document
 * must still build, list only the versioned API, and state who may call every operation.
 */
describe('the OpenAPI access transform', () => {
  let app: FastifyInstance;
  let web: string;
  let doc: OpenAPIV3.Document;

  beforeAll(async () => {
    web = mkdtempSync(path.join(tmpdir(), 'hj-openapi-web-'));
    mkdirSync(path.join(web, 'assets'));
    writeFileSync(path.join(web, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(web, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

    const base = Fastify();
    const typed = base.withTypeProvider<ZodTypeProvider>();
    typed.setValidatorCompiler(validatorCompiler);
    typed.setSerializerCompiler(serializerCompiler);
    await typed.register(fastifySwagger, {
      openapi: { info: { title: 't', version: '1' }, components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hj_session' } } } },
      transform: accessAwareTransform,
    });
    await typed.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
    typed.get(
      '/api/v1/things/:id',
      {
        config: { access: { roles: ['city_admin', 'auditor'] } },
        schema: { summary: 'One thing', params: z.object({ id: z.coerce.number().int() }), response: { 200: z.object({ id: z.number() }) } },
      },
      async (req) => ({ id: req.params.id }),
    );
    typed.get('/api/v1/open', { config: { access: 'public' }, schema: { description: 'Open to all' } }, async () => ({}));
    // An API route with no schema at all is still an operation with an access rule.
    typed.post('/api/v1/bare', { config: { access: 'authenticated' } }, async () => ({}));
    typed.get('/api/v1/hidden', { config: { access: 'public' }, schema: { hide: true } }, async () => ({}));
    typed.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async () => '');
    // The web app, as src/server/spa.ts serves it: no schema, no access rule.
    await typed.register(fastifyStatic, { root: web, wildcard: false, index: false });
    typed.get('/', async (_req, reply) => reply.type('text/html').send('<!doctype html>'));
    app = base;
    await app.ready();
    const res = await app.inject('/api/docs/json');
    expect(res.statusCode, res.body).toBe(200);
    doc = res.json();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(web, { recursive: true, force: true });
  });

  it('builds the document beside routes without a schema, and lists only the versioned API', async () => {
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/v1/bare', '/api/v1/open', '/api/v1/things/{id}']);
    // The UI itself loads too (it reads the same document).
    expect((await app.inject('/api/docs')).statusCode).toBeLessThan(400);
    // The static files really were registered as routes: the transform saw them and hid them.
    expect((await app.inject('/assets/index-abc123.js')).statusCode).toBe(200);
  });

  it('states who may call every operation', () => {
    const op = (p: string, m: string) => (doc.paths[p] as Record<string, Operation>)[m]!;
    expect(op('/api/v1/things/{id}', 'get')['x-hopejobs-access']).toEqual(['city_admin', 'auditor']);
    expect(op('/api/v1/things/{id}', 'get').security).toEqual([{ session: [] }]);
    expect(op('/api/v1/things/{id}', 'get').description).toBe('권한 / access: city_admin, auditor');
    expect(op('/api/v1/open', 'get')['x-hopejobs-access']).toBe('public');
    expect(op('/api/v1/open', 'get').security).toEqual([]);
    expect(op('/api/v1/open', 'get').description).toBe('Open to all\n\n권한 / access: anyone');
    expect(op('/api/v1/bare', 'post')['x-hopejobs-access']).toBe('authenticated');
    expect(op('/api/v1/bare', 'post').security).toEqual([{ session: [] }]);
  });
});
