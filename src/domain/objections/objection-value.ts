import type { FieldProblem, Message } from '../errors.js';
import type { Indicator } from '../frameworks/definition.js';
import { josaPick } from '../../korean.js';

/**
 * The largest magnitude an indicator value may take when the framework sets no bound: far above any real figure
 * (a district's budget in won is below 10¹²), far below the doubles that break sums and charts (1e308).
 */
export const PLAUSIBLE_LIMIT = 1e12;

/** Units counted in whole numbers (a count of people, cases or items, not a rate). */
const COUNT_UNITS = new Set(['명', '건', '개', '회', '곳', '개 항목', '원']);

const fmt = (x: number) => (Number.isInteger(x) && Math.abs(x) < 1e15 ? x.toLocaleString('en-US') : String(Number(x.toPrecision(6))));

/**
 * What is wrong with a value asked for in an objection or set by its decision, against the indicator it is about:
 * not a finite number (NaN, ±Infinity), below or above the indicator's bounds (a qualitative item: the panel's
 * 0–100 scale unless the framework bounds it), beyond ±{@link PLAUSIBLE_LIMIT} where the framework leaves it open,
 * or a fraction for an indicator counted in whole units. Each problem names `path` and says what is allowed, in
 * Korean and English. Pure; an empty list means the value fits.
 *
 * @example objectionValueProblems(j2, 1e308, 'body.requestedValue') // one problem: above the maximum 100 %
 */
export function objectionValueProblems(indicator: Indicator, value: number, path: string): FieldProblem[] {
  const unit = indicator.unit ? ` ${indicator.unit}` : '';
  const label: Message = { ko: `${indicator.code} ${indicator.name.ko}`, en: `${indicator.code} ${indicator.name.en}` };
  const problem = (message: Message): FieldProblem[] => [{ path, message }];
  if (!Number.isFinite(value)) {
    return problem({ ko: `${label.ko}: 숫자가 아닌 값은 받을 수 없습니다.`, en: `${label.en}: the value must be a finite number.` });
  }
  const qualitative = indicator.kind === 'qualitative';
  const min = indicator.bounds.min ?? (qualitative ? 0 : -PLAUSIBLE_LIMIT);
  const max = indicator.bounds.max ?? (qualitative ? 100 : PLAUSIBLE_LIMIT);
  const range: Message = { ko: `허용 범위 ${fmt(min)}${unit} ~ ${fmt(max)}${unit}`, en: `allowed ${fmt(min)}${unit} to ${fmt(max)}${unit}` };
  if (value < min) {
    return problem({
      ko: `${label.ko}: ${fmt(value)}${unit}${josaPick(`${fmt(value)}${unit}`, '은/는')} 하한보다 작습니다 (${range.ko}).`,
      en: `${label.en}: ${fmt(value)}${unit} is below the minimum (${range.en}).`,
    });
  }
  if (value > max) {
    return problem({
      ko: `${label.ko}: ${fmt(value)}${unit}${josaPick(`${fmt(value)}${unit}`, '은/는')} 상한보다 큽니다 (${range.ko}).`,
      en: `${label.en}: ${fmt(value)}${unit} is above the maximum (${range.en}).`,
    });
  }
  if (COUNT_UNITS.has(indicator.unit) && !Number.isInteger(value)) {
    return problem({ ko: `${label.ko}: ${indicator.unit} 단위는 정수로 입력하세요.`, en: `${label.en}: values in ${indicator.unit} are whole numbers.` });
  }
  return [];
}
