import type { Message } from '../errors.js';
import { formulaFunctions, parseFormula, type FormulaNode } from '../formula/index.js';
import type { FrameworkDefinition, Indicator } from './definition.js';
import { josaPick } from '../../korean.js';

/**
 * Formula lint (평가 체계 점검): doubts about a framework that do not stop it from being saved. Three rules:
 *
 * - `shared_field`: one record field (`sum("type", "field")`, also avg/min/max) is aggregated by the formulas of
 *   two or more indicators, so the same work scores twice. Fields used only in a condition do not count.
 * - `unit_mismatch`: the indicator's unit does not say what the formula returns. The formula's result is read from
 *   its outermost call (through round/clamp/abs): `ratio(…)`/`growth(…)` return a percentage, so the unit must be
 *   one of `%`, `%p`, `퍼센트`; `per100k(…)` returns a value per 100,000 residents, so the unit must say `10만`
 *   (or `100k`); anything else returns an amount (a count of records, a sum of a field, a quotient), which is never
 *   a score, so the unit must not be `점`, and (unless it is a quotient) not a percentage either.
 * - `split_gameable`: the formula divides by a count of records (`x / count("t")`, `ratio(x, count("t"))`) or takes a
 *   per-record mean (`avg("t", "f")`): a district raises the value by merging records into fewer, bigger ones (or
 *   lowers it by splitting them), without doing more.
 *
 * Qualitative indicators and indicators without a formula are not checked; a formula that does not parse is left
 * to the formula checker.
 */
export type FrameworkWarningCode = 'shared_field' | 'unit_mismatch' | 'split_gameable';

export interface FrameworkWarning {
  code: FrameworkWarningCode;
  /** The indicator codes concerned (two or more for `shared_field`). */
  indicators: string[];
  /** Where in the definition, like the paths of validation errors (`definition.indicators.3.formula`). */
  path: string;
  message: Message;
}

export const PERCENT_UNITS: readonly string[] = ['%', '%p', '퍼센트'];
const SCORE_UNIT = '점';

type FormulaResult = 'percent' | 'per100k' | 'quotient' | 'amount' | 'unknown';

function walk(node: FormulaNode, visit: (n: FormulaNode) => void): void {
  visit(node);
  if (node.type === 'unary') walk(node.argument, visit);
  else if (node.type === 'binary') {
    walk(node.left, visit);
    walk(node.right, visit);
  } else if (node.type === 'call') node.args.forEach((a) => walk(a, visit));
}

const isCall = (n: FormulaNode, name: string): n is Extract<FormulaNode, { type: 'call' }> => n.type === 'call' && n.name === name;

function contains(node: FormulaNode, test: (n: FormulaNode) => boolean): boolean {
  let found = false;
  walk(node, (n) => {
    if (test(n)) found = true;
  });
  return found;
}

/** The record fields a formula aggregates, as `type.field`. */
function aggregatedFields(ast: FormulaNode): Set<string> {
  const out = new Set<string>();
  walk(ast, (n) => {
    if (n.type !== 'call' || n.name === 'count' || formulaFunctions.get(n.name)?.kind !== 'aggregate') return;
    const [type, field] = n.args;
    if (type?.type === 'string' && field?.type === 'string') out.add(`${type.value}.${field.value}`);
  });
  return out;
}

function resultOf(node: FormulaNode): FormulaResult {
  if (node.type === 'call') {
    if (node.name === 'ratio' || node.name === 'growth') return 'percent';
    if (node.name === 'per100k') return 'per100k';
    if ((node.name === 'round' || node.name === 'clamp' || node.name === 'abs') && node.args[0]) return resultOf(node.args[0]);
    if (formulaFunctions.get(node.name)?.kind === 'aggregate') return 'amount';
    if (node.name === 'least' || node.name === 'greatest' || node.name === 'min2' || node.name === 'max2') {
      const kinds = new Set(node.args.map(resultOf).filter((k) => k !== 'unknown'));
      return kinds.size === 1 ? [...kinds][0]! : 'unknown';
    }
    return 'unknown';
  }
  if (node.type === 'number') return 'unknown';
  if (node.type === 'binary') {
    if (node.operator === '/') return 'quotient';
    if (node.operator === '+' || node.operator === '-') {
      const l = resultOf(node.left);
      const r = resultOf(node.right);
      if (l === r) return l;
      if (l === 'unknown' && node.left.type === 'number') return r;
      if (r === 'unknown' && node.right.type === 'number') return l;
      return 'unknown';
    }
    return 'unknown';
  }
  return 'unknown';
}

