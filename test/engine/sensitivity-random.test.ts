import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '../../src/engine/index.js';
import { mix32 } from '../../src/engine/random.js';

describe('seeded random streams (xoshiro128**)', () => {
  it('matches the reference generator for the state 1, 2, 3, 4', () => {
    const rng = new Xoshiro128().setState(1, 2, 3, 4);
    expect(Array.from({ length: 6 }, () => rng.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('gives each (seed, run) its own reproducible stream', () => {
    const draw = (seed: number, run: number) => {
      const rng = new Xoshiro128().seedRun(seed, run);
      return Array.from({ length: 4 }, () => rng.nextUint32());
    };
    expect(draw(7, 0)).toEqual(draw(7, 0));
    const firsts = new Set<number>();
    for (let run = 0; run < 2000; run++) firsts.add(draw(7, run)[0]!);
    expect(firsts.size).toBeGreaterThan(1990);
    expect(draw(7, 0)).not.toEqual(draw(8, 0));
    expect(draw(-1, 0)).not.toEqual(draw(2 ** 32 - 1, 0));
    expect(draw(2 ** 40, 5)).not.toEqual(draw(0, 5));
  });

  it('draws floats in [0, 1) with a plausible mean', () => {
    const rng = new Xoshiro128().seedRun(123, 0);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng.nextFloat();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('rejects a seed that is not a safe integer and the all-zero state', () => {
    expect(() => new Xoshiro128().seedRun(1.5, 0)).toThrow(RangeError);
    expect(() => new Xoshiro128().seedRun(2 ** 60, 0)).toThrow(/safe integer/);
    expect(() => new Xoshiro128().seedRun(1, -1)).toThrow(RangeError);
    expect(() => new Xoshiro128().setState(0, 0, 0, 0)).toThrow(RangeError);
  });

  it('mixes with the murmur3 finaliser', () => {
    expect(mix32(0)).toBe(0);
    expect(mix32(1)).toBe(0x514e28b7);
  });
});
