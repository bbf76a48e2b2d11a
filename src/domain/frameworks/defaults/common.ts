import type { FrameworkDefinitionInput } from '../definition.js';

type Adjustments = FrameworkDefinitionInput['adjustments'];

/** 가점 up to +3 (city policy cooperation, media coverage), 감점 up to −3 (late or wrong data). */
export const standardAdjustments: Adjustments = {
  rules: [
    { code: 'B_POLICY', name: { ko: '시 정책 협조', en: 'Cooperation with city policy' }, kind: 'bonus', cap: 2 },
    { code: 'B_MEDIA', name: { ko: '언론 보도 우수', en: 'Outstanding media coverage' }, kind: 'bonus', cap: 1 },
    // Made by the platform: −1 for each stage whose deadline a district's data missed.
    { code: 'P_LATE', name: { ko: '자료 제출 지연', en: 'Late data' }, kind: 'penalty', cap: 2, automatic: { on: 'late_submission', points: -1 } },
    { code: 'P_ERROR', name: { ko: '자료 오류', en: 'Wrong data' }, kind: 'penalty', cap: 2 },
  ],
  bonusCap: 3,
  penaltyCap: 3,
};

export const illustrativeNotice = {
  ko: '공개 보도를 바탕으로 재구성한 예시 평가 체계이며 공식 평가지표가 아닙니다.',
  en: 'An illustrative reconstruction from public reporting, not the official indicator set.',
};

export const tierNames = {
  best: { ko: '최우수구', en: 'Best district' },
  excellent: { ko: '우수구', en: 'Excellent district' },
  encouragement: { ko: '장려구', en: 'Encouragement award' },
  improved: { ko: '노력구', en: 'Most improved' },
} as const;
