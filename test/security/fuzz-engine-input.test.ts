import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineInputError, readCsvInput, readJsonInput, safeScore, score, type PreparedInput, type ScoreResult } from '../../src/engine/index.js';
import { csvLikeBytes, deeplyNested, hostileCellText, hostileJson, hostileNumber, quoteCsv } from '../helpers/fuzz-arbitraries.js';
import { CaseCounter, FUZZ_MINIMUM_TOTAL, fuzzParams, plannedTotal, runsFor } from '../helpers/fuzz-budget.js';

/**
 * The engine's readers and scorer take anything a user can upload: they must answer with problems (an
 * EngineInputError, or a failed SafeResult), never crash with anything else, and never publish a number that is
 * not finite.
 */

const META_HEADER = ['iCode', 'iName', 'Level', 'Parent', 'Weight', 'Direction', 'Type'];
const DATA_HEADER = ['uCode', 'uName', 'x', 'y'];
const counter = new CaseCounter();
/** How the cases ended, so a property that only ever refuses (and so tests nothing downstream) shows. */
const outcomes = { scored: 0, refused: 0 };

/** Scores a prepared input; only EngineInputError may escape. Returns the result or null when it was refused. */
function scoreOrRefuse(prepared: PreparedInput): ScoreResult | null {
  try {
    return score(prepared);
  } catch (err) {
    if (err instanceof EngineInputError) {
      expect(err.issues.length).toBeGreaterThan(0);
      outcomes.refused++;
      return null;
    }
    throw err;
  }
}

/** Every published figure of a result is a finite number or null; ranks are 1..n. */
function expectFinite(result: ScoreResult) {
  const n = result.units.length;
  for (const u of result.units) {
    if (u.rank !== null) {
      expect(Number.isInteger(u.rank)).toBe(true);
      expect(u.rank).toBeGreaterThanOrEqual(1);
      expect(u.rank).toBeLessThanOrEqual(n);
    }
    for (const table of [u.scores, u.normalised, u.contributions, u.points ?? {}]) {
      for (const [code, v] of Object.entries(table)) {
        if (v !== null && !Number.isFinite(v)) throw new Error(`unit ${u.uCode} ${code}: ${v} is not finite`);
      }
    }
  }
}

/** A CSV pair → read → score, the way `hopejobs score --data --meta` does it. */
function readAndScore(meta: Uint8Array | string, data: Uint8Array | string) {
  const prepared = readCsvInput({ name: 'iMeta.csv', content: meta }, { name: 'iData.csv', content: data });
  if (!prepared.success) {
    expect(prepared.error).toBeInstanceOf(EngineInputError);
    expect(prepared.error.issues.length).toBeGreaterThan(0);
    outcomes.refused++;
    return null;
  }
  const result = scoreOrRefuse(prepared.data);
  if (result) {
    outcomes.scored++;
    expectFinite(result);
  }
  return result;
}

const goodMeta = [META_HEADER.join(','), 'T,Total,2,,,1,Aggregate', 'x,X,1,T,1,1,Indicator', 'y,Y,1,T,1,-1,Indicator'].join('\n');

