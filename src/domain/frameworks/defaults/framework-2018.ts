import type { FrameworkDefinitionInput } from '../definition.js';
import { framework2019, indicators2019 } from './framework-2019.js';

/**
 * 2018: the 2019 set without the company-visit indicator (J1, new in 2019); its 6 points sit with the target
 * disclosure, job fair and training indicators (+2 each).
 */
const extra: Record<string, number> = { J2: 2, J3: 2, J4: 2 };

export const framework2018: FrameworkDefinitionInput = {
  ...framework2019,
  title: { ko: '2018 서울 희망일자리 만들기 평가지표 (예시 재구성)', en: '2018 Seoul hope jobs evaluation framework (illustrative)' },
  indicators: indicators2019.filter((i) => i.code !== 'J1').map((i) => ({ ...i, isNew: false, points: i.points + (extra[i.code] ?? 0) })),
};
