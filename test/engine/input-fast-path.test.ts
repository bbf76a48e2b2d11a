import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvaluationFast } from '../../src/engine/input-fast-path.js';
import { EvaluationInputSchema, IMetaRowSchema } from '../../src/engine/input-schema.js';

const cell = fc.oneof(
  { weight: 8, arbitrary: fc.oneof(fc.string({ maxLength: 4 }), fc.double(), fc.integer(), fc.constant(null)) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constant(undefined),
      fc.boolean(),
      fc.constant([1, 2]),
      fc.constant([1, 'a']),
      fc.constant({}),
      fc.constant(NaN),
      fc.constant(Infinity),
    ),
  },
);
// Every iMeta field of the schema, and one it does not know.
const metaKeys = [...Object.keys(IMetaRowSchema.shape), 'Extra'];
const metaRow = fc.dictionary(fc.constantFrom(...metaKeys), cell, { maxKeys: 8 });
const dataRow = fc.dictionary(fc.oneof(fc.constantFrom('uCode', 'uName', 'Time', 'a', 'b', '1', '__proto__'), fc.string({ maxLength: 3 })), cell, {
  maxKeys: 6,
});
const options = fc.oneof(
  fc.constant(undefined),
  fc.constant({}),
  fc.constant({ aggregate: 'gmean' }),
  fc.constant({ aggregate: 'nope' }),
  fc.constant({ unknown: 1 }),
);
const about = fc.oneof(fc.constant(undefined), fc.constant({ title: 'x' }), fc.constant(5));

describe('parseEvaluationFast', () => {
  it('returns zod’s result or leaves the input to zod (null)', () => {
    fc.assert(
      fc.property(
        fc.array(metaRow, { maxLength: 4 }),
        fc.array(dataRow, { maxLength: 4 }),
        options,
        about,
        fc.boolean(),
        (iMeta, iData, opts, ab, withKeys) => {
          const raw: Record<string, unknown> = { iMeta, iData };
          if (withKeys) {
            raw['options'] = opts;
            raw['about'] = ab;
          }
          const fast = parseEvaluationFast(raw);
          const zod = EvaluationInputSchema.safeParse(raw);
          if (fast === null) return;
          expect(zod.success).toBe(true);
          // The same data as zod's copy; iMeta rows may keep keys zod strips, which no reader looks at.
          // Rows are compared as plain objects: a null-prototype row reads the same.
          const stripped = {
            ...fast.data,
            iMeta: fast.data.iMeta.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'Extra'))),
            iData: fast.data.iData.map((r) => ({ ...r })),
          };
          expect(stripped).toStrictEqual(zod.data);
          expect(fast.dataRows.keys).toStrictEqual(fast.data.iData.map((r) => Object.keys(r)));
          expect(fast.dataRows.values).toStrictEqual(fast.data.iData.map((r) => Object.values(r)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('takes the usual inputs itself', () => {
    const raw = {
      iMeta: [
        { iCode: 'T', Level: 2, Type: 'Aggregate' },
        { iCode: 'x', Level: '1', Parent: 'T', Bands: [1, 2] },
      ],
      iData: [
        { uCode: 'a', x: '1.5' },
        { uCode: 'b', x: null },
      ],
      options: { aggregate: 'amean' },
    };
    expect(parseEvaluationFast(raw)?.data).toStrictEqual(EvaluationInputSchema.parse(raw));
  });

  it('leaves rows with symbol, non-enumerable or __proto__ keys to zod', () => {
    const withSymbol = { uCode: 'a', [Symbol('s')]: 1 };
    const hidden = Object.defineProperty({ uCode: 'a' }, 'x', { value: 1, enumerable: false });
    const proto = JSON.parse('{"uCode":"a","__proto__":"b"}') as object;
    for (const row of [withSymbol, hidden, proto]) expect(parseEvaluationFast({ iMeta: [], iData: [row] })).toBeNull();
  });

  it('checks every field of the iMeta schema (a field added to the schema and not to the fast check fails here)', () => {
    for (const field of Object.keys(IMetaRowSchema.shape)) {
      const row = { iCode: 'A', [field]: { not: 'a cell' } };
      expect(EvaluationInputSchema.safeParse({ iMeta: [row], iData: [] }).success, field).toBe(false);
      expect(parseEvaluationFast({ iMeta: [row], iData: [] }), field).toBeNull();
    }
  });
});
