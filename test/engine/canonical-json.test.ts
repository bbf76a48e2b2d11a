import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/engine/index.js';
import { jsonString } from '../../src/engine/canonical-json.js';

/** `JSON.stringify` with every object's keys sorted by code unit: what canonical JSON must give for plain JSON data. */
function sortedStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : sortedStringify(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonicalJson (the one used for every stored hash)', () => {
  it('writes plain JSON data as JSON.stringify does, with sorted keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(sortedStringify(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes numbers in their shortest form, -0 as 0 and non-finite numbers as null', () => {
    expect(canonicalJson([1.5, -0, 1e21, 0.1 + 0.2, NaN, Infinity])).toBe('[1.5,0,1e+21,0.30000000000000004,null,null]');
  });

  it('writes a Date as its ISO text, typed arrays as arrays, and drops undefined members', () => {
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.000Z'), x: Float64Array.of(1, 2), u: undefined })).toBe(
      '{"at":"2026-01-02T03:04:05.000Z","x":[1,2]}',
    );
  });

  it('keeps objects with different key sets apart, whatever characters the keys hold', () => {
    expect(canonicalJson([{}, { '': '' }])).toBe('[{},{"":""}]');
    expect(canonicalJson([{ 'a\u0000b': 1 }, { a: 1, b: 2 }])).toBe('[{"a\\u0000b":1},{"a":1,"b":2}]');
  });

  it('writes a string as JSON.stringify does, quick path or not', () => {
    for (const t of ['', '광진구', 'a"b', 'a\\b', '\u0000', '\n', '\ud800', '\ud83d\ude00', '\u2028', '<script>'])
      expect(jsonString(t)).toBe(JSON.stringify(t));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (t) => jsonString(t) === JSON.stringify(t)),
      { numRuns: 2000 },
    );
  });
});
