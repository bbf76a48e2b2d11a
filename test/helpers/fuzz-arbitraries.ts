import fc from 'fast-check';
import iconv from 'iconv-lite';

/** Generators of hostile input shared by the fuzz suites. */

/** Text a spreadsheet would run, or that trips number and date parsers. */
export const nastyTokens = [
  '=1+1',
  '=cmd|" /C calc"!A0',
  '+SUM(A1:A9)',
  '-2+3',
  '@SUM(1)',
  '\t=1',
  '\r=1',
  '=HYPERLINK("http://evil.example","클릭")',
  'NaN',
  'nan',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '1e308',
  '9007199254740993',
  '179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000',
  '0x10',
  '1,000,000',
  '1.2.3',
  '-0',
  '２０',
  '2020-02-30',
  '2020-13-01',
  '0000-00-00',
  '2020.3.5',
  '9999-12-31',
  '1899-12-30',
  '예',
  '아니오',
  'NA',
  '',
  ' ',
  '"',
  '""',
  "'",
  '\\',
  '\\N',
  '\u0000',
  '\u0007\u001b[31m',
  '\ufeff',
  '\u202e',
  '\ud800',
  '𝄞',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  "'; DROP TABLE activity_records; --",
  '../../etc/passwd',
  '%00',
  '광진구',
  '기업방문',
] as const;

const controlChar = fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c));
const hangul = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c));

/** Strings mixing ordinary text, Hangul, control characters, quotes, separators and the nasty tokens. */
export const hostileString = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...nastyTokens) },
    { weight: 3, arbitrary: fc.string({ maxLength, unit: fc.oneof(fc.constantFrom(...'abc,;"\'\n\r\t =+-@0123456789.eE'.split('')), controlChar, hangul) }) },
    { weight: 2, arbitrary: fc.string({ maxLength, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.string({ maxLength, unit: 'binary' }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...nastyTokens), fc.string({ maxLength: 8 })).map(([a, b]) => a + b) },
  );

/** Numbers at and beyond the edges: NaN, ±Infinity, ±0, the largest and smallest doubles, unsafe integers. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -0,
    0,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER + 2,
    1e21,
    -1e21,
    2 ** 31,
    -(2 ** 31) - 1,
  ),
  fc.double(),
  fc.integer(),
  fc.integer({ min: -1000, max: 1000 }),
);

/** A CSV/engine cell as text. */
export const hostileCellText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileString(30) },
  { weight: 2, arbitrary: hostileNumber.map(String) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 50 }).map(String) },
);

/** RFC 4180 quoting of one cell (sometimes left unquoted on purpose by the callers). */
export const quoteCsv = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Bytes that are not valid UTF-8: lone continuation bytes, overlong forms, surrogates, truncated sequences. */
export const invalidUtf8: fc.Arbitrary<Uint8Array> = fc.constantFrom(
  Uint8Array.from([0x80]),
  Uint8Array.from([0xc0, 0xaf]),
  Uint8Array.from([0xe0, 0x80, 0xaf]),
  Uint8Array.from([0xed, 0xa0, 0x80]),
  Uint8Array.from([0xf4, 0x90, 0x80, 0x80]),
  Uint8Array.from([0xea, 0xb0]),
  Uint8Array.from([0xff, 0xfe]),
  Uint8Array.from([0xfe, 0xff]),
);

/** Random Hangul (and ASCII) text as CP949 bytes. */
export const cp949Text: fc.Arbitrary<Buffer> = fc
  .string({ maxLength: 60, unit: fc.oneof(hangul, fc.constantFrom(...'abc,\n"0123456789 '.split(''))) })
  .map((s) => iconv.encode(s, 'cp949'));

const BOMS = [
  Buffer.alloc(0),
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]),
  Buffer.from([0xff, 0xfe]),
  Buffer.from([0xfe, 0xff]),
  Buffer.from([0xef, 0xbb]),
];

/** A byte-order mark, a doubled one, a UTF-16 one, a truncated one, or none. */
export const bom: fc.Arbitrary<Buffer> = fc.constantFrom(...BOMS);

