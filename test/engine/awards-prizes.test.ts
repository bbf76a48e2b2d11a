import { describe, expect, it } from 'vitest';
import { formatWon, formatWonEn, formatWonKo, computePrizes } from '../../src/engine/prizes.js';
import { EngineInputError, safely } from '../../src/engine/engine-error.js';

describe('computePrizes', () => {
  it('pays per unit and totals the 2014 table (4 × 1억, 4 × 8,000만, 2 × 4,000만 = 8억)', () => {
    const r = computePrizes(
      {
        tiers: [
          { code: 'best', winners: ['a', 'b', 'c', 'd'] },
          { code: 'excellent', winners: ['e', 'f', 'g', 'h'] },
          { code: 'effort', winners: ['i', 'j'] },
        ],
      },
      {
        prizes: [
          { tier: 'best', kind: 'perUnit', amount: 100_000_000 },
          { tier: 'excellent', kind: 'perUnit', amount: 80_000_000 },
          { tier: 'effort', kind: 'perUnit', amount: 40_000_000 },
        ],
      },
    );
    expect(r.tiers.map((t) => [t.tier, t.winners, t.perUnit, t.total])).toEqual([
      ['best', 4, 100_000_000, 400_000_000],
      ['excellent', 4, 80_000_000, 320_000_000],
      ['effort', 2, 40_000_000, 80_000_000],
    ]);
    expect(r.total).toBe(800_000_000);
    expect(formatWonKo(r.total)).toBe('8억 원');
    expect(r.units.find((u) => u.uCode === 'e')?.amount).toBe(80_000_000);
  });

  it('splits a pool equally, rounded down to 1,000 won, and reports the remainder', () => {
    const r = computePrizes(
      { tiers: [{ code: 'excellent', winners: ['11215', '11440', '11620'] }] },
      { prizes: [{ tier: 'excellent', kind: 'pool', pool: 100_000_000 }] },
    );
    expect(r.tiers[0]).toEqual({ tier: 'excellent', kind: 'pool', winners: 3, perUnit: 33_333_000, total: 99_999_000, pool: 100_000_000, remainder: 1_000 });
    expect(r.remainder).toBe(1_000);
  });

  it('rounds to another unit when asked, and keeps the whole pool when nobody won', () => {
    const r = computePrizes(
      {
        tiers: [
          { code: 'a', winners: ['x', 'y', 'z'] },
          { code: 'b', winners: [] },
        ],
      },
      {
        prizes: [
          { tier: 'a', kind: 'pool', pool: 1_000_000, roundTo: 10_000 },
          { tier: 'b', kind: 'pool', pool: 5_000_000 },
        ],
      },
    );
    expect(r.tiers.map((t) => [t.perUnit, t.total, t.remainder])).toEqual([
      [330_000, 990_000, 10_000],
      [0, 0, 5_000_000],
    ]);
    expect(r.remainder).toBe(5_010_000);
  });

  it('adds a stackable tier to the main prize and treats tiers without a prize as honorary', () => {
    const r = computePrizes(
      {
        tiers: [
          { code: 'best', winners: ['a'] },
          { code: 'special', winners: ['a', 'b'] },
          { code: 'honour', winners: ['c'] },
        ],
      },
      {
        prizes: [
          { tier: 'best', kind: 'perUnit', amount: 60_000_000 },
          { tier: 'special', kind: 'perUnit', amount: 5_000_000 },
        ],
      },
    );
    expect(r.units).toEqual([
      {
        uCode: 'a',
        amount: 65_000_000,
        items: [
          { tier: 'best', amount: 60_000_000 },
          { tier: 'special', amount: 5_000_000 },
        ],
      },
      { uCode: 'b', amount: 5_000_000, items: [{ tier: 'special', amount: 5_000_000 }] },
      { uCode: 'c', amount: 0, items: [{ tier: 'honour', amount: 0 }] },
    ]);
    expect(r.tiers[2]?.kind).toBe('none');
  });

  it('reproduces 2016: 20 districts × 6,000만 원 = 12억 원', () => {
    const winners = Array.from({ length: 20 }, (_, i) => `d${i}`);
    const r = computePrizes({ tiers: [{ code: 'excellent', winners }] }, { prizes: [{ tier: 'excellent', kind: 'perUnit', amount: 60_000_000 }] });
    expect(formatWonKo(r.total)).toBe('12억 원');
  });

  it('rejects unknown tiers, repeated tiers and non-integer won', () => {
    const r = safely(() =>
      computePrizes(
        { tiers: [{ code: 'a', winners: [] }] },
        {
          prizes: [
            { tier: 'zz', kind: 'perUnit', amount: 1 },
            { tier: 'a', kind: 'perUnit', amount: 1 },
            { tier: 'a', kind: 'perUnit', amount: 2 },
          ],
        },
      ),
    );
    expect(r.success ? [] : r.error.issues.map((i) => [i.code, i.location.field])).toEqual([
      ['prize.unknown_tier', 'table.prizes[0].tier'],
      ['config.duplicate_code', 'table.prizes[2].tier'],
    ]);
    const bad = safely(() => computePrizes({ tiers: [{ code: 'a', winners: [] }] }, { prizes: [{ tier: 'a', kind: 'perUnit', amount: 1.5 }] }));
    expect(bad.success ? [] : bad.error.issues.map((i) => i.location.field)).toEqual(['table.prizes[0].amount']);
  });
});

describe('formatWon', () => {
  it.each([
    [0, '0원', 'KRW 0'],
    [500, '500원', 'KRW 500'],
    [12_345, '1만 2,345원', 'KRW 12,345'],
    [45_000_000, '4,500만 원', 'KRW 45,000,000'],
    [60_000_000, '6,000만 원', 'KRW 60,000,000'],
    [100_000_000, '1억 원', 'KRW 100,000,000'],
    [120_000_000, '1억 2,000만 원', 'KRW 120,000,000'],
    [1_200_000_000, '12억 원', 'KRW 1,200,000,000'],
    [1_000_050_000, '10억 5만 원', 'KRW 1,000,050,000'],
    [2_000_000_000_000, '2조 원', 'KRW 2,000,000,000,000'],
    [-45_000_000, '-4,500만 원', 'KRW -45,000,000'],
  ])('formats %d won as %s / %s', (amount, ko, en) => {
    expect(formatWonKo(amount)).toBe(ko);
    expect(formatWonEn(amount)).toBe(en);
    expect(formatWon(amount, 'ko')).toBe(ko);
    expect(formatWon(amount, 'en')).toBe(en);
  });

  it('refuses amounts that are not whole won', () => {
    expect(() => formatWonKo(1.5)).toThrow(EngineInputError);
    expect(() => formatWonEn(NaN)).toThrow(/formatWonEn/);
  });
});
