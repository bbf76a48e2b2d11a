import { DomainError, type Message } from '../errors.js';
import { arithmeticOperators, comparisonOperators, type FormulaNode, type Span } from './ast.js';
import { contextNames, formulaFunctions, RECORD_DATE_NAME, type FunctionSpec } from './functions.js';
import { parseFormula, type FormulaProblem } from './parse.js';
import { josaPick } from '../../korean.js';

/** What the checker needs to know of a record type: its code and its fields (a RecordTypeDefinition fits). */
export interface FormulaRecordTypeInfo {
  code: string;
  fields: readonly FormulaFieldInfo[];
}

export interface FormulaFieldInfo {
  key: string;
  /** text | longtext | integer | number | money | date | boolean | enum */
  type: string;
  options?: readonly string[] | undefined;
}

export interface CompileOptions {
  /** Known record types; without it record types and fields are not checked. */
  catalogue?: readonly FormulaRecordTypeInfo[];
}

export interface CompiledFormula {
  text: string;
  ast: FormulaNode;
  /** Record types the formula reads, in order of first use. */
  recordTypes: string[];
  /** Per record type, the fields read (aggregated or used in a condition), in order of first use. */
  fields: Record<string, string[]>;
  /** How many years back the formula looks through prev()/growth() (0: the cycle's period only). */
  prevDepth: number;
  usesPopulation: boolean;
  usesValue: boolean;
}

export type CompileResult = { ok: true; formula: CompiledFormula } | { ok: false; errors: FormulaProblem[] };

type StaticType = 'number' | 'string' | 'boolean' | 'null' | 'any';

interface Checked {
  type: StaticType;
  /** Set when the node is a bare field name inside a condition: lets literals be checked against the field. */
  field?: FormulaFieldInfo;
}

type Scope = { kind: 'top'; depth: number } | { kind: 'record'; typeCode: string; info: FormulaRecordTypeInfo | undefined };

const numericFieldTypes = new Set(['integer', 'number', 'money']);
const typeWords: Record<StaticType, [string, string]> = {
  number: ['숫자', 'a number'],
  string: ['문자열', 'a string'],
  boolean: ['참/거짓', 'true/false'],
  null: ['빈 값(null)', 'null'],
  any: ['값', 'a value'],
};

function fieldStaticType(type: string): StaticType {
  if (numericFieldTypes.has(type)) return 'number';
  if (type === 'boolean') return 'boolean';
  return 'string';
}

