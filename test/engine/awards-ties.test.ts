import { describe, expect, it } from 'vitest';
import { assignAwards, assignAwardsWithTies, type AwardConfigInput } from '../../src/engine/awards.js';

const config: AwardConfigInput = {
  tiers: [
    { code: 'best', name: { ko: '최우수구', en: 'Best district' }, rule: { kind: 'topN', n: 3 } },
    { code: 'excellent', name: { ko: '우수구', en: 'Excellent district' }, rule: { kind: 'topN', n: 2 } },
  ],
};
// a is 1st; b, c, d, e tie for 2nd: two places of "best" left for four units.
const units = [
  { uCode: 'a', score: 90 },
  { uCode: 'b', score: 80 },
  { uCode: 'c', score: 80 },
  { uCode: 'd', score: 80 },
  { uCode: 'e', score: 80 },
  { uCode: 'f', score: 70 },
];

describe('award ties beyond a tier’s places', () => {
  it('reports the tie and, undecided, awards as the engine always did', () => {
    const { awards, ties } = assignAwardsWithTies(units, config);
    expect(awards).toEqual(assignAwards(units, config));
    expect(ties).toEqual([
      { tier: 'best', name: { ko: '최우수구', en: 'Best district' }, places: 3, rank: 2, placesLeft: 2, tied: ['b', 'c', 'd', 'e'], decision: null },
    ]);
  });

  it('reports nothing when the tie fits within the places', () => {
    const fits = units.map((u) => (u.uCode === 'e' || u.uCode === 'd' ? { ...u, score: 75 - (u.uCode === 'e' ? 1 : 0) } : u));
    expect(assignAwardsWithTies(fits, config).ties).toEqual([]);
  });

  it('leaves the places empty: the tied units go on to the next tier, where the tie is reported again', () => {
    const tied = ['b', 'c', 'd', 'e'];
    const { awards, ties } = assignAwardsWithTies(units, config, [{ tier: 'best', tied, kind: 'leave_empty' }]);
    expect(awards.tiers[0]!.winners).toEqual(['a']);
    expect(ties[0]!.decision).toMatchObject({ kind: 'leave_empty' });
    expect(ties[1]).toMatchObject({ tier: 'excellent', places: 2, rank: 1, placesLeft: 2, tied, decision: null });
  });

  it('breaks the tie by a given order: only the first units take the remaining places', () => {
    const { awards, ties } = assignAwardsWithTies(units, config, [{ tier: 'best', tied: ['e', 'd', 'c', 'b'], kind: 'order', order: ['d', 'b', 'c', 'e'] }]);
    expect(awards.tiers[0]!.winners).toEqual(['a', 'b', 'd']);
    expect(awards.tiers[1]!.winners).toEqual(['c', 'e']);
    expect(ties.filter((t) => t.decision === null)).toEqual([]);
  });

  it('explains a unit left out by a decision on its tie', () => {
    const only: AwardConfigInput = { tiers: [config.tiers[0]!] };
    const tied = ['b', 'c', 'd', 'e'];
    const empty = assignAwardsWithTies(units, only, [{ tier: 'best', tied, kind: 'leave_empty' }]).awards.units.find((u) => u.uCode === 'c')!;
    expect(empty.tier).toBeNull();
    expect(empty.reason.ko).toBe('최우수구: 공동 2위 동점 4개 구가 남은 2자리를 넘어, 자리를 비워 두기로 결정되어 미선정');
    const ordered = assignAwardsWithTies(units, only, [{ tier: 'best', tied, kind: 'order', order: ['b', 'c', 'd', 'e'] }]).awards.units.find(
      (u) => u.uCode === 'e',
    )!;
    expect(ordered.tier).toBeNull();
    expect(ordered.reason.ko).toContain('동점 처리 규칙에 따라 다른 구에 주기로 결정되어 미선정');
    // A province's noun ends in a consonant: its subject particle is 이.
    const province = assignAwardsWithTies(units, { ...only, unitNounKo: '시·군' }, [{ tier: 'best', tied, kind: 'leave_empty' }]).awards.units.find(
      (u) => u.uCode === 'c',
    )!;
    expect(province.reason.ko).toBe('최우수구: 공동 2위 동점 4개 시·군이 남은 2자리를 넘어, 자리를 비워 두기로 결정되어 미선정');
  });

  it('ignores a decision made for another set of tied units', () => {
    const { awards, ties } = assignAwardsWithTies(units, config, [{ tier: 'best', tied: ['b', 'c'], kind: 'leave_empty' }]);
    expect(awards.tiers[0]!.winners).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ties[0]!.decision).toBeNull();
  });

  it('reports no tie under the exclude policy (the framework already decided)', () => {
    const excl: AwardConfigInput = { tiers: [{ code: 'best', name: { ko: '최우수구', en: 'Best' }, rule: { kind: 'topN', n: 3, ties: 'exclude' } }] };
    expect(assignAwardsWithTies(units, excl).ties).toEqual([]);
  });
});
