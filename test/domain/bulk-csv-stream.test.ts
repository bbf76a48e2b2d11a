import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { readCsvRows, type CsvReadOptions, type CsvRow } from '../../src/domain/imports/csv-stream.js';

const chunks = (bytes: Buffer, size: number) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    })(),
  );

async function read(source: Readable, opts: CsvReadOptions = {}) {
  const stream = readCsvRows(source, opts);
  const rows: CsvRow[] = [];
  for await (const r of stream) rows.push(r);
  return { rows, encoding: stream.transcoder.encoding, bytes: stream.transcoder.bytesIn };
}

const text = '자치구,기업명\n11215,"(주)희망, 광진"\n11230,"동대문 ""상생"" 협동조합"\n';
const expected = [
  { line: 1, cells: ['자치구', '기업명'] },
  { line: 2, cells: ['11215', '(주)희망, 광진'] },
  { line: 3, cells: ['11230', '동대문 "상생" 협동조합'] },
];

describe('reading CSV streams', () => {
  it('decodes UTF-8 with and without a BOM and CP949 to the same rows, at any chunk size', async () => {
    const variants: Array<[Buffer, string]> = [
      [Buffer.from(text), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8'],
      [iconv.encode(text, 'cp949'), 'cp949'],
    ];
    for (const [bytes, encoding] of variants) {
      for (const size of [1, 2, 3, 5, 64, 1 << 16]) {
        const r = await read(chunks(bytes, size));
        expect(r.rows, `${encoding} in chunks of ${size}`).toEqual(expected);
        expect(r.encoding).toBe(encoding);
        expect(r.bytes).toBe(bytes.length);
      }
    }
  });

  it('switches to CP949 when the first Korean text comes after a long ASCII stretch', async () => {
    const ascii = `code,name\n${'11215,plain ascii\n'.repeat(5000)}`;
    const bytes = Buffer.concat([Buffer.from(ascii), iconv.encode('11215,광진구\n', 'cp949')]);
    const r = await read(chunks(bytes, 4096));
    expect(r.encoding).toBe('cp949');
    expect(r.rows.at(-1)).toEqual({ line: 5002, cells: ['11215', '광진구'] });
  });

  it('numbers lines from where each record starts, past blank lines and multi-line cells', async () => {
    const csv = 'a,b\r\n\r\n1,"two\nlines"\n\n\n3,x\n"4\n\n4",y';
    const r = await read(Readable.from([Buffer.from(csv)]));
    expect(r.rows.map((x) => x.line)).toEqual([1, 3, 7, 8]);
    expect(r.rows[1]?.cells).toEqual(['1', 'two\nlines']);
    expect(r.rows[3]?.cells).toEqual(['4\n\n4', 'y']);
  });

  it('keeps a quote inside an unquoted cell as written', async () => {
    const r = await read(Readable.from([Buffer.from('a,b\n모니터 27",1\n')]));
    expect(r.rows[1]?.cells).toEqual(['모니터 27"', '1']);
  });

  it('honours an explicit encoding', async () => {
    const r = await read(Readable.from([iconv.encode(text, 'cp949')]), { encoding: 'cp949' });
    expect(r.rows).toEqual(expected);
    await expect(read(Readable.from([iconv.encode(text, 'cp949')]), { encoding: 'utf-8' })).rejects.toMatchObject({
      code: 'invalid_encoding',
    });
  });

  it('stops a runaway record instead of buffering the whole file', async () => {
    const open = Buffer.from(`a,b\n1,"${'x'.repeat(5000)}`);
    const err = await read(Readable.from([open]), { maxRecordSize: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'csv_syntax', problems: [{ row: 2 }] });
  });

  it('reports an encoding broken mid-file at its line', async () => {
    const head = Buffer.from('a,b\n1,가\n2,나\n');
    const err = await read(Readable.from([head, Buffer.from([0x33, 0x2c, 0xb0, 0xa1, 0x0a])])).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid_encoding', problems: [{ row: 4 }] });
  });

  it('refuses a header cell, a cell or a row of columns over the limits, naming the line and column, at any chunk size', async () => {
    const limits = { maxHeaderChars: 10, maxFieldChars: 20, maxColumns: 5 };
    const cases: Array<[string, string, { row: number; column?: string }, RegExp]> = [
      ['a header cell', `a,${'h'.repeat(11)}\n1,2\n`, { row: 1, column: 'B' }, /1행 B열의 머리글에 11자의/],
      ['a cell', `a,b\n1,2\n"3\n3",${'가'.repeat(21)}\n4,5\n`, { row: 3, column: 'b' }, /3행 B열\('b'\)의 값에 21자의/],
      ['a row of columns', 'a,b\n1,2,3,4,5,6\n', { row: 2 }, /2행에 열이 (6개|5개 넘게)/],
      ['a header of columns', 'a,b,c,d,e,f\n1\n', { row: 1 }, /1행에 열이 (6개|5개 넘게)/],
    ];
    for (const [what, csv, where, message] of cases) {
      for (const size of [1, 7, 1 << 16]) {
        const err = await read(chunks(Buffer.from(csv), size), { limits }).catch((e: unknown) => e);
        expect(err, `${what} in chunks of ${size}`).toBeInstanceOf(DomainError);
        expect(err, `${what} in chunks of ${size}`).toMatchObject({ code: 'csv_limit_exceeded', problems: [where] });
        expect((err as DomainError).problems[0]!.message.ko, what).toMatch(message);
        if (!where.column) expect((err as DomainError).problems[0]!.column).toBeUndefined();
      }
    }
    // At the limits, everything is read.
    const fits = `${'h'.repeat(10)},b,c,d,e\n${'가'.repeat(20)},2,3,4,5\n`;
    expect((await read(Readable.from([Buffer.from(fits)]), { limits })).rows).toHaveLength(2);
  });

  it('refuses a cell still being read once it is far over the limit, without waiting for its end', async () => {
    const open = Buffer.from(`a,b\n1,2\n3,"${'x'.repeat(5000)}`);
    const err = await read(Readable.from([open]), { limits: { maxFieldChars: 20 } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'csv_limit_exceeded', problems: [{ row: 3, column: 'b' }] });
    expect((err as DomainError).problems[0]!.message.en).toMatch(/far more than 20 characters/);
    // The default limits leave the record limit to refuse a runaway quote.
    const runaway = await read(Readable.from([open]), { maxRecordSize: 1000 }).catch((e: unknown) => e);
    expect(runaway).toMatchObject({ code: 'csv_syntax' });
  });

  it('parses a large chunk in slices, letting the event loop turn in between', async () => {
    const bytes = Buffer.from(`a,b\n${'12345,abcdef\n'.repeat(200_000)}`);
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    try {
      const r = await read(Readable.from([bytes]));
      expect(r.rows).toHaveLength(200_001);
    } finally {
      clearInterval(timer);
    }
    // Parsed as one chunk, the 2.6 MB would hold the loop until the end (no turn at all).
    expect(turns).toBeGreaterThan(3);
  });
});
