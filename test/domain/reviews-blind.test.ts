import { describe, expect, it } from 'vitest';
import { evidenceDownloadHeaders } from '../../src/domain/evidence/index.js';
import { districtPseudonyms, maskDistrictText, maskedFileName } from '../../src/domain/reviews/index.js';
import { pseudonymLetters } from '../../src/domain/reviews/pseudonyms.js';
import { seoulDistricts } from '../../src/domain/reference/seoul.js';

const codes = seoulDistricts.map((d) => d.code);

describe('pseudonyms of a blind panel', () => {
  it('numbers like spreadsheet columns: A … Z, AA, AB', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(pseudonymLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });

  it('gives each of the 25 districts its own letter, the same on every call, different between cycles', () => {
    const a = districtPseudonyms(7, codes);
    expect(new Set([...a.values()].map((m) => m.ko)).size).toBe(25);
    expect([...a.values()].map((m) => m.ko).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `자치구 ${pseudonymLetters(i)}`).sort());
    expect(districtPseudonyms(7, [...codes].reverse())).toEqual(a);
    const b = districtPseudonyms(8, codes);
    expect(codes.some((c) => a.get(c)!.ko !== b.get(c)!.ko)).toBe(true);
    // Not the administrative order (종로구 = A, 중구 = B, …), which would give the names away.
    expect(codes.filter((c, i) => a.get(c)!.ko === `자치구 ${pseudonymLetters(i)}`).length).toBeLessThan(25);
  });

  it('masks the full names, the English name, the code and the two-syllable stem in free text', () => {
    const names = { code: '11215', name: '광진구', nameEn: 'Gwangjin-gu' };
    const p = { ko: '자치구 Q', en: 'District Q' };
    expect(maskDistrictText('광진구(11215) 광진 일자리센터 — Gwangjin-gu job centre', names, p)).toBe(
      '자치구 Q(자치구 Q) 자치구 Q 일자리센터 — District Q job centre',
    );
    // 중구's stem is one syllable: left alone, or "중심" would become nonsense.
    expect(maskDistrictText('중구 중심 상권', { code: '11140', name: '중구', nameEn: 'Jung-gu' }, p)).toBe('자치구 Q 중심 상권');
  });

  it('names files by position and their sniffed type only', () => {
    expect(maskedFileName(1, 'application/pdf')).toBe('증빙 1.pdf');
    expect(maskedFileName(2, 'image/jpeg')).toBe('증빙 2.jpg');
    expect(maskedFileName(3, 'application/x-unknown')).toBe('증빙 3');
  });
});

describe('evidence shown inline', () => {
  const file = (mediaType: string) => ({ originalName: '증빙 1', mediaType, size: 10 });

  it('shows a PDF inline in our own frames only, with nothing allowed to run', () => {
    const h = evidenceDownloadHeaders(file('application/pdf'), { inline: true });
    expect(h['Content-Disposition']).toMatch(/^inline;/);
    expect(h['Content-Security-Policy']).toBe("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'");
    expect(h['X-Frame-Options']).toBe('SAMEORIGIN');
  });

  it('keeps images sandboxed and everything else an attachment', () => {
    expect(evidenceDownloadHeaders(file('image/png'), { inline: true })['Content-Security-Policy']).toMatch(/; sandbox$/);
    const docx = evidenceDownloadHeaders(file('application/vnd.openxmlformats-officedocument.wordprocessingml.document'), { inline: true });
    expect(docx['Content-Disposition']).toMatch(/^attachment;/);
    expect(docx['Content-Security-Policy']).toBe("default-src 'none'; sandbox");
    expect(docx['X-Frame-Options']).toBeUndefined();
    expect(evidenceDownloadHeaders(file('application/pdf'))['Content-Disposition']).toMatch(/^attachment;/);
  });
});
