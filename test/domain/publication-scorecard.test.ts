import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scorecardPdf, type TrendPoint } from '../../src/domain/publication/index.js';
import { fixture } from './publication-fixture.js';

const { outcome, framework } = fixture();
const gwangjin = outcome.units.find((u) => u.code === '11215')!;
const trend: TrendPoint[] = [
  { year: 2016, score: 71.2, rank: 6, awardTier: 'excellent' },
  { year: 2017, score: 74.9, rank: 4, awardTier: 'excellent' },
  { year: 2018, score: 69.3, rank: 7, awardTier: 'excellent' },
  { year: 2019, score: gwangjin.score, rank: gwangjin.rank, awardTier: gwangjin.awardTier },
];

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const work = mkdtempSync(path.join(tmpdir(), 'hopejobs-scorecard-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The text of a PDF as pdftotext extracts it (pdfkit writes glyph ids, so the bytes do not show the words). */
function extractText(pdf: Buffer, name: string): string {
  const file = path.join(work, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('scorecardPdf', () => {
  it('is a PDF with Pretendard embedded as a subset', async () => {
    const pdf = await scorecardPdf(outcome, framework, '11215', { lang: 'ko', demo: true, trend });
    const bytes = pdf.toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    expect(bytes).toMatch(/\/FontFile3?\b/);
    expect(bytes).toMatch(/\/BaseFont \/[A-Z]{6}\+Pretendard-Regular/);
    expect(bytes).toMatch(/\/BaseFont \/[A-Z]{6}\+Pretendard-Bold/);
    expect(bytes).toContain('/MediaBox [0 0 595.28 841.89]');
    // Subsetted: far smaller than the 1.5 MB font files themselves.
    expect(pdf.length).toBeLessThan(400_000);
  });

  it('gives the same bytes for the same inputs (reproducible)', async () => {
    const a = await scorecardPdf(outcome, framework, '11215', { lang: 'ko', demo: true, trend });
    const b = await scorecardPdf(outcome, framework, '11215', { lang: 'ko', demo: true, trend });
    expect(a.equals(b)).toBe(true);
  });

  it('rejects a district that is not in the results', async () => {
    await expect(scorecardPdf(outcome, framework, '99999', { lang: 'ko', demo: true })).rejects.toThrow(/scorecardPdf: no district with code "99999"/);
  });

  it('contains the district, its figures, every indicator, the demo label and the input hash as searchable text', async (ctx) => {
    if (!hasPdftotext) {
      console.log('pdftotext not installed: skipping the PDF text check (apt-get install poppler-utils)');
      ctx.skip();
    }
    const text = extractText(await scorecardPdf(outcome, framework, '11215', { lang: 'ko', demo: true, trend }), 'ko.pdf');
    expect(text).toContain('광진구');
    expect(text).toContain('HopeJobs 희망일자리 평가');
    expect(text).toContain('데모 데이터');
    expect(text).toContain('88.85');
    expect(text).toContain('1위 / 25개');
    expect(text).toContain('최우수구');
    expect(text).toContain('4년 연속 우수구');
    expect(text).toContain('사회적경제 시장 활성화');
    for (const ind of framework.indicators) expect(text, ind.code).toMatch(new RegExp(`^\\s*${ind.code}\\s`, 'm'));
    expect(text).toContain(`입력 해시 ${outcome.snapshotHash.slice(0, 12)}`);
    expect(text).toContain(`엔진 버전 ${outcome.engineVersion}`);
    expect(text).toContain('연도별 추이');
    expect(text).toMatch(/2017\s+74\.90\s+4\s+우수구/);
  });

  it('speaks English on request and leaves out the demo label for real data', async (ctx) => {
    if (!hasPdftotext) {
      console.log('pdftotext not installed: skipping the PDF text check (apt-get install poppler-utils)');
      ctx.skip();
    }
    const text = extractText(await scorecardPdf(outcome, framework, '11215', { lang: 'en', demo: false, unitName: 'Gwangjin-gu' }), 'en.pdf');
    expect(text).toContain('Gwangjin-gu');
    expect(text).toContain('Best district');
    expect(text).toContain('4 years running');
    expect(text).toContain('This scorecard is reproducible: input hash');
    expect(text).not.toContain('Demo data');
    expect(text).not.toContain('Trend');
  });
});
