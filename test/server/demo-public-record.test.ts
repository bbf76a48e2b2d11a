import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearPublicCache } from '../../src/domain/publication/index.js';
import { generatePressRelease } from '../../src/domain/publication/files.js';
import { signIn, testApp } from '../helpers/app.js';
import { backends, DEMO_TEST_PASSWORD, type TestDatabase } from '../helpers/db.js';
import { expectGolden } from '../domain/publication-fixture.js';

/**
 * The demo tells the public record (DOMAIN.md): 2019 광진구 우수구 for the 4th year in a row, 관악구 5 years,
 * 2018 서대문구 7 years — read as the public reads them, through the public API, over a pre-product award history
 * (2012–2015, "예시 재구성") imported through the same service a city uses.
 */
interface PublicUnit {
  code: string;
  name: string;
  rank: number | null;
  awardTier: string | null;
  prize: number;
  streak: number | null;
  streakText: { ko: string; en: string } | null;
}
interface PublicResults {
  units: PublicUnit[];
  tiers: Array<{ code: string; winners: number; prizeEach: number; total: number }>;
}
interface HistoryRow {
  year: number;
  orgUnitCode: string;
  tier: string | null;
  tierName: string | null;
  prize: number | null;
  source: string;
  note: string | null;
}

const STREAK_TIERS = new Set(['best', 'excellent']);

describe.each(backends())('the demo’s public record on $name', (backend) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  const results = new Map<number, PublicResults>();
  let history: HistoryRow[] = [];
  beforeAll(async () => {
    db = await backend.openDemo(DEMO_TEST_PASSWORD, { data: true });
    clearPublicCache();
    app = await testApp(db);
    for (const year of [2016, 2017, 2018, 2019]) {
      const res = await app.inject(`/api/v1/public/cycles/${year}/results`);
      expect(res.statusCode).toBe(200);
      results.set(year, res.json());
    }
    const admin = await signIn(app, 'admin', DEMO_TEST_PASSWORD);
    history = (await admin.request('GET', '/api/v1/award-history')).json().items;
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  const unit = (year: number, name: string) => results.get(year)!.units.find((u) => u.name === name)!;

  it('2019: 광진구 우수구 (not 최우수구) for the 4th year in a row, 관악구 5 years, 마포구 우수구 with 4,500만 원', () => {
    expect(unit(2019, '광진구')).toMatchObject({ awardTier: 'excellent', streak: 4, streakText: { ko: '4년 연속 우수구 (2016–2019)' } });
    expect(unit(2019, '관악구')).toMatchObject({ streak: 5, streakText: { ko: '5년 연속 우수구 (2015–2019)' } });
    expect(unit(2019, '마포구')).toMatchObject({ awardTier: 'excellent', prize: 45_000_000 });
    const long = results
      .get(2019)!
      .units.filter((u) => (u.streak ?? 0) >= 4)
      .map((u) => u.name);
    expect(long.sort()).toEqual(['관악구', '광진구']);
  });

  it('2018: 서대문구 7 years in a row, the longest; 2016: 20 of 25 districts 우수구 with 6,000만 원 each', () => {
    expect(unit(2018, '서대문구')).toMatchObject({ streak: 7, streakText: { ko: '7년 연속 우수구 (2012–2018)' } });
    expect(
      Math.max(
        ...results
          .get(2018)!
          .units.filter((u) => u.name !== '서대문구')
          .map((u) => u.streak ?? 0),
      ),
    ).toBeLessThan(7);
    expect(unit(2019, '서대문구').streak).toBeNull();
    expect(results.get(2016)!.tiers).toEqual([expect.objectContaining({ code: 'excellent', winners: 20, prizeEach: 60_000_000, total: 1_200_000_000 })]);
  });

  it('ships the pre-product history 2012–2015 as data, marked as the demo’s reconstruction, with the prize tables reported', () => {
    expect([...new Set(history.map((h) => h.year))]).toEqual([2012, 2013, 2014, 2015]);
    expect(history.every((h) => h.source === 'demo' && h.note?.startsWith('예시 재구성'))).toBe(true);
    const awarded = (year: number) => history.filter((h) => h.year === year && h.tier !== null);
    const table = (year: number) =>
      Object.entries(awarded(year).reduce<Record<string, number[]>>((acc, h) => ({ ...acc, [h.tierName!]: [...(acc[h.tierName!] ?? []), h.prize!] }), {}))
        .map(([tier, prizes]) => `${tier} ${prizes.length}×${[...new Set(prizes)].join('/')}`)
        .sort();
    expect(table(2014)).toEqual(['노력구 2×40000000', '우수구 4×80000000', '최우수구 4×100000000']);
    expect(awarded(2015).some((h) => h.tier === 'best')).toBe(false);
  });

  it('claims no streak that the record (imported years, then the published ones) contradicts', () => {
    const tiers = new Map<number, Map<string, string | null>>();
    for (const h of history) tiers.set(h.year, (tiers.get(h.year) ?? new Map()).set(h.orgUnitCode, h.tier));
    for (const [year, r] of results) tiers.set(year, new Map(r.units.map((u) => [u.code, u.awardTier])));
    for (const [year, r] of results)
      for (const u of r.units) {
        let length = 0;
        while (STREAK_TIERS.has(tiers.get(year - length)?.get(u.code) ?? '')) length++;
        // The public results show a streak from two years on.
        expect(u.streak, `${year} ${u.name}`).toBe(length >= 2 ? length : null);
      }
  });

  it('drafts the 2019 press release naming 광진구 among the streak districts (golden file from the demo)', async () => {
    const text = await generatePressRelease(db.db, 2019, '2019-11-20');
    const headline = text.split('\n').find((l) => l.startsWith('# '))!;
    expect(headline).toContain('관악구 5년·광진구 4년 연속 우수구');
    expect(text).toContain('광진구는 2016년부터 4년 연속');
    expectGolden('press-release-2019.md', text);
  });
});