function unitProblem(result: FormulaResult, unit: string): Message | null {
  const u = unit.trim();
  if (u === '') return null;
  const percent = PERCENT_UNITS.includes(u);
  if (result === 'percent' && !percent)
    return {
      ko: `수식이 백분율(ratio/growth)을 내는데 단위가 '${u}'입니다 (%, %p, 퍼센트 중 하나여야 합니다)`,
      en: `the formula returns a percentage (ratio/growth) but the unit is '${u}' (expected %, %p or 퍼센트)`,
    };
  if (result === 'per100k' && !u.includes('10만') && !u.toLowerCase().includes('100k'))
    return {
      ko: `수식이 인구 10만 명당 값(per100k)을 내는데 단위 '${u}'에 '10만'이 없습니다`,
      en: `the formula returns a value per 100,000 residents (per100k) but the unit '${u}' does not say so`,
    };
  if ((result === 'amount' || result === 'quotient') && u === SCORE_UNIT)
    return {
      ko: `수식이 건수·합계를 내는데 단위가 '점'입니다 (점수는 평가 방식이 매깁니다)`,
      en: `the formula returns a count or a sum but the unit is '점' (points are given by the scoring method)`,
    };
  if (result === 'amount' && percent)
    return {
      ko: `수식이 건수·합계를 내는데 단위가 '${u}'입니다 (비율이면 ratio(…)를 쓰세요)`,
      en: `the formula returns a count or a sum but the unit is '${u}' (use ratio(…) for a percentage)`,
    };
  return null;
}

/** Whether the formula divides by a count of records or takes a per-record mean. */
function dividesByCount(ast: FormulaNode): boolean {
  const hasCount = (n: FormulaNode) => contains(n, (m) => isCall(m, 'count'));
  return contains(ast, (n) => {
    if (n.type === 'binary' && n.operator === '/') return hasCount(n.right);
    if (isCall(n, 'ratio') && n.args[1]) return hasCount(n.args[1]);
    return isCall(n, 'avg');
  });
}

/** The warnings of a (valid) framework definition, in order of the indicators. */
export function lintFramework(def: Pick<FrameworkDefinition, 'indicators'>): FrameworkWarning[] {
  const warnings: FrameworkWarning[] = [];
  const feeds = new Map<string, Array<{ ind: Indicator; index: number }>>();
  def.indicators.forEach((ind, index) => {
    if (ind.kind !== 'quantitative' || !ind.formula) return;
    const parsed = parseFormula(ind.formula);
    if (!parsed.ok) return;
    const path = `definition.indicators.${index}`;
    for (const f of aggregatedFields(parsed.ast)) feeds.set(f, [...(feeds.get(f) ?? []), { ind, index }]);
    const unit = unitProblem(resultOf(parsed.ast), ind.unit);
    if (unit)
      warnings.push({
        code: 'unit_mismatch',
        indicators: [ind.code],
        path: `${path}.unit`,
        message: { ko: `${ind.code}: ${unit.ko}`, en: `${ind.code}: ${unit.en}` },
      });
    if (dividesByCount(parsed.ast))
      warnings.push({
        code: 'split_gameable',
        indicators: [ind.code],
        path: `${path}.formula`,
        message: {
          ko: `${ind.code}: 수식이 실적 건수로 나누므로(건당 평균) 실적을 합치거나 쪼개기만 해도 값이 바뀝니다`,
          en: `${ind.code}: the formula divides by a count of records (a per-record average), so merging or splitting records changes the value`,
        },
      });
  });
  for (const [field, users] of feeds) {
    if (users.length < 2) continue;
    const codes = users.map((u) => u.ind.code);
    warnings.push({
      code: 'shared_field',
      indicators: codes,
      path: `definition.indicators.${users[1]!.index}.formula`,
      message: {
        ko: `실적 항목 ${field}${josaPick(field, '이/가')} 여러 지표(${codes.join(', ')})의 수식에 쓰여 같은 실적이 중복 반영됩니다`,
        en: `record field ${field} feeds several indicators (${codes.join(', ')}): the same work counts more than once`,
      },
    });
  }
  return warnings;
}
