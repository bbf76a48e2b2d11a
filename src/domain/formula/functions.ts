import type { Message } from '../errors.js';

/**
 * What the checker and the evaluator know of each function: how many arguments, and what kind it is.
 * - `aggregate`: reads activity records of one type in the period (first argument a quoted record-type code);
 * - `period`: evaluates its argument over an earlier data period;
 * - `scalar`: plain arithmetic on its arguments.
 * The descriptions feed the formula editor's help.
 */
export interface FunctionSpec {
  name: string;
  kind: 'aggregate' | 'period' | 'scalar';
  minArgs: number;
  maxArgs: number;
  signature: string;
  summary: Message;
}

const spec = (name: string, kind: FunctionSpec['kind'], minArgs: number, maxArgs: number, signature: string, ko: string, en: string): FunctionSpec => ({
  name,
  kind,
  minArgs,
  maxArgs,
  signature,
  summary: { ko, en },
});

const list: FunctionSpec[] = [
  spec('count', 'aggregate', 1, 2, 'count("type"[, condition])', '기간 내 해당 유형 실적 건수', 'number of records of the type in the period'),
  spec('sum', 'aggregate', 2, 3, 'sum("type", "field"[, condition])', '항목 값의 합계 (기록이 없으면 0)', 'sum of the field (0 when there are no records)'),
  spec('avg', 'aggregate', 2, 3, 'avg("type", "field"[, condition])', '항목 값의 평균', 'mean of the field'),
  spec('min', 'aggregate', 2, 3, 'min("type", "field"[, condition])', '항목 값의 최솟값', 'smallest value of the field'),
  spec('max', 'aggregate', 2, 3, 'max("type", "field"[, condition])', '항목 값의 최댓값', 'largest value of the field'),
  spec('prev', 'period', 1, 1, 'prev(expr)', '전년도 같은 기간에 대해 계산한 값', 'expr over the previous year’s data period'),
  spec(
    'growth',
    'period',
    1,
    1,
    'growth(expr)',
    '전년 대비 증가율(%) = (expr − prev(expr)) / prev(expr) × 100',
    'year-on-year growth in % = (expr − prev(expr)) / prev(expr) × 100',
  ),
  spec('per100k', 'scalar', 1, 1, 'per100k(x)', '인구 10만 명당 값 = x / population × 100000', 'per 100,000 residents = x / population × 100000'),
  spec('ratio', 'scalar', 2, 2, 'ratio(a, b)', '비율(%) = a / b × 100', 'percentage = a / b × 100'),
  spec('min2', 'scalar', 2, 2, 'min2(a, b)', '둘 중 작은 값', 'the smaller of two values'),
  spec('max2', 'scalar', 2, 2, 'max2(a, b)', '둘 중 큰 값', 'the larger of two values'),
  spec('least', 'scalar', 1, Infinity, 'least(a, b, …)', '가장 작은 값', 'the smallest value'),
  spec('greatest', 'scalar', 1, Infinity, 'greatest(a, b, …)', '가장 큰 값', 'the largest value'),
  spec('clamp', 'scalar', 3, 3, 'clamp(x, lo, hi)', 'x를 lo 이상 hi 이하로 제한', 'x limited to [lo, hi]'),
  spec('abs', 'scalar', 1, 1, 'abs(x)', '절댓값', 'absolute value'),
  spec('round', 'scalar', 1, 2, 'round(x[, digits])', '반올림 (0.5는 0에서 먼 쪽으로)', 'rounding (halves away from zero)'),
  spec('if', 'scalar', 3, 3, 'if(condition, a, b)', '조건이 참이면 a, 거짓이면 b', 'a when the condition holds, else b'),
];

export const formulaFunctions: ReadonlyMap<string, FunctionSpec> = new Map(list.map((f) => [f.name, f]));

/** Names that stand for a value of the evaluation context, outside conditions. */
export const contextNames = {
  population: { ko: '해당 연도 자치구 인구', en: 'the district’s population in the cycle year' },
  value: { ko: '직접 입력한 지표 값', en: 'the indicator value entered directly' },
} as const satisfies Record<string, Message>;

/** The name of the record's own date inside a condition. */
export const RECORD_DATE_NAME = 'occurred_on';