/** Edit distance, for "did you mean" hints on short names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

function closest(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  const allowed = name.length <= 2 ? 1 : Math.max(2, Math.floor(name.length / 3));
  return best !== null && bestD <= allowed ? best : null;
}

const hint = (suggestion: string | null): [string, string] =>
  suggestion ? [` '${suggestion}'${josaPick(suggestion, '을/를')} 찾으셨나요?`, ` Did you mean '${suggestion}'?`] : ['', ''];

class Checker {
  readonly errors: FormulaProblem[] = [];
  readonly recordTypes: string[] = [];
  readonly fields = new Map<string, string[]>();
  prevDepth = 0;
  usesPopulation = false;
  usesValue = false;
  private readonly catalogue: Map<string, FormulaRecordTypeInfo> | null;

  constructor(catalogue: readonly FormulaRecordTypeInfo[] | undefined) {
    this.catalogue = catalogue ? new Map(catalogue.map((t) => [t.code, t])) : null;
  }

  private fail(span: Span, ko: string, en: string): Checked {
    this.errors.push({ position: span.start, end: span.end, message: { ko, en } });
    return { type: 'any' };
  }

  private useType(code: string) {
    if (!this.recordTypes.includes(code)) this.recordTypes.push(code);
    if (!this.fields.has(code)) this.fields.set(code, []);
  }

  private useField(code: string, key: string) {
    this.useType(code);
    const list = this.fields.get(code)!;
    if (!list.includes(key)) list.push(key);
  }

  check(node: FormulaNode, scope: Scope): Checked {
    switch (node.type) {
      case 'number':
        return { type: 'number' };
      case 'string':
        return { type: 'string' };
      case 'boolean':
        return { type: 'boolean' };
      case 'null':
        return { type: 'null' };
      case 'name':
        return this.checkName(node, scope);
      case 'unary': {
        const arg = this.check(node.argument, scope);
        if (node.operator === '!') {
          this.expectCondition(node.argument, arg, `'!'`);
          return { type: 'boolean' };
        }
        this.expectNumber(node.argument, arg, `'${node.operator}'`);
        return { type: 'number' };
      }
      case 'binary':
        return this.checkBinary(node, scope);
      case 'call':
        return this.checkCall(node, scope);
    }
  }

  private checkName(node: Extract<FormulaNode, { type: 'name' }>, scope: Scope): Checked {
    const name = node.name;
    if (scope.kind === 'record') {
      if (name === RECORD_DATE_NAME) return { type: 'string', field: { key: RECORD_DATE_NAME, type: 'date' } };
      if (!scope.info) {
        this.useField(scope.typeCode, name);
        return { type: 'any' };
      }
      const field = scope.info.fields.find((f) => f.key === name);
      if (!field) {
        const [ko, en] = hint(closest(name, [...scope.info.fields.map((f) => f.key), RECORD_DATE_NAME]));
        return this.fail(
          node,
          `실적 유형 '${scope.typeCode}'에 '${name}' 항목이 없습니다.${ko}`,
          `Record type '${scope.typeCode}' has no field '${name}'.${en}`,
        );
      }
      this.useField(scope.typeCode, name);
      return { type: fieldStaticType(field.type), field };
    }
    if (name === 'population') {
      this.usesPopulation = true;
      return { type: 'number' };
    }
    if (name === 'value') {
      this.usesValue = true;
      return { type: 'number' };
    }
    if (formulaFunctions.has(name.toLowerCase())) {
      const f = formulaFunctions.get(name.toLowerCase())!;
      return this.fail(
        node,
        `함수 '${name}' 뒤에는 괄호와 인수가 필요합니다: ${f.signature}`,
        `The function '${name}' needs parentheses and arguments: ${f.signature}`,
      );
    }
    if (this.catalogue?.has(name)) {
      return this.fail(node, `실적 유형은 따옴표로 감싸 함수에 넘기세요: count("${name}")`, `Pass a record type to a function, in quotes: count("${name}")`);
    }
    const [ko, en] = hint(closest(name, Object.keys(contextNames)));
    return this.fail(
      node,
      `알 수 없는 이름 '${name}'입니다. 조건식 밖에서 쓸 수 있는 이름은 population, value입니다.${ko}`,
      `Unknown name '${name}'. Outside a condition the names are population and value.${en}`,
    );
  }

  private checkBinary(node: Extract<FormulaNode, { type: 'binary' }>, scope: Scope): Checked {
    const left = this.check(node.left, scope);
    const right = this.check(node.right, scope);
    const op = node.operator;
    if (arithmeticOperators.has(op)) {
      this.expectNumber(node.left, left, `'${op}'`);
      this.expectNumber(node.right, right, `'${op}'`);
      return { type: 'number' };
    }
    if (comparisonOperators.has(op)) {
      const reported = this.checkLiteralAgainstField(left, node.right, right) || this.checkLiteralAgainstField(right, node.left, left);
      const ordering = op !== '==' && op !== '!=';
      const a = left.type;
      const b = right.type;
      if (ordering && (a === 'null' || b === 'null' || a === 'boolean' || b === 'boolean')) {
        const bad = a === 'null' || a === 'boolean' ? node.left : node.right;
        const t = a === 'null' || a === 'boolean' ? a : b;
        this.fail(bad, `'${op}'${josaPick(op, '으로/로')} ${typeWords[t][0]}의 크기를 비교할 수 없습니다.`, `'${op}' cannot order ${typeWords[t][1]}.`);
      } else if (!reported && a !== 'any' && b !== 'any' && a !== 'null' && b !== 'null' && a !== b) {
        this.fail(
          node,
          `서로 다른 종류의 값(${typeWords[a][0]}, ${typeWords[b][0]})을 비교하고 있습니다.`,
          `Comparing values of different kinds (${typeWords[a][1]} and ${typeWords[b][1]}).`,
        );
      }
      return { type: 'boolean' };
    }
    this.expectCondition(node.left, left, `'${op}'`);
    this.expectCondition(node.right, right, `'${op}'`);
    return { type: 'boolean' };
  }

  /** `kind == "만남의 날"` where kind is an enum without that option is a formula that silently counts nothing. */
  private checkLiteralAgainstField(side: Checked, other: FormulaNode, otherChecked: Checked): boolean {
    const field = side.field;
    if (!field) return false;
    if (other.type === 'string' && field.type === 'enum' && field.options && !field.options.includes(other.value)) {
      const [ko, en] = hint(closest(other.value, field.options));
      this.fail(
        other,
        `'${other.value}'${josaPick(other.value, '은/는')} '${field.key}' 항목의 선택지가 아닙니다 (선택지: ${field.options.join(', ')}).${ko}`,
        `'${other.value}' is not an option of '${field.key}' (options: ${field.options.join(', ')}).${en}`,
      );
      return true;
    } else if (other.type === 'string' && field.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(other.value)) {
      this.fail(other, `날짜는 "YYYY-MM-DD" 형식으로 쓰세요 ('${field.key}').`, `Write dates as "YYYY-MM-DD" ('${field.key}').`);
      return true;
    } else if (field.type === 'boolean' && otherChecked.type !== 'boolean' && otherChecked.type !== 'null' && otherChecked.type !== 'any') {
      this.fail(other, `'${field.key}' 항목은 true 또는 false와 비교하세요.`, `Compare '${field.key}' with true or false.`);
      return true;
    }
    return false;
  }

  private expectNumber(node: FormulaNode, c: Checked, what: string) {
    if (c.type === 'number' || c.type === 'any') return;
    this.fail(
      node,
      `${what}에는 숫자가 필요한데 ${typeWords[c.type][0]}${josaPick(typeWords[c.type][0], '이/가')} 있습니다.`,
      `${what} needs a number, not ${typeWords[c.type][1]}.`,
    );
  }

  private expectCondition(node: FormulaNode, c: Checked, what: string) {
    if (c.type === 'boolean' || c.type === 'any' || c.type === 'null') return;
    this.fail(
      node,
      `${what}에는 참/거짓 조건이 필요한데 ${typeWords[c.type][0]}${josaPick(typeWords[c.type][0], '이/가')} 있습니다 (예: jobs > 0).`,
      `${what} needs a true/false condition, not ${typeWords[c.type][1]} (e.g. jobs > 0).`,
    );
  }

  private checkCall(node: Extract<FormulaNode, { type: 'call' }>, scope: Scope): Checked {
    const spec = formulaFunctions.get(node.name);
    if (!spec) {
      const [ko, en] = hint(closest(node.name, formulaFunctions.keys()));
      node.args.forEach((a) => this.check(a, scope));
      return this.fail(node.nameSpan, `알 수 없는 함수 '${node.name}'입니다.${ko}`, `Unknown function '${node.name}'.${en}`);
    }
    if (node.args.length < spec.minArgs || node.args.length > spec.maxArgs) {
      const range = arityText(spec);
      return this.fail(
        node,
        `${spec.name} 함수는 인수를 ${range.ko} 받습니다 (${node.args.length}개 입력됨). 형식: ${spec.signature}`,
        `${spec.name} takes ${range.en} (${node.args.length} given). Usage: ${spec.signature}`,
      );
    }
    if (scope.kind === 'record' && spec.kind !== 'scalar') {
      return this.fail(node.nameSpan, `조건식 안에서는 ${spec.name} 함수를 쓸 수 없습니다.`, `${spec.name} cannot be used inside a condition.`);
    }
    if (scope.kind === 'record' && spec.name === 'per100k') {
      return this.fail(node.nameSpan, '조건식 안에서는 per100k 함수를 쓸 수 없습니다.', 'per100k cannot be used inside a condition.');
    }
    if (spec.kind === 'aggregate') return this.checkAggregate(node, spec, scope);
    if (spec.kind === 'period') {
      const depth = scope.kind === 'top' ? scope.depth + 1 : 1;
      this.prevDepth = Math.max(this.prevDepth, depth);
      const inner = this.check(node.args[0]!, { kind: 'top', depth });
      this.expectNumber(node.args[0]!, inner, spec.name);
      return { type: 'number' };
    }
    if (spec.name === 'per100k') this.usesPopulation = true;
    if (spec.name === 'if') {
      const [cond, a, b] = node.args.map((arg) => this.check(arg, scope)) as [Checked, Checked, Checked];
      this.expectCondition(node.args[0]!, cond, 'if');
      if (a.type === b.type) return { type: a.type };
      if (a.type === 'null') return { type: b.type };
      if (b.type === 'null') return { type: a.type };
      return { type: 'any' };
    }
    node.args.forEach((arg) => this.expectNumber(arg, this.check(arg, scope), spec.name));
    return { type: 'number' };
  }

  private checkAggregate(node: Extract<FormulaNode, { type: 'call' }>, spec: FunctionSpec, scope: Scope): Checked {
    const [typeArg, second, third] = node.args;
    if (!typeArg || typeArg.type !== 'string') {
      node.args.forEach((a) => this.check(a, scope));
      return this.fail(
        typeArg ?? node,
        `${spec.name}의 첫 번째 인수는 따옴표로 감싼 실적 유형 코드여야 합니다 (예: ${spec.name}("job_fair"…)).`,
        `The first argument of ${spec.name} is a record-type code in quotes (e.g. ${spec.name}("job_fair"…)).`,
      );
    }
    const code = typeArg.value;
    let info: FormulaRecordTypeInfo | undefined;
    if (this.catalogue) {
      info = this.catalogue.get(code);
      if (!info) {
        const [ko, en] = hint(closest(code, this.catalogue.keys()));
        this.fail(typeArg, `알 수 없는 실적 유형 '${code}'입니다.${ko}`, `Unknown record type '${code}'.${en}`);
        return { type: 'number' };
      }
    }
    this.useType(code);
    const predicate = spec.name === 'count' ? second : third;
    if (spec.name !== 'count') this.checkAggregatedField(spec, code, info, second!);
    if (predicate) {
      const c = this.check(predicate, { kind: 'record', typeCode: code, info });
      if (c.type !== 'boolean' && c.type !== 'any') {
        this.fail(
          predicate,
          `조건식은 참/거짓이어야 합니다 (예: kind == "채용설명회", hires > 0).`,
          `A condition must be true/false (e.g. kind == "채용설명회", hires > 0).`,
        );
      }
    }
    return { type: 'number' };
  }

  private checkAggregatedField(spec: FunctionSpec, code: string, info: FormulaRecordTypeInfo | undefined, arg: FormulaNode) {
    if (arg.type !== 'string') {
      this.fail(
        arg,
        `${spec.name}의 두 번째 인수는 따옴표로 감싼 항목 키여야 합니다 (예: ${spec.name}("${code}", "hires")).`,
        `The second argument of ${spec.name} is a field key in quotes (e.g. ${spec.name}("${code}", "hires")).`,
      );
      return;
    }
    const key = arg.value;
    if (info) {
      const field = info.fields.find((f) => f.key === key);
      if (!field) {
        const [ko, en] = hint(
          closest(
            key,
            info.fields.map((f) => f.key),
          ),
        );
        this.fail(arg, `실적 유형 '${code}'에 '${key}' 항목이 없습니다.${ko}`, `Record type '${code}' has no field '${key}'.${en}`);
        return;
      }
      if (!numericFieldTypes.has(field.type)) {
        this.fail(
          arg,
          `'${key}' 항목은 숫자가 아니므로(${field.type}) ${spec.name}에 쓸 수 없습니다. 건수는 count("${code}", 조건)으로 세세요.`,
          `Field '${key}' is not numeric (${field.type}), so ${spec.name} cannot use it; count records with count("${code}", condition).`,
        );
        return;
      }
    }
    this.useField(code, key);
  }
}

