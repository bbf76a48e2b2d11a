import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeIndicatorValue } from '../../src/domain/activities/index.js';
import { seedRecordTypes } from '../../src/domain/activities/record-types.js';
import { systemPrincipal } from '../../src/domain/authz.js';
import { createCycle } from '../../src/domain/cycles.js';
import { referenceData } from '../../src/domain/org-units.js';
import { clearPublicCache, pressRelease } from '../../src/domain/publication/index.js';
import { GROUPING, GYEONGGI_UNITS, loadGyeonggi, publishGyeonggiYears } from '../fixtures/gyeonggi/index.js';
import { testApp } from '../helpers/app.js';
import { backends, type TestDatabase } from '../helpers/db.js';

const YEARS = [2020, 2021] as const;

/** The text with every unit name taken out (구리시 has a 구 in it that is no unit word). */
const withoutNames = (text: string) => GYEONGGI_UNITS.reduce((t, u) => t.replaceAll(u.name, '○'), text);
/** Seoul's words for its units, which a province's texts must never use. */
const SEOUL_WORDS = /자치구|우수구|최우수구|\d+개 구|시·구|(^|[^가-힣])구([^가-힣]|$)/m;

describe.each(backends())('a province with 31 시·군 on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await backend.open();
    await loadGyeonggi(db.db, YEARS);
    await seedRecordTypes(db.db);
    await publishGyeonggiYears(db.db, YEARS);
    clearPublicCache();
    app = await testApp(db);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('holds its hierarchy, words, peer groups and populations as reference data', async () => {
    const data = await referenceData(db.db, systemPrincipal);
    expect(data.words).toEqual({ nounKo: '시·군', nameKo: '시·군', nameEn: 'city or county', pluralEn: 'cities and counties', parentNounKo: '도' });
    const members = data.units.filter((u) => u.kind === 'district');
    expect(members).toHaveLength(31);
    expect(members.every((u) => u.parentCode === '41000' && u.levelName.ko === '시·군')).toBe(true);
    expect(members.find((u) => u.code === '41820')).toMatchObject({ name: '가평군', groups: { [GROUPING]: '농촌형' } });
    expect(data.populations.filter((p) => p.year === 2021)).toHaveLength(31);
    expect(data.missing).toEqual([]);

    const orgUnitsRes = await app.inject('/api/v1/org-units');
    expect(orgUnitsRes.json().words.nounKo).toBe('시·군');
  });

  it('computes a per-capita indicator of a 시·군 from its imported population, and names unit and year when there is none', async () => {
    const input = { formulaText: 'per100k(count("se_enterprise"))', orgUnitCode: '41110', dataPeriod: { start: '2020-09-01', end: '2021-08-31' } };
    const computed = await computeIndicatorValue(db.db, { ...input, cycleYear: 2021 });
    expect(computed.value).toBe(0);
    expect(computed.periods[0]).toMatchObject({ population: GYEONGGI_UNITS[0]!.population2021, populationYear: 2021 });
    await expect(computeIndicatorValue(db.db, { ...input, cycleYear: 2019 })).rejects.toMatchObject({
      code: 'population_missing',
      msg: { ko: '수원시(41110)의 2019년 인구가 없습니다 — 인구를 먼저 등록하세요.' },
    });
  });

  it('awards each tier within each peer group and publishes results in its own words', async () => {
    const res = await app.inject('/api/v1/public/cycles/2021/results');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      unitWords: { nounKo: string };
      units: Array<{ code: string; score: number; awardTier: string | null; streak: number | null; streakText: { ko: string; en: string } | null }>;
      tiers: Array<{ code: string; winners: number }>;
    }>();
    expect(body.unitWords.nounKo).toBe('시·군');
    expect(body.units).toHaveLength(31);
    // Within each group: the best scorer is 최우수, the next two 우수 — whatever the ranks across the province.
    for (const group of ['도시형', '농촌형']) {
      const members = new Set(GYEONGGI_UNITS.filter((u) => u.group === group).map((u) => u.code));
      const ranked = body.units.filter((u) => members.has(u.code)).sort((a, b) => b.score - a.score);
      expect(ranked.map((u) => u.awardTier).slice(0, 4)).toEqual(['best', 'excellent', 'excellent', null]);
    }
    expect(body.tiers).toEqual([expect.objectContaining({ code: 'best', winners: 2 }), expect.objectContaining({ code: 'excellent', winners: 4 })]);
    const streaks = body.units.filter((u) => u.streak !== null);
    expect(streaks).toHaveLength(6);
    expect(streaks[0]!.streakText!.ko).toBe('2년 연속 우수 시·군 (2020–2021)');
    expect(streaks[0]!.streakText!.en).toBe('Excellent city or county 2 years running (2020–2021)');

    const winner = body.units.find((u) => u.awardTier === 'best')!;
    const scorecard = (await app.inject(`/api/v1/public/cycles/2021/districts/${winner.code}/scorecard`)).json();
    expect(scorecard.awardReason.ko).toContain('그룹 내 순위 1위');
    expect(scorecard.awardReason.ko).toContain('개 시·군');
    expect(withoutNames(scorecard.awardReason.ko)).not.toMatch(SEOUL_WORDS);

    // The open data name their unit column in the province's words, in both languages.
    const csv = await app.inject('/api/v1/public/cycles/2021/results.csv');
    expect(csv.body.replace('\ufeff', '').split('\r\n')[0]!.split(',').slice(0, 3)).toEqual(['순위', '코드', '시·군']);
    const csvEn = await app.inject('/api/v1/public/cycles/2021/results.csv?lang=en');
    expect(csvEn.body.replace('\ufeff', '').split('\r\n')[0]!.split(',').slice(0, 3)).toEqual(['Rank', 'Code', 'City or county']);
  });

  it('writes the press release with 도, 시·군 and 우수 시·군, never Seoul’s 구', async () => {
    const { text } = await pressRelease(db.db, systemPrincipal, 2021);
    expect(text).toContain('경기도,');
    expect(text).toContain('도·시·군 공동협력사업');
    expect(text).toContain('31개 시·군이');
    expect(text).toContain('연속 우수 시·군');
    expect(text).toContain('6개 시·군에 시상금');
    expect(text).toContain('시·군별 평가 결과');
    expect(text).toContain('시·군이 제출하고 도가 검증한 실적으로 평가했다.');
    expect(withoutNames(text)).not.toMatch(SEOUL_WORDS);
  });

  it('names a new cycle after the province and its 시·군', async () => {
    const cycle = await createCycle(db.db, systemPrincipal, { year: 2022 });
    expect(cycle.title).toBe('2022년 경기 희망일자리 만들기 도·시·군 공동협력사업 평가');
  });
});
