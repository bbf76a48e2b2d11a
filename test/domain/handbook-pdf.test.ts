import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultFramework } from '../../src/domain/frameworks/defaults/index.js';
import type { FrameworkDefinition } from '../../src/domain/frameworks/definition.js';
import { describeMethod, handbookPdf } from '../../src/domain/publication/index.js';

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const work = mkdtempSync(path.join(tmpdir(), 'hopejobs-handbook-pdf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The text of a PDF as pdftotext extracts it, without line breaks (a paragraph may wrap anywhere). */
function extractText(pdf: Buffer, name: string): string {
  const file = path.join(work, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const HASH = '0123456789abcdef0123456789abcdef';
const options = { lang: 'ko' as const, demo: true, version: 3, definitionHash: HASH };

describe('handbookPdf', () => {
  it('is a reproducible A4 PDF with Pretendard embedded as a subset', async () => {
    const framework = defaultFramework(2019);
    const a = await handbookPdf(2019, framework, options);
    const b = await handbookPdf(2019, framework, options);
    expect(a.equals(b)).toBe(true);
    const bytes = a.toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    expect(bytes).toMatch(/\/BaseFont \/[A-Z]{6}\+Pretendard-Regular/);
    expect(bytes).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(a.length).toBeLessThan(600_000);
  });

  it.skipIf(!hasPdftotext)('holds every indicator with its guidance and the scoring method taken from the framework', async () => {
    const framework = defaultFramework(2019);
    const text = extractText(await handbookPdf(2019, framework, options), 'ko.pdf');
    expect(text).toContain('2019 평가 편람');
    expect(text).toContain(`평가 체계 버전 3 · ${HASH.slice(0, 12)}`);
    expect(text).toContain('데모 데이터');
    for (const ind of framework.indicators) {
      expect(text, ind.code).toContain(`${ind.code} ${ind.name.ko}`);
      expect(text, ind.code).toContain(describeMethod(ind, 'ko'));
      for (const item of ind.guidance!.checklist!) expect(text, ind.code).toContain(item.ko);
    }
  });

  it.skipIf(!hasPdftotext)('says when an indicator has no guidance yet, and falls back to Korean where the English is still empty', async () => {
    const base = defaultFramework(2019);
    const framework: FrameworkDefinition = {
      ...base,
      indicators: base.indicators.map((i) =>
        i.code === 'S1' ? { ...i, guidance: undefined } : i.code === 'J1' ? { ...i, guidance: { definition: { ko: '기업방문 정의 한국어만', en: '' } } } : i,
      ),
    };
    const ko = extractText(await handbookPdf(2019, framework, options), 'missing-ko.pdf');
    expect(ko).toContain('이 지표에는 아직 편람 내용이 없습니다.');
    const en = extractText(await handbookPdf(2019, framework, { ...options, lang: 'en', demo: false }), 'missing-en.pdf');
    expect(en).toContain('2019 evaluation handbook');
    expect(en).toContain('No handbook text for this indicator yet.');
    expect(en).toContain('기업방문 정의 한국어만');
    expect(en).toContain(base.indicators.find((i) => i.code === 'J8')!.guidance!.checklist![1]!.en);
    expect(en).not.toContain('데모 데이터');
  });
});
