import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newRecordMaker } from '../../src/engine/score.js';

/** Keys as frameworks write them, and the awkward ones: integer-like, quotes, backslashes, line separators, `__proto__`. */
const key = fc.oneof(
  fc.string({ minLength: 1, maxLength: 8 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
  fc.constantFrom('__proto__', 'constructor', '0', '10', '1.5', '"', '\\', '\u2028', '}};throw 1;({', 'TOTAL'),
);

describe('unit records (score)', () => {
  it('are the same records, keys in the same order, whether compiled or copied from a template', () => {
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 40 }), (keys) => {
        const values = keys.map((_, i) => (i % 3 === 0 ? null : i / 7));
        const compiled = newRecordMaker(keys).of(values);
        const copied = newRecordMaker(keys, false).of(values);
        expect(Object.keys(compiled)).toEqual(Object.keys(copied));
        // A `__proto__` key is never an own key (as everywhere in the engine): both makers take the template path.
        if (!keys.includes('__proto__')) expect(Object.getPrototypeOf(compiled)).toBe(Object.prototype);
        expect(Object.getPrototypeOf(compiled)).toBe(Object.getPrototypeOf(copied));
        expect(JSON.stringify(compiled)).toBe(JSON.stringify(copied));
        for (const k of keys) {
          if (k !== '__proto__') expect([Object.hasOwn(compiled, k), compiled[k]]).toEqual([true, copied[k]]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never runs a key as code', () => {
    const make = newRecordMaker(['a', '"};globalThis.pwned=1;({"', "'", '`${1}`']);
    expect(JSON.stringify(make.of([1, 2, 3, 4]))).toBe(`{"a":1,"\\"};globalThis.pwned=1;({\\"":2,"'":3,"\`\${1}\`":4}`);
    expect('pwned' in globalThis).toBe(false);
  });

  it('read numbers from a column-major table the same way compiled or not, NaN as null', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(key, { maxLength: 30 }),
        fc.array(fc.oneof(fc.double(), fc.constant(NaN)), { minLength: 90, maxLength: 90 }),
        fc.integer({ min: 0, max: 2 }),
        (keys, cells, u) => {
          const table = Float64Array.from(cells);
          const at = keys.map((_, k) => (k * 7) % 88);
          const compiled = newRecordMaker(keys).numbers(table, at, u);
          const copied = newRecordMaker(keys, false).numbers(table, at, u);
          expect(JSON.stringify(compiled)).toBe(JSON.stringify(copied));
          keys.forEach((k, i) => {
            const x = table[at[i]! + u]!;
            if (k !== '__proto__') expect(Object.is(compiled[k], Number.isNaN(x) ? null : x)).toBe(true);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
