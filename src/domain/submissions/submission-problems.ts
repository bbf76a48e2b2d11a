import type { FieldProblem } from '../errors.js';
import type { Indicator } from '../frameworks/definition.js';
import { josaPick } from '../../korean.js';

export interface SubmissionContent {
  value: number | null;
  evidenceCount: number;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : String(Math.round(x * 1e6) / 1e6));

/**
 * What blocks submitting one indicator: a missing value (quantitative indicators; a qualitative one is scored by
 * the panel, so its value is optional), a value outside the indicator's bounds, or no evidence file where the
 * framework requires one. Each problem names `submissions.<code>.value` or `submissions.<code>.evidence` and says
 * what to do, in Korean and English. Pure; an empty list means the item may be submitted.
 */
export function submissionProblems(indicator: Indicator, content: SubmissionContent): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const label = { ko: `${indicator.code} ${indicator.name.ko}`, en: `${indicator.code} ${indicator.name.en}` };
  const valuePath = `submissions.${indicator.code}.value`;
  const unit = indicator.unit ? ` ${indicator.unit}` : '';
  const { value } = content;
  if (value === null) {
    if (indicator.kind === 'quantitative') {
      problems.push({
        path: valuePath,
        message: {
          ko: `${label.ko}: 값이 없습니다. 값을 입력하거나 실적을 등록하세요.`,
          en: `${label.en}: no value. Enter a value or record the activities it is computed from.`,
        },
      });
    }
  } else {
    const { min, max } = indicator.bounds;
    if (min !== undefined && value < min) {
      problems.push({
        path: valuePath,
        message: {
          ko: `${label.ko}: 값 ${fmt(value)}${unit}${josaPick(`${fmt(value)}${unit}`, '이/가')} 허용 하한 ${fmt(min)}${unit}보다 작습니다.`,
          en: `${label.en}: the value ${fmt(value)}${unit} is below the minimum ${fmt(min)}${unit}.`,
        },
      });
    }
    if (max !== undefined && value > max) {
      problems.push({
        path: valuePath,
        message: {
          ko: `${label.ko}: 값 ${fmt(value)}${unit}${josaPick(`${fmt(value)}${unit}`, '이/가')} 허용 상한 ${fmt(max)}${unit}보다 큽니다.`,
          en: `${label.en}: the value ${fmt(value)}${unit} is above the maximum ${fmt(max)}${unit}.`,
        },
      });
    }
  }
  if (indicator.evidenceRequired && content.evidenceCount < 1) {
    problems.push({
      path: `submissions.${indicator.code}.evidence`,
      message: { ko: `${label.ko}: 증빙자료를 1개 이상 첨부하세요.`, en: `${label.en}: attach at least one evidence file.` },
    });
  }
  return problems;
}
