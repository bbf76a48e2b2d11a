import type { FastifyInstance, FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCycle } from '../../src/db/repositories/cycles.js';
import { seedDemo } from '../../src/domain/seed.js';
import { EngineInputError, score } from '../../src/engine/index.js';
import { problemFor } from '../../src/server/problem.js';
import { signIn, testApp, type Client } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';

/** What `problemFor` reads of a request: the language (query `lang`, Accept-Language). */
function requestIn(lang: 'ko' | 'en'): FastifyRequest {
  const req: Pick<FastifyRequest, 'query' | 'headers'> = { query: { lang }, headers: {} };
  return req as FastifyRequest;
}

/** The engine's refusal of a framework whose top has no children (a real `score` call, not a built error). */
function engineRefusal(): EngineInputError {
  try {
    score({
      iMeta: [
        { iCode: 'x', iName: 'X', Level: 1, Parent: 'Q', Weight: 1, Direction: 1, Type: 'Indicator' },
        { iCode: 'T', iName: 'Top', Level: 2, Parent: null, Weight: 1, Direction: 1, Type: 'Aggregate' },
      ],
      iData: [{ uCode: 'A', uName: 'A', x: 1 }],
    });
  } catch (e) {
    if (e instanceof EngineInputError) return e;
    throw e;
  }
  throw new Error('the engine accepted a broken framework');
}

describe('engine errors in the problem mapper', () => {
  it('answer 400 with every engine problem, in Korean and in English, never 500', () => {
    const err = engineRefusal();
    const ko = problemFor(err, requestIn('ko'));
    expect(ko).toMatchObject({ status: 400, code: 'engine_input', title: '요청 내용이 올바르지 않습니다' });
    expect(ko.detail).toMatch(/점수를 계산할 수 없습니다/);
    expect(ko.errors?.length).toBe(err.issues.filter((i) => i.severity === 'error').length);
    expect(ko.errors?.[0]?.message).toMatch(/[가-힣]/);
    const en = problemFor(err, requestIn('en'));
    expect(en).toMatchObject({ status: 400, code: 'engine_input', title: 'Invalid request' });
    expect(en.detail).toMatch(/cannot be scored/);
    expect(en.errors?.map((e) => e.message)).toContain('Parent "Q" is not in iMeta');
  });
});

describe.each(backends())('an engine refusal through the API on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  beforeAll(async () => {
    db = await backend.open();
    await seedDemo(db.db, { password: PASSWORD });
    await upsertCycle(db.db, { year: 2021, title: '2021 평가', dataPeriodStart: '2020-09-01', dataPeriodEnd: '2021-08-31', status: 'draft', isDemo: true });
    app = await testApp(db);
    admin = await signIn(app, 'admin', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('a trial run of a framework with an award tier code given twice is a 400 naming the tier, not a 500', async () => {
    expect((await admin.request('POST', '/api/v1/cycles/2021/framework/copy', { fromYear: 2019 })).statusCode).toBe(200);
    const current = (await admin.request('GET', '/api/v1/cycles/2021/framework')).json();
    const def = current.definition;
    def.awards.tiers.push({ ...def.awards.tiers[0] });
    const repeated = `config.tiers[${def.awards.tiers.length - 1}].code`;
    const saved = await admin.request('PUT', '/api/v1/cycles/2021/framework', { definition: def, rowVersion: current.rowVersion });
    expect(saved.statusCode).toBe(200);

    const ko = await admin.request('POST', '/api/v1/cycles/2021/scoring-runs', { kind: 'trial' });
    expect(ko.statusCode).toBe(400);
    expect(ko.headers['content-type']).toMatch(/^application\/problem\+json/);
    const koBody = ko.json();
    expect(koBody.code).toBe('engine_input');
    expect(koBody.detail).toMatch(/[가-힣]/);
    expect(koBody.errors).toContainEqual(expect.objectContaining({ path: repeated, message: expect.stringMatching(/중복/) }));

    const en = await admin.request('POST', '/api/v1/cycles/2021/scoring-runs?lang=en', { kind: 'trial' });
    expect(en.statusCode).toBe(400);
    expect(en.json().detail).toMatch(/cannot be scored/);
    expect(en.json().errors).toContainEqual(expect.objectContaining({ path: repeated, message: expect.stringMatching(/is repeated/) }));
  });
});
