import { describe, expect, it } from 'vitest';
import { framework2019 } from '../../src/domain/frameworks/defaults/framework-2019.js';
import { frameworkDefinitionSchema } from '../../src/domain/frameworks/definition.js';
import { objectionValueProblems, PLAUSIBLE_LIMIT } from '../../src/domain/objections/index.js';

const framework = frameworkDefinitionSchema.parse(framework2019);
const indicator = (code: string) => framework.indicators.find((i) => i.code === code)!;
const problems = (code: string, value: number) => objectionValueProblems(indicator(code), value, 'body.requestedValue');

describe('objectionValueProblems', () => {
  it('accepts a value within J2’s bounds (0–300 %) and at its edges', () => {
    expect(problems('J2', 100)).toEqual([]);
    expect(problems('J2', 0)).toEqual([]);
    expect(problems('J2', 300)).toEqual([]);
  });

  it('refuses NaN and ±Infinity, which JSON cannot carry but a caller of the service can', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const [p] = problems('J2', v);
      expect(p).toMatchObject({
        path: 'body.requestedValue',
        message: { ko: expect.stringContaining('숫자가 아닌 값'), en: expect.stringContaining('finite number') },
      });
    }
  });

  it('refuses 1e308 against J2’s maximum of 300 %, naming the range in both languages', () => {
    expect(problems('J2', 1e308)).toEqual([
      {
        path: 'body.requestedValue',
        message: {
          ko: 'J2 일자리 목표 공시제 목표 달성률: 1e+308 %는 상한보다 큽니다 (허용 범위 0 % ~ 300 %).',
          en: 'J2 Achievement of the published job targets: 1e+308 % is above the maximum (allowed 0 % to 300 %).',
        },
      },
    ]);
  });

  it('bounds an open-ended indicator at ±1e12 (J3 has only a minimum)', () => {
    expect(indicator('J3').bounds.max).toBeUndefined();
    expect(problems('J3', PLAUSIBLE_LIMIT)).toEqual([]);
    expect(problems('J3', PLAUSIBLE_LIMIT * 10)[0]!.message.en).toContain('above the maximum (allowed 0 명/10만명 to 1,000,000,000,000 명/10만명)');
    expect(problems('J3', -1)[0]!.message.ko).toContain('하한보다 작습니다');
  });

  it('wants whole numbers for counted units (S4 in 개) and the 0–100 panel scale for a qualitative item', () => {
    expect(problems('S4', 2.5)[0]!.message.en).toContain('whole numbers');
    expect(problems('S4', 3)).toEqual([]);
    expect(problems('S6', 100)).toEqual([]);
    expect(problems('S6', 100.5)[0]!.message.ko).toContain('상한보다 큽니다');
  });
});
