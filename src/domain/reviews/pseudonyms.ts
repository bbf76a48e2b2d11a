import { createHash } from 'node:crypto';
import type { Message } from '../errors.js';
import { evidenceTypeOfMediaType, evidenceTypes } from '../evidence/evidence-types.js';

/** "A", "B", …, "Z", "AA", "AB", … (spreadsheet column letters) for 0, 1, 2, … */
export function pseudonymLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * Stable pseudonyms for the districts of one cycle ("자치구 A" / "District A"), for a blind panel. The order is the
 * SHA-256 of cycle id and code, so it is the same on every screen and every call, differs between cycles, and does
 * not follow the administrative order (which would let a reviewer guess "A" = 종로구). O(n log n).
 *
 * @example districtPseudonyms(7, ['11110', '11215']).get('11215') // { ko: '자치구 B', en: 'District B' } (or A)
 */
export function districtPseudonyms(cycleId: number, codes: readonly string[]): Map<string, Message> {
  const keyed = [...new Set(codes)].map((code) => ({ code, key: createHash('sha256').update(`${cycleId}:${code}`).digest('hex') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return new Map(keyed.map(({ code }, i) => [code, { ko: `자치구 ${pseudonymLetters(i)}`, en: `District ${pseudonymLetters(i)}` }]));
}

/**
 * Replaces a district's names and code in free text with its pseudonym: the full names first, then the Korean
 * stem without its suffix (광진구 → 광진) when at least two syllables remain, so "광진 일자리센터" is masked too.
 */
export function maskDistrictText(text: string, names: { code: string; name: string; nameEn: string }, pseudonym: Message): string {
  const stem = names.name.replace(/(구|군|시)$/u, '');
  const words = [names.name, names.nameEn, names.code, ...(stem.length >= 2 ? [stem] : [])].filter((w) => w.length > 0);
  let out = text;
  for (const w of words) out = out.split(w).join(w === names.nameEn ? pseudonym.en : pseudonym.ko);
  return out;
}

/** "증빙 3.pdf": a file name that says nothing about who uploaded it, keeping only its (sniffed) extension. */
export function maskedFileName(position: number, mediaType: string): string {
  const type = evidenceTypeOfMediaType(mediaType);
  return `증빙 ${position}${type ? `.${evidenceTypes[type].extensions[0]}` : ''}`;
}
