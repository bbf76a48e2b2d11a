import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../../src/engine/engine-error.js';
import { assignAwards, safeAssignAwards, type AwardConfigInput, type AwardResult, type AwardUnit } from '../../src/engine/awards.js';

const name = (ko: string, en: string) => ({ ko, en });
const winners = (r: AwardResult, tier: string): readonly string[] => r.tiers.find((t) => t.code === tier)?.winners ?? [];
const unit = (r: AwardResult, uCode: string) => {
  const u = r.units.find((x) => x.uCode === uCode);
  if (u === undefined) throw new Error(`no unit ${uCode}`);
  return u;
};
const scored = (scores: Record<string, number | null>): AwardUnit[] => Object.entries(scores).map(([uCode, score]) => ({ uCode, score }));

describe('assignAwards: top N', () => {
  const units = scored({ a: 95, b: 90, c: 85, d: 80, e: 80, f: 70 });

  it('names the rank and the limit in Korean and English', () => {
    const r = assignAwards(units, { tiers: [{ code: 'excellent', name: name('우수구', 'Excellent district'), rule: { kind: 'topN', n: 2 } }] });
    expect(winners(r, 'excellent')).toEqual(['a', 'b']);
    expect(unit(r, 'b').reason).toEqual({ ko: '순위 2위로 상위 2개 구에 해당', en: 'Rank 2, within the top 2' });
    expect(unit(r, 'c').tier).toBeNull();
    expect(unit(r, 'c').reason).toEqual({ ko: '순위 3위로 수상 기준에 해당하지 않음', en: 'Rank 3, no award criterion met' });
  });

  it('includes every unit tied at the boundary by default (more than N winners)', () => {
    const r = assignAwards(units, { tiers: [{ code: 'excellent', name: name('우수구', 'Excellent district'), rule: { kind: 'topN', n: 4 } }] });
    expect(winners(r, 'excellent')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(unit(r, 'e').rank).toBe(4);
    expect(unit(r, 'e').reason.ko).toBe('순위 4위로 상위 4개 구에 해당');
  });

  it('leaves out the whole tie group straddling the boundary with ties: exclude, and says why', () => {
    const r = assignAwards(units, {
      tiers: [{ code: 'excellent', name: name('우수구', 'Excellent district'), rule: { kind: 'topN', n: 4, ties: 'exclude' } }],
    });
    expect(winners(r, 'excellent')).toEqual(['a', 'b', 'c']);
    expect(unit(r, 'd').tier).toBeNull();
    expect(unit(r, 'd').reason).toEqual({
      ko: '우수구: 순위 4위(동점 2개 구), 상위 4개 경계에 걸친 동점은 제외하는 규정에 따라 미선정',
      en: 'Excellent district: rank 4, tied with 1 other across the top-4 boundary; tied units at the boundary are excluded',
    });
  });

  it('takes a tie group that fits inside N with ties: exclude', () => {
    const r = assignAwards(units, {
      tiers: [{ code: 'excellent', name: name('우수구', 'Excellent district'), rule: { kind: 'topN', n: 5, ties: 'exclude' } }],
    });
    expect(winners(r, 'excellent')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('assignAwards: the 2014 scheme (최우수구 4, 우수구 4, 노력구 2 for the biggest rank gain)', () => {
  // uCode, score, previous rank; ranks this year are 1..12 in this order.
  const rows: Array<[string, number, number]> = [
    ['u01', 95, 1],
    ['u02', 92, 3],
    ['u03', 90, 10],
    ['u04', 88, 2],
    ['u05', 85, 5],
    ['u06', 84, 12],
    ['u07', 83, 6],
    ['u08', 80, 7],
    ['u09', 78, 13],
    ['u10', 75, 14],
    ['u11', 70, 15],
    ['u12', 60, 8],
  ];
  const units: AwardUnit[] = rows.map(([uCode, score, previousRank]) => ({ uCode, score, previousRank }));
  const tiers = (effort: Record<string, unknown> = {}): AwardConfigInput => ({
    tiers: [
      { code: 'best', name: name('최우수구', 'Best district'), rule: { kind: 'topN', n: 4 } },
      { code: 'excellent', name: name('우수구', 'Excellent district'), rule: { kind: 'topN', n: 4 } },
      { code: 'effort', name: name('노력구', 'Most improved district'), rule: { kind: 'mostImproved', n: 2, ...effort } },
    ],
  });

  it('gives ranks 1–4 and 5–8 and the most improved to two of the rest', () => {
    const r = assignAwards(units, tiers());
    expect(winners(r, 'best')).toEqual(['u01', 'u02', 'u03', 'u04']);
    expect(winners(r, 'excellent')).toEqual(['u05', 'u06', 'u07', 'u08']);
    // u03 (+7) and u06 (+6) gained most but already hold a tier; u09, u10, u11 all gained 4: the better current
    // rank breaks the tie.
    expect(winners(r, 'effort')).toEqual(['u09', 'u10']);
    expect(unit(r, 'u03').reason).toEqual({ ko: '순위 3위로 상위 4개 구에 해당', en: 'Rank 3, within the top 4' });
    expect(unit(r, 'u06').reason).toEqual({
      ko: '수상 가능 구 중 순위 2위로 상위 4개 구에 해당 (전체 6위)',
      en: 'Rank 2 among the units still eligible, within the top 4 (overall rank 6)',
    });
    expect(unit(r, 'u09').reason).toEqual({
      ko: '전년도 13위 → 9위로 4계단 상승, 상승 폭 상위 2개 구에 해당',
      en: 'Rank 13 → 9, up 4 places, among the 2 biggest gains',
    });
    expect(unit(r, 'u09').rankGain).toBe(4);
    expect(unit(r, 'u12').rankGain).toBe(-4);
    expect(unit(r, 'u11').tier).toBeNull();
  });

  it('keeps equal gains tied without the current-rank tie-break (include: all three, exclude: none)', () => {
    expect(winners(assignAwards(units, tiers({ tieBreak: 'none' })), 'effort')).toEqual(['u09', 'u10', 'u11']);
    const ex = assignAwards(units, tiers({ tieBreak: 'none', ties: 'exclude' }));
    expect(winners(ex, 'effort')).toEqual([]);
    expect(unit(ex, 'u09').reason.en).toBe(
      'Most improved district: rank 1 by rank gain (4), tied with 2 others across the top-2 boundary; tied units at the boundary are excluded',
    );
  });

  it('honours a minimum gain', () => {
    expect(winners(assignAwards(units, tiers({ minGain: 5 })), 'effort')).toEqual([]);
  });

  it('lets the most improved tier see every unit with among: all (then a unit keeps its first tier)', () => {
    const cfg = tiers();
    const r = assignAwards(units, {
      tiers: [...(cfg.tiers ?? []).slice(0, 2), { code: 'effort', name: name('노력구', 'Most improved'), rule: { kind: 'mostImproved', n: 2 }, among: 'all' }],
    });
    expect(winners(r, 'effort')).toEqual([]); // u03 and u06 were picked but already hold best / excellent
    expect(unit(r, 'u03').tiers).toEqual(['best']);
  });

  it('skips units without a previous rank', () => {
    const r = assignAwards(
      units.map((u) => (u.uCode === 'u09' ? { uCode: 'u09', score: u.score } : u)),
      tiers(),
    );
    expect(winners(r, 'effort')).toEqual(['u10', 'u11']);
  });
});

describe('assignAwards: top share', () => {
  const many = (n: number): AwardUnit[] => Array.from({ length: n }, (_, i) => ({ uCode: `u${String(i + 1).padStart(3, '0')}`, score: 1000 - i }));
  const share = (units: AwardUnit[], s: number, rounding?: 'floor' | 'ceil' | 'round') =>
    winners(
      assignAwards(units, {
        tiers: [{ code: 't', name: name('우수구', 'Excellent'), rule: { kind: 'topShare', share: s, ...(rounding ? { rounding } : {}) } }],
      }),
      't',
    ).length;

  it('takes 20% of 25 districts = 5', () => {
    expect(share(many(25), 0.2)).toBe(5);
  });

  it('rounds 30% of 25 = 7.5 down by default, up with ceil or round', () => {
    expect(share(many(25), 0.3)).toBe(7);
    expect(share(many(25), 0.3, 'ceil')).toBe(8);
    expect(share(many(25), 0.3, 'round')).toBe(8);
  });

  it('is not fooled by float noise (0.07 × 100 = 7.000000000000001, 0.29 × 100 = 28.999999999999996)', () => {
    expect(0.07 * 100).toBeGreaterThan(7);
    expect(0.29 * 100).toBeLessThan(29);
    expect(share(many(100), 0.07, 'ceil')).toBe(7);
    expect(share(many(100), 0.29, 'floor')).toBe(29);
  });

  it('states the share and the count', () => {
    const r = assignAwards(many(25), { tiers: [{ code: 't', name: name('우수구', 'Excellent'), rule: { kind: 'topShare', share: 0.2 } }] });
    expect(unit(r, 'u005').reason).toEqual({ ko: '순위 5위로 상위 20%(5개 구) 이내에 해당', en: 'Rank 5, within the top 20% (5 units)' });
  });

  it('applies cumulative shares with among: all (top 10% → best, top 30% → the next 20%)', () => {
    const r = assignAwards(many(10), {
      tiers: [
        { code: 'best', name: name('최우수구', 'Best'), rule: { kind: 'topShare', share: 0.1 }, among: 'all' },
        { code: 'excellent', name: name('우수구', 'Excellent'), rule: { kind: 'topShare', share: 0.3 }, among: 'all' },
      ],
    });
    expect(winners(r, 'best')).toEqual(['u001']);
    expect(winners(r, 'excellent')).toEqual(['u002', 'u003']);
  });
});

describe('assignAwards: score cut-off', () => {
  it('takes scores at or above the cut-off, after rounding away float noise', () => {
    const r = assignAwards(scored({ a: 80, b: 79.9999999999, c: 79.99, d: 91.5 }), {
      tiers: [{ code: 'excellent', name: name('우수구', 'Excellent'), rule: { kind: 'cutoff', minScore: 80 } }],
    });
    expect(winners(r, 'excellent')).toEqual(['d', 'a', 'b']);
    expect(unit(r, 'd').reason).toEqual({ ko: '점수 91.5점으로 기준 80점 이상', en: 'Score 91.5, at or above the cut-off of 80' });
    expect(unit(r, 'c').tier).toBeNull();
  });
});

describe('assignAwards: peer groups', () => {
  const units: AwardUnit[] = [
    { uCode: 'x', score: 99, groups: { region: null } },
    { uCode: 'a1', score: 90, groups: { region: '도심권' } },
    { uCode: 'a2', score: 85, groups: { region: '도심권' } },
    { uCode: 'a3', score: 80, groups: { region: '도심권' } },
    { uCode: 'b1', score: 70, groups: { region: '동남권' } },
    { uCode: 'b2', score: 65, groups: { region: '동남권' } },
    { uCode: 'b3', score: 65, groups: { region: '동남권' } },
  ];
  const cfg: AwardConfigInput = {
    tiers: [{ code: 'excellent', name: name('우수구', 'Excellent'), rule: { kind: 'topN', n: 2 }, group: 'region' }],
  };

  it('takes the top 2 of each group, ties included, and skips units without a group', () => {
    const r = assignAwards(units, cfg);
    expect(winners(r, 'excellent')).toEqual(['a1', 'a2', 'b1', 'b2', 'b3']);
    expect(unit(r, 'x').tier).toBeNull();
    expect(unit(r, 'b1').reason).toEqual({
      ko: '동남권 그룹 내 순위 1위로 상위 2개 구에 해당 (전체 5위)',
      en: 'Rank 1 in group 동남권, within the top 2 (overall rank 5)',
    });
    expect(unit(r, 'b1').wins[0]?.group).toBe('동남권');
  });

  it('evaluates the most improved rank within each group on overall ranks', () => {
    const withPrev = units.map((u, i) => ({ ...u, previousRank: [1, 5, 2, 3, 7, 4, 6][i] ?? null }));
    // gains: a1 5-2=3, a2 2-3=-1, a3 3-4=-1, b1 7-5=2, b2 4-6=-2, b3 6-6=0
    const r = assignAwards(withPrev, {
      tiers: [{ code: 'effort', name: name('노력구', 'Most improved'), rule: { kind: 'mostImproved', n: 1 }, group: 'region' }],
    });
    expect(winners(r, 'effort')).toEqual(['a1', 'b1']);
    expect(unit(r, 'b1').reason.ko).toBe('전년도 7위 → 5위로 2계단 상승, 동남권 그룹 내 상승 폭 상위 1개 구에 해당');
    expect(unit(r, 'b1').reason.en).toBe('Rank 7 → 5, up 2 places, the biggest gain in group 동남권');
  });
});

describe('assignAwards: stacking and eligibility', () => {
  it('gives a stackable tier in addition to the main one', () => {
    const r = assignAwards(scored({ a: 95, b: 91, c: 85, d: 80 }), {
      tiers: [
        { code: 'best', name: name('최우수구', 'Best'), rule: { kind: 'topN', n: 1 } },
        { code: 'excellent', name: name('우수구', 'Excellent'), rule: { kind: 'topN', n: 2 } },
        { code: 'special', name: name('특별상', 'Special prize'), rule: { kind: 'cutoff', minScore: 90 }, stackable: true },
      ],
    });
    expect(unit(r, 'a').tier).toBe('best');
    expect(unit(r, 'a').tiers).toEqual(['best', 'special']);
    expect(unit(r, 'b').tiers).toEqual(['excellent', 'special']);
    expect(unit(r, 'c').tiers).toEqual(['excellent']);
    expect(winners(r, 'special')).toEqual(['a', 'b']);
  });

  it('skips excluded units, units below the minimum score and units without a score', () => {
    const r = assignAwards(scored({ a: 95, b: 90, c: 85, d: 55, e: null }), {
      tiers: [{ code: 'excellent', name: name('우수구', 'Excellent'), rule: { kind: 'topN', n: 2 } }],
      eligibility: { excluded: ['a'], minScore: 60 },
    });
    expect(winners(r, 'excellent')).toEqual(['b', 'c']);
    expect(unit(r, 'a').rank).toBe(1);
    expect(unit(r, 'a').eligible).toBe(false);
    expect(unit(r, 'a').reason).toEqual({ ko: '수상 대상에서 제외됨', en: 'Excluded from awards' });
    expect(unit(r, 'b').reason.ko).toBe('수상 가능 구 중 순위 1위로 상위 2개 구에 해당 (전체 2위)');
    expect(unit(r, 'd').reason).toEqual({ ko: '점수 55점으로 수상 최저 점수 60점 미만', en: 'Score 55, below the minimum of 60 for awards' });
    expect(unit(r, 'e').reason).toEqual({ ko: '점수가 없어 수상 대상이 아님', en: 'No score, not eligible for awards' });
    expect(r.units.map((u) => u.uCode)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('applies a tier minimum score', () => {
    const r = assignAwards(scored({ a: 95, b: 70 }), {
      tiers: [{ code: 'excellent', name: name('우수구', 'Excellent'), rule: { kind: 'topN', n: 2 }, minScore: 80 }],
    });
    expect(winners(r, 'excellent')).toEqual(['a']);
  });

  it('uses the configured noun for other kinds of units', () => {
    const r = assignAwards(scored({ a: 95 }), {
      tiers: [{ code: 'excellent', name: name('우수 시·군', 'Excellent'), rule: { kind: 'topN', n: 1 } }],
      unitNounKo: '시·군',
    });
    expect(unit(r, 'a').reason.ko).toBe('순위 1위로 상위 1개 시·군에 해당');
  });
});

describe('assignAwards: bad input', () => {
  it('reports every problem at once with codes and locations', () => {
    const r = safeAssignAwards(
      [
        { uCode: 'a', score: NaN },
        { uCode: 'a', score: 1, previousRank: 0 },
      ],
      {
        tiers: [
          { code: 't', name: name('우수구', 'Excellent'), rule: { kind: 'topN', n: 1 } },
          { code: 't', name: name('우수구', 'Excellent'), rule: { kind: 'topN', n: 1 } },
        ],
        eligibility: { excluded: ['zz'] },
      },
    );
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => [i.code, i.location.field])).toEqual([
      ['input.not_finite', 'units[0].score'],
      ['input.duplicate_unit', 'units[1].uCode'],
      ['input.invalid_rank', 'units[1].previousRank'],
      ['config.duplicate_code', 'config.tiers[1].code'],
      ['award.unknown_unit', 'config.eligibility.excluded[0]'],
    ]);
  });

  it('throws a typed error for a malformed rule, naming the field in both languages', () => {
    let caught: unknown;
    try {
      assignAwards(scored({ a: 1 }), { tiers: [{ code: 't', name: name('우수구', 'Excellent'), rule: { kind: 'topN', n: -1 } }] });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(EngineInputError);
    const err = caught as EngineInputError;
    expect(err.code).toBe('config.invalid');
    expect(err.issues[0]?.location.field).toBe('config.tiers[0].rule.n');
    expect(err.message).toContain('assignAwards');
    expect(err.summary.ko).toContain('config.tiers[0].rule.n');
  });
});
