import jsep from 'jsep';
import type { Message } from '../errors.js';
import { arithmeticOperators, comparisonOperators, logicalOperators, type BinaryOperator, type FormulaNode, type Span, type UnaryOperator } from './ast.js';
import { josaPick } from '../../korean.js';

/** A problem in a formula, at a 0-based character offset (`end` exclusive, when a whole token is meant). */
export interface FormulaProblem {
  position: number;
  end?: number;
  message: Message;
}

export type ParseResult = { ok: true; ast: FormulaNode } | { ok: false; errors: FormulaProblem[] };

/** Limits that keep every recursive walk (parse, check, evaluate) far from the stack's end. */
export const MAX_FORMULA_LENGTH = 5000;
export const MAX_FORMULA_DEPTH = 100;

const tooDeep: Message = {
  ko: `수식이 너무 깊게 중첩되었습니다 (최대 ${MAX_FORMULA_DEPTH}단계).`,
  en: `The formula is nested too deeply (at most ${MAX_FORMULA_DEPTH} levels).`,
};

// jsep nodes carry no positions. These hooks record where each token starts while *our* parse runs (and do
// nothing for anyone else using jsep in the process): a stack of start offsets, pushed when a token begins and
// popped when it ends. Numeric literals are gobbled here because jsep's own path skips the 'after-token' hook.
let starts: number[] | null = null;

jsep.hooks.add('gobble-token', function recordStart(env) {
  if (!starts) return;
  starts.push(this.index);
  const c = this.code;
  if ((c >= 48 && c <= 57) || c === 46) env.node = this.gobbleNumericLiteral();
});

jsep.hooks.add('after-token', function recordSpan(env) {
  if (!starts) return;
  const start = starts.pop();
  const node = env.node;
  if (!node || start === undefined || node.start !== undefined) return;
  let end = this.index;
  while (end > start && /\s/.test(this.expr.charAt(end - 1))) end--;
  node.start = start;
  node.end = end;
});

/** Typographic operators people paste from documents; each is one UTF-16 unit, so offsets are preserved. */
const typographic: Record<string, string> = { '×': '*', '÷': '/', '−': '-', '＋': '+', '（': '(', '）': ')', '，': ',' };

function normaliseOperators(text: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quote) {
      if (ch === '\\') {
        out += ch + text.charAt(i + 1);
        i++;
        continue;
      }
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      out += ch;
    } else {
      out += typographic[ch] ?? ch;
    }
  }
  return out;
}

