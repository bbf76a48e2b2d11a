import { frameworkDefinitionSchema, type FrameworkDefinition, type FrameworkDefinitionInput, type IndicatorGuidance } from '../definition.js';
import { framework2016 } from './framework-2016.js';
import { framework2017 } from './framework-2017.js';
import { framework2018 } from './framework-2018.js';
import { framework2019 } from './framework-2019.js';
import { guidance2016 } from './guidance-2016.js';
import { guidance2017 } from './guidance-2017.js';
import { guidance2018 } from './guidance-2018.js';
import { guidance2019 } from './guidance-2019.js';

const inputs = { 2016: framework2016, 2017: framework2017, 2018: framework2018, 2019: framework2019 } as const;
const guidance = { 2016: guidance2016, 2017: guidance2017, 2018: guidance2018, 2019: guidance2019 } as const;

/** The year's 평가 편람 (kept in its own module, by indicator code) put on the indicators that have none of their own. */
function withGuidance(input: FrameworkDefinitionInput, texts: Record<string, IndicatorGuidance>): FrameworkDefinitionInput {
  return { ...input, indicators: input.indicators.map((i) => (i.guidance === undefined && texts[i.code] ? { ...i, guidance: texts[i.code] } : i)) };
}

/** The shipped (illustrative) framework of a year, with its 평가 편람, validated; later years start from 2019's. */
export function defaultFramework(year: number): FrameworkDefinition {
  const known = year in inputs ? (year as keyof typeof inputs) : null;
  const def = frameworkDefinitionSchema.parse(withGuidance(inputs[known ?? 2019], guidance[known ?? 2019]));
  if (known === null) {
    return {
      ...def,
      title: { ko: `${year} 서울 희망일자리 만들기 평가지표 (2019 기준 예시)`, en: `${year} Seoul hope jobs evaluation framework (from 2019, illustrative)` },
      indicators: def.indicators.map((i) => ({ ...i, isNew: false })),
    };
  }
  return def;
}

export const defaultFrameworkYears = [2016, 2017, 2018, 2019] as const;
