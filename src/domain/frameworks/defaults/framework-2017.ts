import type { FrameworkDefinitionInput } from '../definition.js';
import { tierNames } from './common.js';
import { framework2018 } from './framework-2018.js';

/** 2017: the 2018 indicators with the earlier award scheme (우수구 10, 장려구 5, 노력구 2). */
export const framework2017: FrameworkDefinitionInput = {
  ...framework2018,
  title: { ko: '2017 서울 희망일자리 만들기 평가지표 (예시 재구성)', en: '2017 Seoul hope jobs evaluation framework (illustrative)' },
  awards: {
    tiers: [
      { code: 'excellent', name: tierNames.excellent, rule: { kind: 'topN', n: 10 } },
      { code: 'encouragement', name: tierNames.encouragement, rule: { kind: 'topN', n: 5 } },
      { code: 'improved', name: tierNames.improved, rule: { kind: 'mostImproved', n: 2, minGain: 3 } },
    ],
  },
  // 최우수구 of earlier years (2014) still counts towards a 우수구 streak.
  streakTiers: ['best', 'excellent'],
  prizes: {
    prizes: [
      { tier: 'excellent', kind: 'perUnit', amount: 50_000_000 },
      { tier: 'encouragement', kind: 'perUnit', amount: 25_000_000 },
      { tier: 'improved', kind: 'perUnit', amount: 15_000_000 },
    ],
  },
};
