import type { FrameworkDefinitionInput } from '../definition.js';
import { illustrativeNotice, standardAdjustments, tierNames } from './common.js';
import { indicators2019 } from './framework-2019.js';
import { standardRubric } from './rubrics.js';

type IndicatorInput = FrameworkDefinitionInput['indicators'][number];

/** Re-uses a 2019 indicator's definition under the 2016 structure with other points. */
function from2019(code: string, field: string, points: number): IndicatorInput {
  const base = indicators2019.find((i) => i.code === code);
  if (!base) throw new Error(`no 2019 indicator ${code}`);
  return { ...base, field, points, isNew: false };
}

/**
 * 2016: 3 fields / 10 items weighted 일자리창출 60, 사회적경제 30, 노동권익 10 (as reported); 20 of 25
 * districts received 6,000만 원 each (12억 원 in total).
 */
export const framework2016: FrameworkDefinitionInput = {
  title: { ko: '2016 서울 희망일자리 만들기 평가지표 (예시 재구성)', en: '2016 Seoul hope jobs evaluation framework (illustrative)' },
  illustrative: true,
  notice: illustrativeNotice,
  fields: [
    { code: 'C', name: { ko: '일자리창출', en: 'Job creation' } },
    { code: 'E', name: { ko: '사회적경제', en: 'Social economy' } },
    { code: 'L', name: { ko: '노동권익', en: 'Labour rights' } },
  ],
  indicators: [
    from2019('J2', 'C', 15),
    from2019('J3', 'C', 10),
    from2019('J4', 'C', 10),
    from2019('J5', 'C', 10),
    from2019('J7', 'C', 8),
    { ...from2019('J12', 'C', 7), rubric: standardRubric() },
    from2019('S1', 'E', 12),
    from2019('S2', 'E', 10),
    { ...from2019('S7', 'E', 8), rubric: standardRubric() },
    from2019('J8', 'L', 10),
  ],
  adjustments: standardAdjustments,
  awards: { tiers: [{ code: 'excellent', name: tierNames.excellent, rule: { kind: 'topN', n: 20 } }] },
  prizes: { prizes: [{ tier: 'excellent', kind: 'perUnit', amount: 60_000_000 }] },
  // 최우수구 of earlier years (2014) still counts towards a 우수구 streak.
  streakTiers: ['best', 'excellent'],
  objectionWindowDays: 4,
};
