import { describe, expect, it } from 'vitest';
import { EngineInputError, safely } from '../../src/engine/engine-error.js';
import { applyAdjustments, type AdjustmentConfigInput } from '../../src/engine/adjustments.js';

// DOMAIN.md default: bonus up to +3, penalty down to −3.
const config: AdjustmentConfigInput = {
  rules: [
    { code: 'B-COOP', name: { ko: '시 정책 협조', en: 'City policy cooperation' }, kind: 'bonus', cap: 2 },
    { code: 'B-MEDIA', name: { ko: '언론 보도 우수', en: 'Outstanding media coverage' }, kind: 'bonus' },
    { code: 'P-LATE', name: { ko: '자료 제출 지연', en: 'Late data' }, kind: 'penalty', cap: 2 },
    { code: 'P-WRONG', name: { ko: '자료 오류', en: 'Wrong data' }, kind: 'penalty' },
  ],
  bonusCap: 3,
  penaltyCap: 3,
};

describe('applyAdjustments', () => {
  it('adds bonus and penalty to the base score', () => {
    const [u] = applyAdjustments(
      [{ uCode: '11215', score: 80 }],
      [
        { uCode: '11215', rule: 'B-MEDIA', points: 1.5, reason: '주요 일간지 보도 2건' },
        { uCode: '11215', rule: 'P-LATE', points: -0.5, reason: '3일 지연' },
      ],
      config,
    );
    expect(u).toMatchObject({ bonus: 1.5, penalty: -0.5, net: 1, adjusted: 81, final: 81, cutBonus: 0, cutPenalty: 0, clamped: null });
    expect(u?.entries[0]?.reason).toBe('주요 일간지 보도 2건');
  });

  it('cuts at the rule cap first, then at the overall cap, entries in the order given, and says why', () => {
    const [u] = applyAdjustments(
      [{ uCode: 'a', score: 70 }],
      [
        { uCode: 'a', rule: 'B-COOP', points: 1.5 },
        { uCode: 'a', rule: 'B-COOP', points: 1 }, // rule cap 2: 0.5 applied, 0.5 cut
        { uCode: 'a', rule: 'B-MEDIA', points: 2 }, // overall cap 3: 1 applied, 1 cut
      ],
      config,
    );
    expect(u).toMatchObject({ requestedBonus: 4.5, bonus: 3, cutBonus: 1.5, net: 3, final: 73 });
    expect(u?.entries.map((e) => [e.applied, e.cuts.map((c) => [c.by, c.amount])])).toEqual([
      [1.5, []],
      [0.5, [['rule_cap', 0.5]]],
      [1, [['bonus_cap', 1]]],
    ]);
    expect(u?.entries[1]?.cuts[0]?.reason).toEqual({
      ko: '"시 정책 협조" 항목 한도 +2점 초과분 +0.5점 미반영',
      en: '+0.5 over the +2 cap of "City policy cooperation" not applied',
    });
    expect(u?.entries[2]?.cuts[0]?.reason).toEqual({
      ko: '가점 총 한도 +3점 초과분 +1점 미반영',
      en: '+1 over the overall bonus cap of +3 not applied',
    });
  });

  it('caps penalties at −3 overall', () => {
    const [u] = applyAdjustments(
      [{ uCode: 'a', score: 50 }],
      [
        { uCode: 'a', rule: 'P-LATE', points: -2.5 },
        { uCode: 'a', rule: 'P-WRONG', points: -2 },
      ],
      config,
    );
    expect(u).toMatchObject({ requestedPenalty: -4.5, penalty: -3, cutPenalty: -1.5, net: -3, final: 47 });
    expect(u?.entries[0]?.cuts.map((c) => c.by)).toEqual(['rule_cap']);
    expect(u?.entries[1]?.cuts[0]).toMatchObject({ by: 'penalty_cap', amount: -1 });
    expect(u?.entries[1]?.cuts[0]?.reason.ko).toBe('감점 총 한도 −3점 초과분 −1점 미반영');
  });

  it('does not cut for float noise (0.1 + 0.2 against a cap of 0.3)', () => {
    const [u] = applyAdjustments(
      [{ uCode: 'a', score: 10 }],
      [
        { uCode: 'a', rule: 'B', points: 0.1 },
        { uCode: 'a', rule: 'B', points: 0.2 },
      ],
      { rules: [{ code: 'B', name: { ko: '가점', en: 'Bonus' }, kind: 'bonus', cap: 0.3 }] },
    );
    expect(u?.entries.every((e) => e.cuts.length === 0)).toBe(true);
  });

  it('clamps the final score to [0, max] when asked', () => {
    const r = applyAdjustments(
      [
        { uCode: 'hi', score: 99 },
        { uCode: 'lo', score: 1 },
      ],
      [
        { uCode: 'hi', rule: 'B-MEDIA', points: 3 },
        { uCode: 'lo', rule: 'P-WRONG', points: -3 },
      ],
      { ...config, clamp: { max: 100 } },
    );
    expect(r.map((u) => [u.adjusted, u.final, u.clamped])).toEqual([
      [102, 100, 'max'],
      [-2, 0, 'min'],
    ]);
  });

  it('gives units without entries a zero adjustment and keeps a missing base score missing', () => {
    const r = applyAdjustments(
      [
        { uCode: 'a', score: 60 },
        { uCode: 'b', score: null },
      ],
      [{ uCode: 'b', rule: 'B-MEDIA', points: 1 }],
      config,
    );
    expect(r[0]).toMatchObject({ net: 0, final: 60, entries: [] });
    expect(r[1]).toMatchObject({ net: 1, adjusted: null, final: null });
  });

  it('rejects unknown rules and units, wrong signs and NaN, all at once', () => {
    const r = safely(() =>
      applyAdjustments(
        [{ uCode: 'a', score: 60 }],
        [
          { uCode: 'a', rule: 'NOPE', points: 1 },
          { uCode: 'a', rule: 'B-MEDIA', points: -1 },
          { uCode: 'a', rule: 'P-LATE', points: 1 },
          { uCode: 'a', rule: 'P-LATE', points: NaN },
          { uCode: 'zz', rule: 'B-MEDIA', points: 1 },
        ],
        config,
      ),
    );
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error).toBeInstanceOf(EngineInputError);
    expect(r.error.issues.map((i) => [i.code, i.location.field])).toEqual([
      ['adjustment.unknown_rule', 'entries[0].rule'],
      ['adjustment.wrong_sign', 'entries[1].points'],
      ['adjustment.wrong_sign', 'entries[2].points'],
      ['adjustment.not_finite', 'entries[3].points'],
      ['adjustment.unknown_unit', 'entries[4].uCode'],
    ]);
    expect(r.error.issues[2]?.message).toEqual({
      ko: '감점 항목 "P-LATE"에 양수 점수 1점 (감점은 음수로 적습니다)',
      en: 'penalty rule "P-LATE" given positive points 1 (penalties are negative)',
    });
  });

  it('rejects a malformed configuration and repeated rule codes', () => {
    const rule = { code: 'B', name: { ko: '가점', en: 'Bonus' }, kind: 'bonus' as const };
    const r = safely(() => applyAdjustments([], [], { rules: [rule, rule], bonusCap: -1 }));
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => [i.code, i.location.field])).toEqual([['config.invalid', 'config.bonusCap']]);
    const dup = safely(() => applyAdjustments([], [], { rules: [rule, rule] }));
    expect(dup.success ? [] : dup.error.issues.map((i) => i.code)).toEqual(['config.duplicate_code']);
    expect(() => applyAdjustments([], [], { rules: [], clamp: { min: 5, max: 1 } })).toThrow(EngineInputError);
  });
});
