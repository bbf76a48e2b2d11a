import { describe, expect, it } from 'vitest';
import { computeStreaks, describeStreak, type YearTiers } from '../../src/engine/streaks.js';
import { safely } from '../../src/engine/engine-error.js';

const label = { ko: '우수구', en: 'Excellent district' };
const series = (rows: Record<number, Record<string, string | null>>): YearTiers[] =>
  Object.entries(rows).map(([year, tiers]) => ({ year: Number(year), tiers }));

describe('computeStreaks', () => {
  // 광진구 (11215): excellent 2016–2019; 관악구 (11620): 2015–2019 with the best tier in 2017.
  const results = series({
    2015: { '11215': null, '11620': 'excellent', '11410': 'excellent' },
    2016: { '11215': 'excellent', '11620': 'excellent', '11410': 'excellent' },
    2017: { '11215': 'excellent', '11620': 'best', '11410': null },
    2018: { '11215': 'excellent', '11620': 'excellent', '11410': 'excellent' },
    2019: { '11215': 'excellent', '11620': 'excellent' },
  });

  it('finds 광진구 4 years running (2016–2019)', () => {
    const s = computeStreaks(results, { tiers: ['best', 'excellent'] });
    const gwangjin = s.find((u) => u.uCode === '11215');
    expect(gwangjin?.current).toEqual({ length: 4, startYear: 2016, endYear: 2019 });
    expect(describeStreak(gwangjin?.current ?? null, label)).toEqual({
      ko: '4년 연속 우수구 (2016–2019)',
      en: 'Excellent district 4 years running (2016–2019)',
    });
  });

  it('counts every tier of the set, and only those', () => {
    const any = computeStreaks(results, { tiers: ['best', 'excellent'] }).find((u) => u.uCode === '11620');
    expect(any?.current).toEqual({ length: 5, startYear: 2015, endYear: 2019 });
    const onlyExcellent = computeStreaks(results, { tiers: ['excellent'] }).find((u) => u.uCode === '11620');
    expect(onlyExcellent?.current).toEqual({ length: 2, startYear: 2018, endYear: 2019 });
    expect(onlyExcellent?.longest).toEqual({ length: 2, startYear: 2018, endYear: 2019 });
  });

  it('ends the current streak when the unit is absent in the last year and keeps the longest run', () => {
    const s = computeStreaks(results, { tiers: ['excellent'] }).find((u) => u.uCode === '11410');
    expect(s?.current).toBeNull();
    expect(s?.longest).toEqual({ length: 2, startYear: 2015, endYear: 2016 });
    expect(s?.years).toEqual([2015, 2016, 2018]);
  });

  it('breaks a streak at a missing year', () => {
    const s = computeStreaks(series({ 2016: { a: 'x' }, 2017: { a: 'x' }, 2019: { a: 'x' } }), { tiers: ['x'] });
    expect(s[0]?.current).toEqual({ length: 1, startYear: 2019, endYear: 2019 });
    expect(s[0]?.longest).toEqual({ length: 2, startYear: 2016, endYear: 2017 });
  });

  it('measures the streak as of a given year, ignoring later years', () => {
    const s = computeStreaks(results, { tiers: ['excellent'], asOf: 2018 }).find((u) => u.uCode === '11215');
    expect(s?.current).toEqual({ length: 3, startYear: 2016, endYear: 2018 });
  });

  it('prefers the most recent of equally long runs', () => {
    const s = computeStreaks(series({ 2010: { a: 'x' }, 2011: { a: null }, 2012: { a: 'x' }, 2013: { a: null } }), { tiers: ['x'] });
    expect(s[0]?.longest).toEqual({ length: 1, startYear: 2012, endYear: 2012 });
    expect(s[0]?.current).toBeNull();
  });

  it('accepts the years in any order', () => {
    expect(computeStreaks([...results].reverse(), { tiers: ['excellent'] })).toEqual(computeStreaks(results, { tiers: ['excellent'] }));
  });

  it('rejects repeated or fractional years and an empty tier set', () => {
    const r = safely(() =>
      computeStreaks(
        [
          { year: 2019, tiers: {} },
          { year: 2019, tiers: {} },
          { year: 2019.5, tiers: {} },
        ],
        { tiers: [] },
      ),
    );
    expect(r.success ? [] : r.error.issues.map((i) => [i.code, i.location.field])).toEqual([
      ['streak.empty_tier_set', 'options.tiers'],
      ['streak.duplicate_year', 'series[1].year'],
      ['streak.invalid_year', 'series[2].year'],
    ]);
  });
});

describe('describeStreak', () => {
  it('drops "연속" for a single year and gives null for no streak', () => {
    expect(describeStreak({ length: 1, startYear: 2019, endYear: 2019 }, label)).toEqual({ ko: '우수구 (2019)', en: 'Excellent district (2019)' });
    expect(describeStreak(null, label)).toBeNull();
  });
});
