import { frameworkDefinitionSchema, type FrameworkDefinition } from '../definition.js';
import { framework2016 } from './framework-2016.js';
import { framework2017 } from './framework-2017.js';
import { framework2018 } from './framework-2018.js';
import { framework2019 } from './framework-2019.js';

const inputs = { 2016: framework2016, 2017: framework2017, 2018: framework2018, 2019: framework2019 } as const;

/** The shipped (illustrative) framework of a year, validated; later years start from 2019's. */
export function defaultFramework(year: number): FrameworkDefinition {
  const input = year in inputs ? inputs[year as keyof typeof inputs] : framework2019;
  const def = frameworkDefinitionSchema.parse(input);
  if (!(year in inputs)) {
    return {
      ...def,
      title: { ko: `${year} 서울 희망일자리 만들기 평가지표 (2019 기준 예시)`, en: `${year} Seoul hope jobs evaluation framework (from 2019, illustrative)` },
      indicators: def.indicators.map((i) => ({ ...i, isNew: false })),
    };
  }
  return def;
}

export const defaultFrameworkYears = [2016, 2017, 2018, 2019] as const;