describe('engine input fuzzing', () => {
  afterAll(() => {
    counter.report('engine, pure');
    console.log(`engine fuzz outcomes: ${outcomes.scored} scored (all figures finite), ${outcomes.refused} refused with located problems`);
  });

  it('plans at least 10,000 generated cases over all fuzz targets', () => {
    // Each suite runs exactly its share of the budget and checks it did, so the total holds by construction.
    expect(plannedTotal()).toBeGreaterThanOrEqual(FUZZ_MINIMUM_TOTAL);
  });

  it('reads any bytes as an iMeta/iData pair without crashing', () => {
    fc.assert(
      fc.property(csvLikeBytes(META_HEADER), csvLikeBytes(DATA_HEADER), fc.boolean(), (meta, data, realMeta) => {
        counter.hit('engine csv bytes');
        readAndScore(realMeta ? goodMeta : meta, data);
      }),
      fuzzParams('engine csv bytes'),
    );
    expect(counter.get('engine csv bytes')).toBe(runsFor('engine csv bytes'));
  });

  it('scores a well-formed pair with hostile cells, in UTF-8 with or without BOM and in CP949', () => {
    // Mostly sound cells with hostile ones mixed in, so that many cases get through the reader to the scorer.
    const sometimes = (sound: fc.Arbitrary<string>) => fc.oneof({ weight: 4, arbitrary: sound }, { weight: 1, arbitrary: hostileCellText });
    const metaRow = fc.tuple(
      fc.constantFrom('x', 'y', 'z', 'T', ''),
      sometimes(fc.constantFrom('1', '2', '3')),
      sometimes(fc.constantFrom('T', '')),
      sometimes(fc.constantFrom('1', '0.5', '10')),
      sometimes(fc.constantFrom('1', '-1')),
      sometimes(fc.constantFrom('Indicator', 'Aggregate')),
    );
    const number = fc.oneof(fc.integer({ min: -100, max: 1000 }).map(String), fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String), fc.constant(''));
    const dataRow = fc.tuple(sometimes(fc.constant('')), sometimes(number), sometimes(number));
    fc.assert(
      fc.property(
        fc.array(metaRow, { maxLength: 2 }).chain((rows) => fc.constantFrom([], rows)),
        fc.array(dataRow, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('utf-8', 'utf-8-bom', 'cp949'),
        (extraMeta, rows, encoding) => {
          counter.hit('engine csv structured');
          const meta = [goodMeta, ...extraMeta.map(([c, l, p, w, d, t]) => [c, `n${c}`, l, p, w, d, t].map(quoteCsv).join(','))].join('\n');
          const data = [DATA_HEADER.join(','), ...rows.map(([name, x, y], i) => [`U${i}`, name, x, y].map(quoteCsv).join(','))].join('\r\n');
          const encode = (s: string) =>
            encoding === 'cp949'
              ? iconv.encode(s, 'cp949')
              : encoding === 'utf-8-bom'
                ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)])
                : Buffer.from(s);
          readAndScore(encode(meta), encode(data));
        },
      ),
      fuzzParams('engine csv structured'),
    );
    expect(counter.get('engine csv structured')).toBe(runsFor('engine csv structured'));
    // The generator must reach the scorer, not only the reader.
    expect(outcomes.scored).toBeGreaterThan(runsFor('engine csv structured') / 20);
  });

  it('reads any JSON document (wrong types, polluting keys, deep nesting) as problems, never a crash', () => {
    const documentArb = fc.oneof(
      { weight: 4, arbitrary: hostileJson },
      { weight: 1, arbitrary: deeplyNested },
      {
        weight: 4,
        arbitrary: fc.record({
          iMeta: fc.oneof(
            hostileJson,
            fc.array(fc.dictionary(fc.constantFrom('iCode', 'Level', 'Parent', 'Weight', 'Direction', 'Type', '__proto__'), hostileJson), { maxLength: 4 }),
          ),
          iData: fc.oneof(hostileJson, fc.array(fc.dictionary(fc.constantFrom('uCode', 'uName', 'x', 'y', 'constructor'), hostileJson), { maxLength: 4 })),
          options: hostileJson,
        }),
      },
    );
    fc.assert(
      fc.property(documentArb, fc.boolean(), (doc, asText) => {
        counter.hit('engine json');
        let text: string;
        try {
          text = JSON.stringify(doc) ?? 'null';
        } catch {
          text = '[[[';
        }
        const prepared = asText ? readJsonInput({ name: 'evaluation.json', content: text }) : readJsonInput({ name: 'evaluation.json', value: doc });
        if (!prepared.success) {
          expect(prepared.error).toBeInstanceOf(EngineInputError);
          return;
        }
        const r = scoreOrRefuse(prepared.data);
        if (r) expectFinite(r);
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      fuzzParams('engine json'),
    );
    expect(counter.get('engine json')).toBe(runsFor('engine json'));
  });

  it('refuses or scores finitely any numbers, however large: NaN, ±Infinity, ±1.8e308', () => {
    const value = fc.oneof(hostileNumber, fc.constant(null));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, value), { minLength: 2, maxLength: 6 }),
        fc.constantFrom('minmax', 'zscore', 'rank', 'percentile', 'goalposts'),
        (values, method) => {
          counter.hit('engine scoring values');
          const iData = values.map(([x, y], i) => ({ uCode: `U${i}`, uName: `Unit ${i}`, x, y }));
          const iMeta = [
            { iCode: 'T', iName: 'Total', Level: 2, Parent: null, Weight: null, Direction: 1, Type: 'Aggregate' },
            { iCode: 'x', iName: 'X', Level: 1, Parent: 'T', Weight: 1, Direction: 1, Type: 'Indicator', Method: method, Lo: 0, Hi: 100 },
            { iCode: 'y', iName: 'Y', Level: 1, Parent: 'T', Weight: 1, Direction: -1, Type: 'Indicator' },
          ];
          const r = safeScore({ iMeta, iData } as never);
          if (r.success) {
            outcomes.scored++;
            expectFinite(r.data);
          } else {
            outcomes.refused++;
            expect(r.error).toBeInstanceOf(EngineInputError);
          }
        },
      ),
      fuzzParams('engine scoring values'),
    );
    expect(counter.get('engine scoring values')).toBe(runsFor('engine scoring values'));
  });
});
