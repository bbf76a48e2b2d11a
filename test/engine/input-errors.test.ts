import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { EngineInputError, formatIssue, readCsvInput, readJsonInput, safeScore, score, type EngineIssue } from '../../src/engine/index.js';

const META_HEADER = 'iCode,iName,Level,Parent,Weight,Direction,Type';
const GOOD_META = [META_HEADER, 'T,Total,2,,,1,Aggregate', 'x,X,1,T,1,1,Indicator', 'y,Y,1,T,1,-1,Indicator'].join('\n');
const GOOD_DATA = ['uCode,uName,x,y', 'A,Alpha,1,2', 'B,Beta,3,4', 'C,Gamma,5,6'].join('\n');

/** Scores a CSV pair and returns the problems (errors only), failing the test if it scores. */
function problems(meta: string | Uint8Array, data: string | Uint8Array): EngineIssue[] {
  const prepared = readCsvInput({ name: 'iMeta.csv', content: meta }, { name: 'iData.csv', content: data });
  if (!prepared.success) return prepared.error.issues.filter((i) => i.severity === 'error');
  const r = safeScore(prepared.data);
  if (r.success) throw new Error('expected the input to be rejected');
  return r.error.issues.filter((i) => i.severity === 'error');
}

describe('input errors: every problem with file, row, column and reason', () => {
  it('scores the good input', () => {
    const prepared = readCsvInput({ name: 'iMeta.csv', content: GOOD_META }, { name: 'iData.csv', content: GOOD_DATA });
    expect(prepared.success).toBe(true);
    if (prepared.success) expect(score(prepared.data).units).toHaveLength(3);
  });

  it('names a Parent that does not exist', () => {
    const [p] = problems(GOOD_META.replace('y,Y,1,T', 'y,Y,1,Q'), GOOD_DATA);
    expect(p).toMatchObject({ code: 'UNKNOWN_PARENT', location: { file: 'iMeta.csv', row: 4, column: 'Parent', iCode: 'y' } });
    expect(p!.message.ko).toContain('"Q"');
    expect(p!.message.en).toBe('Parent "Q" is not in iMeta');
    expect(formatIssue(p!)).toBe('iMeta.csv row 4 column "Parent" iCode y: Parent "Q"가 iMeta에 없습니다 | Parent "Q" is not in iMeta');
  });

  it('names a text cell where a number is expected', () => {
    const [p] = problems(GOOD_META, GOOD_DATA.replace('B,Beta,3,4', 'B,Beta,three,4'));
    expect(p).toMatchObject({ code: 'NOT_NUMERIC', location: { file: 'iData.csv', row: 3, column: 'x', unit: 'B' } });
    expect(p!.message.en).toBe('not a number: "three"');
  });

  it('rejects an empty file and a file with only a header', () => {
    expect(problems(GOOD_META, '')).toEqual([expect.objectContaining({ code: 'EMPTY_FILE', location: { file: 'iData.csv' } })]);
    expect(problems('', '')).toHaveLength(2);
    expect(problems(GOOD_META, 'uCode,uName,x,y\n')[0]).toMatchObject({ code: 'EMPTY_FILE', location: { file: 'iData.csv' } });
  });

  it('reads a CP949 (EUC-KR) file and a UTF-8 file with a BOM', () => {
    const meta = [META_HEADER, 'T,종합,2,,,1,Aggregate', 'x,기업방문,1,T,1,1,Indicator'].join('\r\n');
    const data = ['uCode,uName,x', '11215,광진구,10', '11440,마포구,20'].join('\r\n');
    const prepared = readCsvInput(
      { name: 'iMeta.csv', content: iconv.encode(meta, 'cp949') },
      { name: 'iData.csv', content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(data, 'utf8')]) },
    );
    expect(prepared.success).toBe(true);
    if (!prepared.success) return;
    expect(prepared.data.sources.meta.encoding).toBe('cp949');
    expect(prepared.data.sources.data.encoding).toBe('utf-8-bom');
    const r = score(prepared.data);
    expect(r.indicators[0]!.iName).toBe('기업방문');
    expect(r.units.map((u) => u.uName)).toEqual(['마포구', '광진구']);
  });

  it('finds a cycle of parents and says which codes form it', () => {
    const meta = [
      META_HEADER,
      'T,Total,4,,,1,Aggregate',
      'P,P,2,Q,1,1,Aggregate',
      'Q,Q,3,P,1,1,Aggregate',
      'x,X,1,P,1,1,Indicator',
      'y,Y,1,T,1,1,Indicator',
    ].join('\n');
    const found = problems(meta, GOOD_DATA);
    const cycle = found.find((p) => p.code === 'CYCLE');
    expect(cycle).toBeDefined();
    expect(cycle!.message.en).toBe('cyclic Parent chain: P → Q → P');
    expect(cycle!.location).toMatchObject({ file: 'iMeta.csv', row: 3, column: 'Parent' });
  });

  it('reports a duplicate code with the row of the first one', () => {
    const [p] = problems(GOOD_META + '\nx,X again,1,T,1,1,Indicator', GOOD_DATA);
    expect(p).toMatchObject({ code: 'DUPLICATE_CODE', location: { row: 5, column: 'iCode' } });
    expect(p!.message.en).toBe('duplicate iCode "x" (first at row 3)');
  });

  it('reports a duplicate unit', () => {
    const [p] = problems(GOOD_META, GOOD_DATA + '\nA,Alpha again,1,1');
    expect(p).toMatchObject({ code: 'DUPLICATE_UNIT', location: { file: 'iData.csv', row: 5, unit: 'A' } });
  });

  it('rejects an aggregate without children, a negative weight, a Direction other than ±1 and an indicator absent from iData', () => {
    const meta = [
      META_HEADER,
      'T,Total,3,,,1,Aggregate',
      'E,Empty,2,T,1,1,Aggregate',
      'x,X,1,T,-2,1,Indicator',
      'y,Y,1,T,1,2,Indicator',
      'z,Z,1,T,1,1,Indicator',
    ].join('\n');
    const found = problems(meta, GOOD_DATA);
    // z is also absent from iData: found in the same pass.
    expect(found.map((p) => p.code).sort()).toEqual(['INDICATOR_NOT_IN_DATA', 'INVALID_DIRECTION', 'INVALID_WEIGHT', 'LEAF_NOT_INDICATOR']);
    const missing = problems(GOOD_META + '\nz,Z,1,T,1,1,Indicator', GOOD_DATA);
    expect(missing[0]).toMatchObject({ code: 'INDICATOR_NOT_IN_DATA', location: { file: 'iMeta.csv', row: 5, iCode: 'z' } });
  });

  it('lists every problem of a file at once', () => {
    const data = ['uCode,uName,x,y', 'A,Alpha,abc,2', ',Beta,3,x4', 'C,Gamma,5,6'].join('\n');
    const found = problems(GOOD_META, data);
    expect(found.map((p) => [p.code, p.location.row, p.location.column])).toEqual([
      ['NOT_NUMERIC', 2, 'x'],
      ['MISSING_CODE', 3, 'uCode'],
      ['NOT_NUMERIC', 3, 'y'],
    ]);
  });

  it('rejects unknown methods and methods missing their parameters', () => {
    const meta = [
      'iCode,iName,Level,Parent,Weight,Direction,Type,Method,Target,Bands',
      'T,Total,2,,,1,Aggregate,,,',
      'x,X,1,T,1,1,Indicator,magic,,',
      'y,Y,1,T,1,1,Indicator,target,,',
      'z,Z,1,T,1,1,Indicator,bands,,"10;5"',
    ].join('\n');
    const found = problems(meta, ['uCode,x,y,z', 'A,1,2,3'].join('\n'));
    expect(found.map((p) => [p.code, p.location.column])).toEqual([
      ['UNKNOWN_METHOD', 'Method'],
      ['METHOD_PARAMETER', 'Target'],
      ['METHOD_PARAMETER', 'Bands'],
    ]);
  });

  it('rejects several top nodes and an indicator without a parent', () => {
    const meta = [
      META_HEADER,
      'T,Total,2,,,1,Aggregate',
      'U,Other,2,,,1,Aggregate',
      'x,X,1,T,1,1,Indicator',
      'y,Y,1,,1,1,Indicator',
      'w,W,1,U,1,1,Indicator',
    ].join('\n');
    const codes = problems(meta, GOOD_DATA).map((p) => p.code);
    expect(codes).toContain('MULTIPLE_TOP');
    expect(codes).toContain('UNKNOWN_PARENT');
  });

  it('reports bad JSON, a wrong shape and bad options with their place', () => {
    const bad = readJsonInput({ name: 'evaluation.json', content: '{"iMeta": [' });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0]).toMatchObject({ code: 'INVALID_JSON', location: { file: 'evaluation.json' } });

    const shape = readJsonInput({ name: 'e.json', value: { iMeta: [{ iCode: 'x', Level: true }], iData: [] } });
    expect(shape.success).toBe(false);
    if (!shape.success)
      expect(shape.error.issues[0]).toMatchObject({ code: 'SCHEMA', location: { file: 'e.json', row: 1, column: 'Level', field: 'iMeta[0].Level' } });

    const options = safeScore({ iMeta: [], iData: [], options: { missing: 'ignore' } as never });
    expect(options.success).toBe(false);
    if (!options.success) expect(options.error.issues[0]).toMatchObject({ code: 'SCHEMA', location: { field: 'options.missing' } });
    const override = safeScore({ iMeta: [], iData: [] }, { aggregate: 'median' as never });
    expect(override.success).toBe(false);
    if (!override.success) expect(override.error.issues[0]).toMatchObject({ code: 'INVALID_OPTION', location: { field: 'options.aggregate' } });
  });

  it('throws a typed error from score() and returns it from safeScore()', () => {
    const input = { iMeta: [{ iCode: 'x', Type: 'Indicator', Level: 1, Weight: 1, Direction: 1 }], iData: [{ uCode: 'A', x: 1 }] };
    expect(() => score(input)).toThrowError(EngineInputError);
    const r = safeScore(input);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.length).toBeGreaterThan(0);
  });
});
