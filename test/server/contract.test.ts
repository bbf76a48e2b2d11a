import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';
import type { ComputationStep, ProvisionalUnit, ResultUnit, Scorecard, ScorecardTrendPoint, ScoringRun, SubmissionItem } from '../../src/web/types/index.js';
import { testApp } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

/** Every route the app registers, with the schemas it validates and serialises with. */
const recorded = vi.hoisted(() => [] as Array<{ method: string; url: string; schema: RouteOptions['schema'] }>);
vi.mock('fastify', async (original) => {
  const mod = (await original()) as { default: (...args: unknown[]) => FastifyInstance };
  const recording = (...args: unknown[]) => {
    const app = mod.default(...args);
    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) if (method !== 'HEAD') recorded.push({ method, url: route.url, schema: route.schema });
    });
    return app;
  };
  Object.assign(recording, mod.default);
  return { ...mod, default: recording, fastify: recording };
});

const contractDir = new URL('../../src/contract/', import.meta.url);
const routesDir = new URL('../../src/server/routes/', import.meta.url);

/** Every schema the contract exports (src/contract/*.ts): the one place the API's shapes are written. */
async function contractSchemas(): Promise<Map<z.ZodType, string>> {
  const found = new Map<z.ZodType, string>();
  for (const file of readdirSync(contractDir).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(new URL(file, contractDir).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) if (value instanceof z.ZodType) found.set(value, `${file}:${name}`);
  }
  return found;
}

const pglite = backends().find((b) => b.name === 'pglite')!;

/**
 * The web's types are `z.output` of the contract's schemas (src/web/types/index.ts), so they cannot drift from what
 * the server validates as long as the server answers with those very schemas: this test holds every route to that.
 */
describe('the API contract', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let schemas: Map<z.ZodType, string>;
  beforeAll(async () => {
    db = await pglite.open();
    app = await testApp(db);
    await app.ready();
    schemas = await contractSchemas();
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('answers every route with a schema exported from src/contract, and reads every JSON body with one', () => {
    const api = recorded.filter((r) => r.url.startsWith('/api/v1/'));
    expect(api.length).toBeGreaterThan(80);
    const stray: string[] = [];
    let responses = 0;
    for (const { method, url, schema } of api) {
      const s = (schema ?? {}) as { response?: Record<string, unknown>; body?: unknown };
      for (const [status, response] of Object.entries(s.response ?? {})) {
        responses += 1;
        if (!schemas.has(response as z.ZodType)) stray.push(`${method} ${url} → ${status}`);
      }
      if (s.body !== undefined) {
        // An optional body (`schema.nullish()`) wraps a contract schema.
        const body = s.body instanceof z.ZodOptional || s.body instanceof z.ZodNullable ? (s.body as z.ZodOptional).unwrap() : s.body;
        const inner = body instanceof z.ZodOptional || body instanceof z.ZodNullable ? (body as z.ZodOptional).unwrap() : body;
        if (!schemas.has(inner as z.ZodType)) stray.push(`${method} ${url} ← body`);
      }
    }
    expect(responses).toBeGreaterThan(80);
    expect(stray, 'schemas written in a route instead of src/contract').toEqual([]);
  });

  it('keeps every route file to its own handlers: schemas come from the contract, never from another route', () => {
    for (const file of readdirSync(routesDir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(new URL(file, routesDir), 'utf8');
      expect(text, file).not.toMatch(/from '\.\/[a-z-]+\.js'/);
    }
  });

  it('leaves the contract free of the layers that use it', () => {
    for (const file of readdirSync(contractDir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(new URL(file, contractDir), 'utf8');
      expect(text, file).not.toMatch(/from '\.\.\/(server|domain|db|web|cli)\//);
    }
  });

  it('gives the web the server’s truth where the hand-written copies had drifted', () => {
    // A district without a score (no value for a quantitative indicator) has no rank either.
    expectTypeOf<ResultUnit['score']>().toEqualTypeOf<number | null>();
    expectTypeOf<ResultUnit['rank']>().toEqualTypeOf<number | null>();
    expectTypeOf<ResultUnit['fieldScores']>().toEqualTypeOf<Record<string, number | null>>();
    expectTypeOf<Scorecard['score']>().toEqualTypeOf<number | null>();
    expectTypeOf<Scorecard['rank']>().toEqualTypeOf<number | null>();
    expectTypeOf<ScorecardTrendPoint['score']>().toEqualTypeOf<number | null>();
    expectTypeOf<ProvisionalUnit['rank']>().toEqualTypeOf<number | null>();
    // A run has no result until it has finished.
    expectTypeOf<ScoringRun['result']>().toExtend<object | null>();
    expectTypeOf<null>().toExtend<ScoringRun['result']>();
    // The formula evaluator writes text and booleans too.
    expectTypeOf<ComputationStep['value']>().toEqualTypeOf<number | string | boolean | null | undefined>();
    // Dates arrive as ISO strings.
    expectTypeOf<SubmissionItem['submittedAt']>().toEqualTypeOf<string | null>();
  });
});
