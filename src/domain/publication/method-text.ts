/**
 * How an indicator turns its raw value into 0–100 and then points, in words, for the data dictionary and the
 * scorecard. Mirrors the formulas documented in `src/engine/normalise-*.ts`.
 */
import type { Indicator, Method } from '../frameworks/definition.js';
import type { Lang } from './labels.js';

const list = (xs: readonly number[]) => xs.join(', ');

function methodText(m: Method, lang: Lang): string {
  const ko = lang === 'ko';
  switch (m.type) {
    case 'minmax':
      return ko ? '최소–최대 정규화: (x − 최솟값) ÷ (최댓값 − 최솟값) × 100' : 'min–max: (x − min) ÷ (max − min) × 100';
    case 'zscore':
      return ko ? `표준점수: ${m.mean} + ${m.sd} × (x − 평균) ÷ 표준편차, 0–100으로 제한` : `z-score: ${m.mean} + ${m.sd} × (x − mean) ÷ sd, clipped to 0–100`;
    case 'rank':
      return ko ? '순위 점수 (가장 좋은 값이 가장 높은 점수)' : 'rank score (best value scores highest)';
    case 'percentile':
      return ko ? '백분위 점수: (순위 − 1) ÷ (n − 1) × 100' : 'percentile rank: (rank − 1) ÷ (n − 1) × 100';
    case 'target':
      return ko ? `목표 달성률: x ÷ ${m.target} × 100, 최대 ${m.cap}` : `target achievement: x ÷ ${m.target} × 100, capped at ${m.cap}`;
    case 'goalposts':
      return ko ? `기준 구간: ${m.lo} 이하 0점 → ${m.hi} 이상 100점 (선형)` : `goalposts: ${m.lo} or less → 0, ${m.hi} or more → 100 (linear)`;
    case 'bands':
      return ko
        ? `구간 점수: 경계값 ${list(m.thresholds)} → 구간별 ${list(m.scores)}점`
        : `bands: thresholds ${list(m.thresholds)} → band scores ${list(m.scores)}`;
    case 'yoy':
      return ko ? '전년 대비 증가율을 최소–최대 정규화' : 'year-on-year growth, min–max';
    case 'passthrough':
      return ko ? `심사 점수 그대로 (0–${m.max} 척도)` : `panel score as is (0–${m.max} scale)`;
  }
}

/**
 * The method of an indicator in one sentence, ending with how points follow from the 0–100 score:
 * "목표 달성률: x ÷ 7 × 100, 최대 100. 득점 = 환산 점수 ÷ 100 × 배점 8점".
 */
export function describeMethod(indicator: Indicator, lang: Lang): string {
  const direction = indicator.direction === -1 ? (lang === 'ko' ? ' (낮을수록 좋음)' : ' (lower is better)') : '';
  const points = lang === 'ko' ? `득점 = 환산 점수 ÷ 100 × 배점 ${indicator.points}점` : `points = score ÷ 100 × ${indicator.points} points`;
  return `${methodText(indicator.method, lang)}${direction}. ${points}`;
}

/** "정량" / "정성 (심사)" and English. */
export function kindText(indicator: Indicator, lang: Lang): string {
  if (indicator.kind === 'qualitative') return lang === 'ko' ? '정성 (심사)' : 'qualitative (panel)';
  return lang === 'ko' ? '정량' : 'quantitative';
}
