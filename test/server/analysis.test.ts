import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRun } from '../../src/db/repositories/scoring-runs.js';
import { clearPublicCache } from '../../src/domain/publication/index.js';
import { runScoring } from '../../src/domain/scoring/runs.js';
import { systemPrincipal } from '../../src/domain/authz.js';
import { analyse } from '../../src/engine/index.js';
import { signIn, testApp } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';

describe.each(backends())('statistical audit of scoring runs on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let runIds: number[] = [];
  beforeAll(async () => {
    const demo = await backend.openDemo(PASSWORD, { data: true });
    db = demo;
    runIds = demo.demoRuns;
    clearPublicCache();
    app = await testApp(db);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('serves the published run’s audit to everyone, equal to analysing the published engine input', async () => {
    const res = await app.inject('/api/v1/public/cycles/2019/analysis');
    expect(res.statusCode).toBe(200);
    const view = res.json();
    const input = (await app.inject('/api/v1/public/cycles/2019/engine-input')).json();
    const mine = analyse({ iMeta: input.iMeta, iData: input.iData, options: input.options });
    expect(view.analysis).toEqual(JSON.parse(JSON.stringify(mine)));
    expect(view.unitCount).toBe(25);
    expect(view.nodes.find((n: { code: string }) => n.code === 'TOTAL')).toMatchObject({ level: 3, parent: null, name: { ko: '총점', en: 'Total' } });
    // every element is named in both languages, as the framework names it
    const named = view.nodes as Array<{ code: string; name: { ko: string; en: string } }>;
    expect(named.filter((n) => !n.name.ko || !n.name.en)).toEqual([]);
    expect(named.find((n) => n.code === 'J2')?.name).toEqual({ ko: expect.stringMatching(/[가-힣]/), en: expect.stringMatching(/^[^가-힣]+$/) });
    // stored with the run once read
    const stored = await findRun(db.db, view.runId);
    expect(stored?.analysis).toEqual(view.analysis);
    expect((await app.inject('/api/v1/public/cycles/2020/analysis')).statusCode).toBe(404);
  });

  it('stores the audit with a new run, readable by the city administrator and not by a district officer', async () => {
    const run = await runScoring(db.db, systemPrincipal, 2019, 'trial', { note: 'audit test' });
    const row = await findRun(db.db, run.id);
    expect(row?.analysis).not.toBeNull();
    const admin = await signIn(app, 'admin', PASSWORD);
    const res = await admin.request('GET', `/api/v1/scoring-runs/${run.id}/analysis`);
    expect(res.statusCode).toBe(200);
    expect(res.json().analysis).toEqual(row?.analysis);
    expect(res.json().analysis.inputHash).toMatch(/^[0-9a-f]{64}$/);
    const officer = await signIn(app, 'officer.11215', PASSWORD);
    expect((await officer.request('GET', `/api/v1/scoring-runs/${runIds[0]}/analysis`)).statusCode).toBe(403);
    expect((await admin.request('GET', `/api/v1/scoring-runs/999999/analysis`)).statusCode).toBe(404);
  });
});
