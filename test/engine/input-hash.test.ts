import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, compile, sha256HexOfText, type IDataRow, type IMetaRow } from '../../src/engine/index.js';
import { isShortestNumberText, parseNumberCell, parseNumberList, parseTextCell, shortestNumberValue } from '../../src/engine/parse-cell.js';
import { defaultSources } from '../../src/engine/read-input.js';
import { resolveOptions } from '../../src/engine/resolve-options.js';
import { validateFramework } from '../../src/engine/validate-framework.js';

/** The input hash as it was first written: canonical rows as objects, then canonicalJson over the whole input. */
function referenceHash(iMeta: IMetaRow[], iData: IDataRow[], options: unknown): string {
  const resolved = resolveOptions(undefined, undefined, 'input', [])!;
  const fv = validateFramework(iMeta, defaultSources({ iMeta, iData }).meta, resolved, []);
  const metaRows = iMeta.map((r) => {
    const rec = r as Record<string, unknown>;
    const canon: Record<string, string | number | number[]> = {};
    for (const f of ['iCode', 'iName', 'Parent', 'Type', 'Method', 'Denominator', 'Unit']) {
      const v = parseTextCell(rec[f]);
      if (v !== null) canon[f] = v;
    }
    for (const f of ['Level', 'Weight', 'Direction', 'Target', 'Cap', 'Floor', 'Lo', 'Hi', 'ScaleL', 'ScaleU', 'ZMean', 'ZSD', 'ScaleFactor']) {
      const v = parseNumberCell(rec[f]);
      if (v !== null && v !== undefined) canon[f] = v;
    }
    for (const f of ['Bands', 'BandScores']) {
      const v = parseNumberList(rec[f]);
      if (v !== null && v !== undefined) canon[f] = v;
    }
    return canon;
  });
  const seen = new Set(iData.flatMap((r) => Object.keys(r)));
  const groups = fv.framework!.groups.filter((g) => seen.has(g));
  const numeric = fv.framework!.indicators.map((i) => i.code).filter((c) => seen.has(c));
  const rows = iData.map((r) => {
    const rec = r as Record<string, unknown>;
    const canon: Record<string, string | number | null> = { uCode: parseTextCell(rec['uCode']) ?? '' };
    if (seen.has('uName')) canon['uName'] = parseTextCell(rec['uName']);
    if (seen.has('Time')) canon['Time'] = parseNumberCell(rec['Time'])!;
    for (const g of groups) canon[g] = parseTextCell(rec[g]);
    for (const c of numeric) canon[c] = parseNumberCell(rec[c]) ?? null;
    return canon;
  });
  rows.sort((a, b) => {
    const ka = String(a['uCode']);
    const kb = String(b['uCode']);
    if (ka !== kb) return ka < kb ? -1 : 1;
    return Number(a['Time'] ?? 0) - Number(b['Time'] ?? 0);
  });
  return sha256HexOfText(canonicalJson({ iMeta: metaRows, iData: rows, options }));
}

/** A numeric cell in the spellings CSV and JSON inputs use. */
const numberCell = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e25, max: 1e25 }),
  fc.double({ noNaN: true, min: -1e-5, max: 1e-5 }),
  fc.integer({ min: -100000, max: 100000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e25, max: 1e25 }).map((d) => String(d)),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }).chain((d) => fc.integer({ min: 0, max: 16 }).map((k) => d.toFixed(k))),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }).chain((d) => fc.integer({ min: 1, max: 17 }).map((k) => ` ${d.toPrecision(k)} `)),
  fc.constantFrom(
    '0',
    '-0',
    '0.0',
    '-0.000',
    '+5',
    '.5',
    '5.',
    '1e3',
    '1E-7',
    '0.000001',
    '0.0000001',
    '100000000000000000000',
    '1000000000000000000000',
    '007',
    'NA',
    '',
    null,
  ),
);

