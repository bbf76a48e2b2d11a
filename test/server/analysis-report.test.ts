import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearPublicCache } from '../../src/domain/publication/index.js';
import { signIn, testApp } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const PASSWORD = 'test-password-1';
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const work = mkdtempSync(path.join(tmpdir(), 'hopejobs-analysis-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pdfText(pdf: Buffer, name: string): string | null {
  if (!hasPdftotext) return null;
  const file = path.join(work, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

interface View {
  runId: number;
  nodes: { code: string; name: { ko: string; en: string } }[];
  analysis: {
    correlations: { a: string; b: string; r: number | null; relation: string }[];
    cronbach: Record<string, number | null>;
    removal: { code: string; meanAbsRankChange: number | null }[];
  };
}

async function workbook(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  return wb;
}

/** The correlation sheet's r for the pair (a, b), found by the codes in its last columns. */
function sheetR(wb: ExcelJS.Workbook, a: string, b: string): unknown {
  const ws = wb.getWorksheet('상관')!;
  let found: unknown;
  ws.eachRow((row, i) => {
    if (i > 1 && row.getCell(5).value === a && row.getCell(6).value === b) found = row.getCell(3).value;
  });
  return found;
}

describe.each(backends())('audit report downloads on $name', (backend) => {
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

  it('the public workbook of 2019 has the five sheets and the API’s correlations', async () => {
    const view = (await app.inject('/api/v1/public/cycles/2019/analysis')).json() as View;
    const res = await app.inject('/api/v1/public/cycles/2019/analysis.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['cache-control']).toContain('public');
    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['요약', '상관', '신뢰도·주성분', '지표 제거 영향', '기초 통계']);
    const pair = view.analysis.correlations.find((c) => c.relation === 'sibling' && c.r !== null)!;
    expect(sheetR(wb, pair.a, pair.b)).toBe(pair.r);
    expect(wb.getWorksheet('상관')!.rowCount).toBe(view.analysis.correlations.length + 1);
    // α of the total, by its code in the last column
    const rel = wb.getWorksheet('신뢰도·주성분')!;
    let alpha: unknown;
    rel.eachRow((row) => {
      if (row.getCell(6).value === 'TOTAL') alpha = row.getCell(3).value;
    });
    expect(alpha).toBe(view.analysis.cronbach.TOTAL);
    // the same bytes the second time (stored once), and 304 with the ETag
    const again = await app.inject({ url: '/api/v1/public/cycles/2019/analysis.xlsx', headers: { 'if-none-match': res.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect((await app.inject('/api/v1/public/cycles/2020/analysis.xlsx')).statusCode).toBe(404);
  });

  it('the public PDF reads the audit in words, Korean and English', async () => {
    const res = await app.inject('/api/v1/public/cycles/2019/analysis.pdf?lang=ko');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const text = pdfText(res.rawPayload, 'ko.pdf');
    if (text === null) {
      console.log('pdftotext not installed: PDF text not checked');
      return;
    }
    const view = (await app.inject('/api/v1/public/cycles/2019/analysis')).json() as View;
    const collapsed = text.replace(/\s+/g, ' ');
    expect(collapsed).toContain('2019년 평가 체계 통계 점검');
    expect(collapsed).toContain('분야별 일관성');
    expect(collapsed).toMatch(/같은 방향을 가리킵니다|서로 다른 것을 재고 있습니다/);
    const top = [...view.analysis.removal].sort((a, b) => (b.meanAbsRankChange ?? 0) - (a.meanAbsRankChange ?? 0))[0]!;
    const name = view.nodes.find((n) => n.code === top.code)!.name.ko;
    expect(collapsed).toContain(`${name} ${new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 2 }).format(top.meanAbsRankChange!)}`);
    const en = pdfText((await app.inject('/api/v1/public/cycles/2019/analysis.pdf?lang=en')).rawPayload, 'en.pdf')!;
    expect(en.replace(/\s+/g, ' ')).toContain('Consistency by field');
    // The English report names the framework's elements in English.
    const enName = view.nodes.find((n) => n.code === top.code)!.name.en;
    expect(enName).toMatch(/^[\x20-\x7e–—·]+$/);
    expect(en.replace(/\s+/g, ' ')).toContain(enName);
  });

  it('a run’s report is for the city and the auditor only', async () => {
    const admin = await signIn(app, 'admin', PASSWORD);
    const id = runIds[0]!;
    const view = (await admin.request('GET', `/api/v1/scoring-runs/${id}/analysis`)).json() as View;
    const res = await admin.request('GET', `/api/v1/scoring-runs/${id}/analysis.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const wb = await workbook(res.rawPayload);
    const pair = view.analysis.correlations.find((c) => c.relation === 'parent' && c.r !== null)!;
    expect(sheetR(wb, pair.a, pair.b)).toBe(pair.r);
    const pdf = await admin.request('GET', `/api/v1/scoring-runs/${id}/analysis.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const officer = await signIn(app, 'officer.11215', PASSWORD);
    expect((await officer.request('GET', `/api/v1/scoring-runs/${id}/analysis.xlsx`)).statusCode).toBe(403);
    expect((await app.inject(`/api/v1/scoring-runs/${id}/analysis.pdf`)).statusCode).toBe(401);
  });
});
