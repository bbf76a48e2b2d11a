import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { canonicalJson, decodeText, sha256HexOfText } from '../../src/engine/index.js';
import { parseCsv } from '../../src/engine/csv-parse.js';
import { decodeCp949 } from '../../src/engine/decode-cp949.js';
import { displayWidth, padDisplay } from '../../src/engine/display-width.js';
import { sha256Hex, sha256HexOfParts, sha256HexOfTextPortable } from '../../src/engine/sha256.js';
import fc from 'fast-check';

describe('CSV reader (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF', () => {
    const r = parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",\n');
    expect(r.records.map((x) => x.cells)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
    expect(r.records.map((x) => x.row)).toEqual([1, 2, 3]);
    expect(r.records[1]!.quoted).toEqual([false, true, true]);
  });

  it('skips blank lines but keeps counting rows, and detects a semicolon delimiter', () => {
    const r = parseCsv('a;b\n\n1;2\n');
    expect(r.delimiter).toBe(';');
    expect(r.records.map((x) => [x.row, x.cells])).toEqual([
      [1, ['a', 'b']],
      [3, ['1', '2']],
    ]);
  });

  it('reports an unterminated quote', () => {
    expect(parseCsv('a,b\n1,"open\n').error).toMatchObject({ reason: 'unterminated-quote', row: 2 });
  });
});

describe('text decoding', () => {
  it('reads UTF-8, UTF-8 with BOM and CP949', () => {
    expect(decodeText(new Uint8Array(Buffer.from('광진구', 'utf8')))).toEqual({ text: '광진구', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('구', 'utf8')]))).toEqual({ text: '구', encoding: 'utf-8-bom' });
    expect(decodeText(new Uint8Array(iconv.encode('서울 희망일자리, 똠방각하', 'cp949')))).toEqual({
      text: '서울 희망일자리, 똠방각하',
      encoding: 'cp949',
    });
  });

  it('decodes every Hangul syllable of CP949 as iconv-lite does, including the UHC extension', () => {
    let all = '';
    for (let c = 0xac00; c <= 0xd7a3; c++) all += String.fromCharCode(c);
    all += ' ㄱㄴ ①② 漢字 ※ abc 123';
    expect(decodeCp949(new Uint8Array(iconv.encode(all, 'cp949')))).toBe(all);
  });
});

describe('display width', () => {
  it('counts Hangul and CJK as two columns', () => {
    expect(displayWidth('광진구 A')).toBe(8);
    expect(displayWidth('abc')).toBe(3);
    expect(padDisplay('구', 4)).toBe('구  ');
    expect(padDisplay('7', 3, 'right')).toBe('  7');
  });
});

describe('sha256 and canonical JSON', () => {
  it('agrees with node:crypto on known and random inputs', () => {
    expect(sha256HexOfText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexOfText('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (const n of [1, 55, 56, 63, 64, 65, 119, 1000, 70000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('hashes text natively in Node and portably elsewhere, to the same digest (lone surrogates included)', () => {
    // In Node the engine uses the runtime's SHA-256; browsers run the portable code. Both must hash the same bytes.
    expect(sha256HexOfText).not.toBe(sha256HexOfTextPortable);
    for (const text of ['', 'abc', '광진구 희망일자리', 'a\ud800b', '\udc00', '\ud83d\ude00', 'x'.repeat(70_000)]) {
      expect(sha256HexOfText(text)).toBe(sha256HexOfTextPortable(text));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => sha256HexOfText(text) === sha256HexOfTextPortable(text)),
      { numRuns: 500 },
    );
    // In pieces (the input hash is fed row by row): the digest of the whole text.
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 80 }), { maxLength: 30 }),
        (parts) => sha256HexOfParts(parts) === sha256HexOfTextPortable(parts.join('')),
      ),
      { numRuns: 300 },
    );
  });

  it('sorts keys and writes numbers in one form', () => {
    expect(canonicalJson({ b: 1.5, a: [true, null, -0], c: undefined })).toBe('{"a":[true,null,0],"b":1.5}');
    expect(canonicalJson({ x: 1e21, y: NaN })).toBe('{"x":1e+21,"y":null}');
  });
});