function arityText(spec: FunctionSpec): Message {
  if (spec.maxArgs === Infinity) return { ko: `${spec.minArgs}개 이상`, en: `at least ${spec.minArgs} argument(s)` };
  if (spec.minArgs === spec.maxArgs) return { ko: `${spec.minArgs}개`, en: `${spec.minArgs} argument(s)` };
  return { ko: `${spec.minArgs}~${spec.maxArgs}개`, en: `${spec.minArgs} to ${spec.maxArgs} arguments` };
}

/**
 * Parses and checks a formula: known functions with the right number of arguments, record types and fields that
 * exist (given a catalogue), numeric fields for sum/avg/min/max, enum options that exist, values of the right kind
 * on each side of an operator, and a numeric result. Every problem is reported (Korean and English) with its
 * position, not only the first.
 *
 * @example
 * compileFormula('per100k(count("company_visit"))', { catalogue })
 * // { ok: true, formula: { recordTypes: ['company_visit'], usesPopulation: true, … } }
 */
export function compileFormula(text: string, options: CompileOptions = {}): CompileResult {
  const parsed = parseFormula(text);
  if (!parsed.ok) return parsed;
  const checker = new Checker(options.catalogue);
  const root = checker.check(parsed.ast, { kind: 'top', depth: 0 });
  if (root.type === 'string' || root.type === 'boolean') {
    checker.errors.push({
      position: parsed.ast.start,
      end: parsed.ast.end,
      message: {
        ko: '수식의 결과는 숫자여야 합니다. 참/거짓은 if(조건, 1, 0)처럼 숫자로 바꾸세요.',
        en: 'A formula must yield a number. Turn a condition into one with if(condition, 1, 0).',
      },
    });
  }
  if (checker.errors.length > 0) {
    checker.errors.sort((a, b) => a.position - b.position);
    return { ok: false, errors: checker.errors };
  }
  return {
    ok: true,
    formula: {
      text,
      ast: parsed.ast,
      recordTypes: checker.recordTypes,
      fields: Object.fromEntries(checker.fields),
      prevDepth: checker.prevDepth,
      usesPopulation: checker.usesPopulation,
      usesValue: checker.usesValue,
    },
  };
}

/**
 * Like compileFormula, for services: throws DomainError('invalid', 'formula_invalid') whose problems carry the
 * position in `column` (1-based, as an editor shows it) and the path given.
 */
export function compileFormulaOrThrow(text: string, options: CompileOptions & { path?: string } = {}): CompiledFormula {
  const result = compileFormula(text, options);
  if (result.ok) return result.formula;
  throw new DomainError(
    'invalid',
    'formula_invalid',
    { ko: '수식에 오류가 있습니다.', en: 'The formula has errors.' },
    result.errors.map((e) => ({ path: options.path ?? 'formula', column: String(e.position + 1), message: e.message })),
    { formulaErrors: result.errors },
  );
}
