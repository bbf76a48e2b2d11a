import type { Rubric } from '../definition.js';

const level = (n: number, ko: string, en: string) => ({ level: n, description: { ko, en } });

/** Anchored 1–5 levels shared by the shipped qualitative rubrics. */
function anchoredLevels(subjectKo: string, subjectEn: string) {
  return [
    level(1, `${subjectKo} 근거가 거의 없음`, `Hardly any evidence of ${subjectEn}`),
    level(2, `${subjectKo} 일부 있으나 부족`, `Some ${subjectEn}, clearly insufficient`),
    level(3, `${subjectKo} 보통 수준`, `Average ${subjectEn}`),
    level(4, `${subjectKo} 우수, 구체적 성과 확인`, `Good ${subjectEn} with concrete results`),
    level(5, `${subjectKo} 매우 우수, 타 자치구 확산 가치`, `Outstanding ${subjectEn}, worth spreading to other districts`),
  ];
}

/** The shipped rubric for best-practice and governance items: plan, delivery, impact (30/40/30). */
export function standardRubric(): Rubric {
  return {
    scale: 'levels',
    criteria: [
      { code: 'plan', name: { ko: '계획의 충실성', en: 'Quality of the plan' }, weight: 30, levels: anchoredLevels('계획의 구체성', 'planning') },
      { code: 'delivery', name: { ko: '추진 실적', en: 'Delivery' }, weight: 40, levels: anchoredLevels('추진 실적', 'delivery') },
      { code: 'impact', name: { ko: '성과·파급 효과', en: 'Results and spread' }, weight: 30, levels: anchoredLevels('성과와 파급 효과', 'impact') },
    ],
  };
}