describe('input hash', () => {
  it('is the hash of the canonical JSON of the input as written before (CSV text and JSON numbers)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(
          fc.record({
            code: fc.oneof(fc.string({ minLength: 1, maxLength: 4 }), fc.nat(99)),
            group: fc.option(fc.string({ maxLength: 3 })),
            cells: fc.array(numberCell, { minLength: 4, maxLength: 4 }),
          }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.boolean(),
        (nInd, units, withName) => {
          const codes = ['b', 'Zeta', '가', 'a_1'].slice(0, nInd);
          const iMeta: IMetaRow[] = [
            { iCode: 'T', Level: 2, Type: 'Aggregate', Direction: 1, Weight: 1 },
            { iCode: 'Grp', Type: 'Group' },
            ...codes.map((iCode, k) => ({
              iCode,
              iName: `지표 ${iCode}`,
              Level: 1,
              Parent: 'T',
              Weight: k % 2 === 1 ? ' 1.50 ' : 1,
              Direction: 1,
              Type: 'Indicator',
              ...(k === 0 ? { Bands: [1, 2.5], Target: '0.30', Unit: '%' } : { Bands: '5;10', Floor: null }),
            })),
          ];
          const iData: IDataRow[] = units.map((u, k) => ({
            uCode: typeof u.code === 'number' ? u.code : `${u.code}${k}`,
            ...(withName ? { uName: `이름 "${k}"` } : {}),
            Grp: u.group,
            ...Object.fromEntries(codes.map((c, j) => [c, u.cells[j]!])),
          }));
          let model;
          try {
            model = compile({ iMeta, iData }, { points: false });
          } catch {
            return; // not a scorable input (a cell that is not a number, duplicate codes): no hash
          }
          expect(model.inputHash).toBe(referenceHash(iMeta, iData, model.options));
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe('input hash coverage', () => {
  it('scores most generated inputs (so the property above compares hashes)', () => {
    let scored = 0;
    fc.assert(
      fc.property(fc.array(numberCell, { minLength: 3, maxLength: 3 }), (cells) => {
        try {
          compile(
            {
              iMeta: [
                { iCode: 'T', Level: 2, Type: 'Aggregate', Direction: 1, Weight: 1 },
                { iCode: 'x', Level: 1, Parent: 'T', Weight: 1, Direction: 1, Type: 'Indicator' },
              ],
              iData: cells.map((x, k) => ({ uCode: `u${k}`, x })),
            },
            { points: false },
          );
          scored++;
        } catch {
          /* a cell that is not a number */
        }
      }),
      { numRuns: 300 },
    );
    expect(scored).toBeGreaterThan(100);
  });
});

/** Runs `check` on number texts: doubles as String, toPrecision and toFixed write them, and digit strings. */
function checkNumberTexts(check: (s: string) => void, numRuns: number): void {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 17 }), (d, k) => {
      check(String(d));
      check(d.toPrecision(k));
      check(d.toFixed(Math.min(k, 12)));
    }),
    { numRuns },
  );
  fc.assert(fc.property(fc.stringMatching(/^-?\d{1,22}(\.\d{1,20})?$/), check), { numRuns });
}

describe('isShortestNumberText', () => {
  it('accepts text only when String(Number(text)) gives it back', () => {
    for (const s of ['0', '1', '1200', '-12.5', '0.000001', '390.799991147468', '123456789012345']) expect(isShortestNumberText(s)).toBe(true);
    for (const s of ['-0', '1.50', '0.0000001', '01', '.5', '5.', '+5', '1e3', '1234567890123456', '1000000000000000000000', ' 1', '']) {
      expect(isShortestNumberText(s)).toBe(false);
    }
    const check = (s: string) => {
      if (isShortestNumberText(s)) expect(String(Number(s))).toBe(s);
    };
    checkNumberTexts(check, 3000);
  });

  it('reads the value of such text in the same pass, bit for bit what Number reads', () => {
    const check = (s: string) => {
      const v = shortestNumberValue(s);
      if (isShortestNumberText(s)) expect(Object.is(v, Number(s))).toBe(true);
      else expect(v).toBeNaN();
    };
    for (const s of ['0', '-12.5', '0.000001', '0.1', '0.3', '9007199254740993', '123456789012345', '1000000000000000000000', '-0', '1.50']) check(s);
    checkNumberTexts(check, 5000);
    // Decimals of 15 significant digits, where a reader that rounded twice would be off in the last bit.
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 999_999_999_999_999n }), fc.integer({ min: 0, max: 20 }), (digits, point) => {
        const t = digits.toString().padStart(point + 1, '0');
        check(point === 0 ? t : `${t.slice(0, t.length - point)}.${t.slice(t.length - point)}`.replace(/0+$/, '').replace(/\.$/, ''));
      }),
      { numRuns: 5000 },
    );
  });
});