/**
 * A whole file's bytes that look more or less like CSV: random bytes, UTF-8 text with hostile cells, CP949 text,
 * any of them behind a BOM and with invalid UTF-8 spliced in.
 */
export function csvLikeBytes(header: readonly string[]): fc.Arbitrary<Buffer> {
  // Mostly quoted as RFC 4180 says; sometimes raw, so stray quotes and line breaks reach the parser too.
  const cell = fc.tuple(hostileCellText, fc.integer({ min: 0, max: 4 })).map(([c, q]) => (q > 0 ? quoteCsv(c) : c));
  const row = fc.array(cell, { minLength: 0, maxLength: header.length + 2 }).map((cells) => cells.join(','));
  const eol = fc.constantFrom('\n', '\r\n', '\r');
  const text = fc
    .tuple(fc.boolean(), fc.array(row, { maxLength: 6 }), eol)
    .map(([withHeader, rows, nl]) => (withHeader ? [header.join(','), ...rows] : rows).join(nl));
  return fc.oneof(
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
    { weight: 4, arbitrary: fc.tuple(bom, text).map(([b, t]) => Buffer.concat([b, Buffer.from(t, 'utf8')])) },
    { weight: 2, arbitrary: fc.tuple(bom, text, cp949Text).map(([b, t, k]) => Buffer.concat([b, iconv.encode(t, 'cp949'), k])) },
    {
      weight: 2,
      arbitrary: fc.tuple(text, invalidUtf8, fc.nat()).map(([t, bad, at]) => {
        const bytes = Buffer.from(t, 'utf8');
        const i = bytes.length === 0 ? 0 : at % bytes.length;
        return Buffer.concat([bytes.subarray(0, i), bad, bytes.subarray(i)]);
      }),
    },
  );
}

const pollutingKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'] as const;

/** Any JSON value, with prototype-pollution keys, long strings, deep nesting and edge numbers mixed in. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; object: Record<string, unknown>; array: unknown[] }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    hostileNumber.filter(Number.isFinite),
    hostileString(30),
    fc.constant('가'.repeat(4000)),
    tie('object'),
    tie('array'),
  ),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...pollutingKeys), fc.string({ maxLength: 12 })), tie('value'), { maxKeys: 6 }),
  array: fc.array(tie('value'), { maxLength: 6 }),
})).value;

/** `[[[[…]]]]` or `{"a":{"a":…}}` nested `depth` levels: parsers that recurse must not fall over. */
export const deeplyNested = fc.tuple(fc.integer({ min: 50, max: 2000 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
});

/** A JSON body as raw text: the hostile value serialised, with `__proto__` kept as an own key. */
export const pollutedObjectText = fc
  .tuple(fc.constantFrom(...pollutingKeys), hostileJson, hostileJson)
  .map(([key, inner, other]) => `{"${key}":{"polluted":${JSON.stringify(inner ?? null)}},"x":${JSON.stringify(other ?? null)}}`);

/**
 * Takes a valid body and breaks it a little: one field replaced by a value of another type, removed, or joined by
 * an unknown or polluting key. Keeps the request close enough to valid to reach the handler.
 */
export function mutatedBody(valid: unknown): fc.Arbitrary<unknown> {
  if (valid === null || typeof valid !== 'object' || Array.isArray(valid)) return hostileJson;
  const keys = Object.keys(valid);
  if (keys.length === 0) return fc.dictionary(fc.constantFrom(...pollutingKeys, 'extra'), hostileJson, { maxKeys: 3 });
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), hostileJson).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.tuple(fc.constantFrom(...keys), hostileNumber).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.constantFrom(...keys).map((k) => {
      const copy: Record<string, unknown> = { ...valid };
      delete copy[k];
      return copy;
    }),
    fc
      .tuple(fc.constantFrom(...pollutingKeys), hostileJson)
      .map(([k, v]) => JSON.parse(`{${JSON.stringify(k)}:${JSON.stringify(v ?? null)},${JSON.stringify(valid).slice(1)}`) as unknown),
  );
}