const syntaxMessages: [RegExp, (m: RegExpMatchArray) => Message][] = [
  [/^Expected expression after (.+)$/, (m) => ({ ko: `'${m[1]}' 뒤에 식이 와야 합니다.`, en: `An expression must follow '${m[1]}'.` })],
  [/^Unclosed \($/, () => ({ ko: "여는 괄호 '('가 닫히지 않았습니다.", en: "An opening '(' is not closed." })],
  [/^Unclosed \[$/, () => ({ ko: "'['가 닫히지 않았습니다.", en: "A '[' is not closed." })],
  [/^Unclosed quote after "(.*)"$/s, () => ({ ko: '문자열의 따옴표가 닫히지 않았습니다.', en: 'A string is missing its closing quote.' })],
  [/^Unexpected token (.+)$/, (m) => ({ ko: `'${m[1]}'${josaPick(m[1] ?? '', '이/가')} 올 자리가 아닙니다.`, en: `Unexpected '${m[1]}'.` })],
  [/^Unexpected "(.+)"$/s, (m) => ({ ko: `'${m[1]}'${josaPick(m[1] ?? '', '이/가')} 올 자리가 아닙니다.`, en: `Unexpected '${m[1]}'.` })],
  [/^Unexpected period$/, () => ({ ko: "'.'가 올 자리가 아닙니다.", en: "Unexpected '.'." })],
  [
    /^Variable names cannot start with a number \((.+)\)$/,
    (m) => ({ ko: `이름은 숫자로 시작할 수 없습니다 (${m[1]}).`, en: `A name cannot start with a digit (${m[1]}).` }),
  ],
  [/^Expected comma$/, () => ({ ko: "인수 사이에 쉼표 ','가 필요합니다.", en: "A comma ',' is needed between arguments." })],
  [/^Expected exponent/, () => ({ ko: '지수 표기가 잘못되었습니다.', en: 'Malformed exponent.' })],
  [/^missing unaryOp argument$/, () => ({ ko: '부호 뒤에 식이 와야 합니다.', en: 'An expression must follow the sign.' })],
  [/^Expected expression$/, () => ({ ko: '식이 와야 합니다.', en: 'An expression is expected.' })],
  [/^Expected (.)$/, (m) => ({ ko: `'${m[1]}'${josaPick(m[1] ?? '', '이/가')} 필요합니다.`, en: `'${m[1]}' is expected.` })],
  [/^Unexpected (.*)$/s, (m) => ({ ko: `'${m[1]}'${josaPick(m[1] ?? '', '이/가')} 올 자리가 아닙니다.`, en: `Unexpected '${m[1]}'.` })],
];

function syntaxMessage(description: string): Message {
  for (const [re, make] of syntaxMessages) {
    const m = description.match(re);
    if (m) return make(m);
  }
  return { ko: `수식을 해석할 수 없습니다: ${description}`, en: `Cannot read the formula: ${description}` };
}

type J = jsep.Expression & { start?: number; end?: number };

/**
 * Parses formula text into the closed syntax tree of `ast.ts`. jsep does the tokenising and precedence; every
 * node it produces is then checked against a whitelist (numbers, strings, true/false/null, names, calls of plain
 * names, + - * /, comparisons, && || !) and anything else — member access, arrays, `this`, `%`, `**`, bit
 * operators, several expressions — is reported with its position. Nothing is ever executed.
 *
 * @example parseFormula('count("job_fair") / 2') // { ok: true, ast: { type: 'binary', operator: '/', … } }
 */
export function parseFormula(text: string): ParseResult {
  if (text.trim() === '') {
    return { ok: false, errors: [{ position: 0, message: { ko: '수식이 비어 있습니다.', en: 'The formula is empty.' } }] };
  }
  if (text.length > MAX_FORMULA_LENGTH) {
    return {
      ok: false,
      errors: [
        {
          position: MAX_FORMULA_LENGTH,
          message: { ko: `수식은 ${MAX_FORMULA_LENGTH}자 이하여야 합니다.`, en: `A formula is at most ${MAX_FORMULA_LENGTH} characters.` },
        },
      ],
    };
  }
  const source = normaliseOperators(text);
  let root: J;
  starts = [];
  try {
    root = jsep(source) as J;
  } catch (err) {
    if (err instanceof RangeError) return { ok: false, errors: [{ position: 0, message: tooDeep }] };
    const e = err as { index?: number; description?: string; message?: string };
    return {
      ok: false,
      errors: [{ position: e.index ?? 0, message: syntaxMessage(e.description ?? e.message ?? String(err)) }],
    };
  } finally {
    starts = null;
  }
  const errors: FormulaProblem[] = [];
  const ast = convert(root, source, errors, 0);
  return errors.length > 0 || !ast ? { ok: false, errors } : { ok: true, ast };
}

const tooDeepProblem: FormulaProblem = { position: 0, message: tooDeep };

function spanOf(node: J | undefined, source: string): Span {
  if (!node) return { start: 0, end: source.length };
  if (typeof node.start === 'number' && typeof node.end === 'number') return { start: node.start, end: node.end };
  // Binary and conditional nodes are built by jsep outside the token hooks: span their children.
  const parts = [node.left, node.right, node.test, node.alternate, node.argument].filter(Boolean) as J[];
  if (parts.length === 0) return { start: 0, end: source.length };
  const spans = parts.map((p) => spanOf(p, source));
  node.start = Math.min(...spans.map((s) => s.start));
  node.end = Math.max(...spans.map((s) => s.end));
  return { start: node.start, end: node.end };
}

function problem(span: Span, ko: string, en: string): FormulaProblem {
  return { position: span.start, end: span.end, message: { ko, en } };
}

const operatorHints: Record<string, [string, string]> = {
  '===': ["'==='  대신 '=='를 쓰세요.", "Use '==' instead of '==='."],
  '!==': ["'!==' 대신 '!='를 쓰세요.", "Use '!=' instead of '!=='."],
  '%': ["나머지 연산 '%'는 지원하지 않습니다.", "The remainder operator '%' is not supported."],
  '**': ["거듭제곱 '**'는 지원하지 않습니다.", "Powers ('**') are not supported."],
  '??': ["'??' 대신 if(x == null, 기본값, x)를 쓰세요.", "Use if(x == null, default, x) instead of '??'."],
};

function convert(node: J, source: string, errors: FormulaProblem[], depth: number): FormulaNode | null {
  const span = spanOf(node, source);
  if (depth > MAX_FORMULA_DEPTH) {
    if (!errors.includes(tooDeepProblem)) errors.push(tooDeepProblem);
    return null;
  }
  const sub = (child: J) => convert(child, source, errors, depth + 1);
  switch (node.type) {
    case 'Literal': {
      const v = (node as jsep.Literal).value;
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) {
          errors.push(problem(span, '숫자가 너무 큽니다.', 'The number is too large.'));
          return null;
        }
        return { type: 'number', value: v, ...span };
      }
      if (typeof v === 'string') return { type: 'string', value: v, ...span };
      if (typeof v === 'boolean') return { type: 'boolean', value: v, ...span };
      if (v === null) return { type: 'null', ...span };
      errors.push(problem(span, '지원하지 않는 값입니다.', 'Unsupported literal.'));
      return null;
    }
    case 'Identifier':
      return { type: 'name', name: (node as jsep.Identifier).name, ...span };
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression & J;
      const argument = sub(u.argument as J);
      if (u.operator !== '-' && u.operator !== '+' && u.operator !== '!') {
        errors.push(
          problem(span, `연산자 '${u.operator}'${josaPick(u.operator, '은/는')} 지원하지 않습니다.`, `The operator '${u.operator}' is not supported.`),
        );
        return null;
      }
      return argument && { type: 'unary', operator: u.operator as UnaryOperator, argument, ...span };
    }
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      const left = sub(b.left as J);
      const right = sub(b.right as J);
      const op = b.operator;
      if (!arithmeticOperators.has(op) && !comparisonOperators.has(op) && !logicalOperators.has(op)) {
        const leftEnd = spanOf(b.left as J, source).end;
        const at = source.indexOf(op, leftEnd);
        const opSpan = at >= 0 ? { start: at, end: at + op.length } : span;
        const [ko, en] = operatorHints[op] ?? [`연산자 '${op}'${josaPick(op, '은/는')} 지원하지 않습니다.`, `The operator '${op}' is not supported.`];
        errors.push(problem(opSpan, ko, en));
        return null;
      }
      return left && right && { type: 'binary', operator: op as BinaryOperator, left, right, ...span };
    }
    case 'CallExpression': {
      const c = node as jsep.CallExpression;
      const callee = c.callee as J;
      const args = c.arguments.map((a) => sub(a as J));
      if (callee.type !== 'Identifier') {
        errors.push(problem(spanOf(callee, source), '함수 이름만 호출할 수 있습니다.', 'Only a function name can be called.'));
        return null;
      }
      if (args.some((a) => a === null)) return null;
      // jsep wraps the callee into the call before its token ends, so the name's span starts the call's.
      const name = (callee as jsep.Identifier).name;
      return {
        type: 'call',
        name: name.toLowerCase(),
        nameSpan: { start: span.start, end: span.start + name.length },
        args: args as FormulaNode[],
        ...span,
      };
    }
    case 'ConditionalExpression': {
      // `test ? a : b` is the same as if(test, a, b).
      const c = node as jsep.ConditionalExpression;
      const parts = [c.test, c.consequent, c.alternate].map((p) => sub(p as J));
      if (parts.some((p) => p === null)) return null;
      const testSpan = spanOf(c.test as J, source);
      return { type: 'call', name: 'if', nameSpan: testSpan, args: parts as FormulaNode[], ...span };
    }
    case 'Compound': {
      const body = (node as jsep.Compound).body as J[];
      const second = body[1];
      errors.push(
        second
          ? problem(spanOf(second, source), '수식은 하나의 식이어야 합니다. 연산자가 빠졌나요?', 'A formula is a single expression: is an operator missing?')
          : problem(span, '수식이 비어 있습니다.', 'The formula is empty.'),
      );
      return null;
    }
    case 'SequenceExpression':
      errors.push(problem(span, '괄호 안에는 식 하나만 쓸 수 있습니다.', 'Parentheses hold a single expression.'));
      return null;
    case 'MemberExpression':
      errors.push(problem(span, "'.'이나 '[ ]'로 속성에 접근할 수 없습니다.", "Property access ('.' or '[ ]') is not allowed."));
      return null;
    case 'ArrayExpression':
      errors.push(problem(span, "목록 '[ ]'은 쓸 수 없습니다.", "Lists ('[ ]') are not allowed."));
      return null;
    default:
      errors.push(
        problem(
          span,
          `'${source.slice(span.start, span.end)}'${josaPick(source.slice(span.start, span.end), '은/는')} 쓸 수 없습니다.`,
          `'${source.slice(span.start, span.end)}' is not allowed.`,
        ),
      );
      return null;
  }
}
