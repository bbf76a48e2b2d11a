import { readFileSync, writeFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIV3 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRouteReference, spliceRouteReference } from '../../src/server/api-reference.js';
import { testApp } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const page = new URL('../../docs/api.md', import.meta.url);

// The document does not depend on the database; PGlite is enough.
const pglite = backends().find((b) => b.name === 'pglite')!;

describe('the API reference', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let doc: OpenAPIV3.Document;
  beforeAll(async () => {
    db = await pglite.open();
    app = await testApp(db);
    doc = (await app.inject('/api/docs/json')).json();
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('states who may call every operation, as the access hook enforces it', () => {
    const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item ?? {}).map(([method, op]) => ({ path, method, op: op as OpenAPIV3.OperationObject & { 'x-hopejobs-access'?: unknown } })),
    );
    expect(ops.length).toBeGreaterThan(80);
    for (const { path, method, op } of ops) {
      const access = op['x-hopejobs-access'];
      expect(access, `${method} ${path}`).toBeDefined();
      if (access === 'public') expect(op.security, `${method} ${path}`).toEqual([]);
      else expect(op.security, `${method} ${path}`).toEqual([{ session: [] }]);
    }
    const get = (p: string, m = 'get') => (doc.paths[p] as Record<string, { 'x-hopejobs-access'?: unknown }>)[m]!['x-hopejobs-access'];
    expect(get('/api/v1/health')).toBe('public');
    expect(get('/api/v1/me')).toBe('authenticated');
    expect(get('/api/v1/audit.csv')).toEqual(['city_admin', 'auditor']);
  });

  it('docs/api.md lists every route exactly as the app serves it', () => {
    const current = readFileSync(page, 'utf8');
    const wanted = spliceRouteReference(current, renderRouteReference(doc));
    if (process.env.UPDATE_API_DOCS === '1') writeFileSync(page, wanted);
    else expect(current, 'docs/api.md is out of date: UPDATE_API_DOCS=1 npx vitest run test/server/api-reference.test.ts').toBe(wanted);
  });
});
