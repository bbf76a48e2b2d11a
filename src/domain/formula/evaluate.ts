import type { Message } from '../errors.js';
import type { FormulaNode } from './ast.js';
import type { CompiledFormula } from './compile.js';
import { RECORD_DATE_NAME } from './functions.js';

export type FormulaValue = number | string | boolean | null;

/** One activity record as formulas see it: its id (for the trace), its date and its validated data. */
export interface FormulaRecord {
  id: number | string;
  occurredOn: string;
  data: Readonly<Record<string, unknown>>;
}

/**
 * Everything a formula may read for one district and one data period. All in memory: evaluation is pure and
 * synchronous; `loadRecordsForPeriod` fetches the records beforehand.
 */
export interface FormulaContext {
  /** Records per record-type code. A type absent from this object is a missing input (its aggregates are null). */
  records: Readonly<Record<string, readonly FormulaRecord[] | undefined>>;
  population: number | null;
  enteredValue?: number | null;
  /** When given, records dated outside it are ignored (inclusive ISO dates). */
  period?: { start: string; end: string };
  /** The same district's context one year earlier, or null when unknown. Called at most once per evaluation. */
  previous?: () => FormulaContext | null;
}

/** One evaluated function call (or context name), in the order evaluation finished them. */
export type TraceEntry = {
  fn: string;
  /** The formula text of the call. */
  text: string;
  start: number;
  end: number;
  /** 0: the cycle's period; 1: the previous year's; … */
  yearsBack: number;
  period?: { start: string; end: string };
  /** Evaluated arguments; for aggregates the type code, the field and the condition's text. */
  inputs: FormulaValue[];
  recordType?: string;
  field?: string;
  /** Records of the type in the period that met the condition. */
  recordCount?: number;
  recordIds?: (number | string)[];
  /** Among those, records without a numeric value in the field (left out of sum/avg/min/max). */
  missingIds?: (number | string)[];
  value: FormulaValue;
  /** Why the value is null, when it is. */
  note?: Message;
};

export interface RecordsBehind {
  yearsBack: number;
  recordType: string;
  ids: (number | string)[];
}

export interface EvaluationResult {
  /** A finite number, or null when an input is missing or a division by zero occurred; never NaN or Infinity. */
  value: number | null;
  trace: TraceEntry[];
  /** Every record an aggregate counted, per period and type, ids ascending. */
  records: RecordsBehind[];
}

const notes = {
  divisionByZero: { ko: '0으로 나눌 수 없어 값이 없습니다.', en: 'Division by zero: no value.' },
  noPopulation: { ko: '인구 자료가 없어 값이 없습니다.', en: 'No population figure: no value.' },
  noRecordsLoaded: { ko: '이 실적 유형의 자료가 없습니다.', en: 'No data loaded for this record type.' },
  noPrevious: { ko: '전년도 자료가 없어 값이 없습니다.', en: 'No previous-year data: no value.' },
  noValues: { ko: '값이 있는 기록이 없습니다.', en: 'No record has a value.' },
  noEnteredValue: { ko: '입력된 값이 없습니다.', en: 'No value was entered.' },
  missingInput: { ko: '입력값이 없어 계산하지 않았습니다.', en: 'An input is missing: no value.' },
  badBounds: { ko: '하한이 상한보다 큽니다.', en: 'The lower bound exceeds the upper bound.' },
} satisfies Record<string, Message>;

/** A property of plain data, never one inherited from Object.prototype (a field named "constructor" reads nothing). */
const own = (o: object, key: string): unknown => (Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined);

const finite = (v: FormulaValue): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function roundHalfAway(x: number, digits: number): number {
  const d = Math.max(0, Math.min(10, Math.trunc(digits)));
  const scaled = Number(`${Math.abs(x)}e${d}`);
  return Math.sign(x) * Number(`${Math.round(scaled)}e-${d}`);
}

interface Frame {
  ctx: FormulaContext | null;
  yearsBack: number;
}

class Evaluator {
  readonly trace: TraceEntry[] = [];
  private readonly behind = new Map<string, Set<number | string>>();
  private readonly previousOf = new Map<FormulaContext, FormulaContext | null>();

  constructor(private readonly text: string) {}

  recordsBehind(): RecordsBehind[] {
    const out: RecordsBehind[] = [];
    for (const [key, ids] of this.behind) {
      const sep = key.indexOf(':');
      out.push({
        yearsBack: Number(key.slice(0, sep)),
        recordType: key.slice(sep + 1),
        ids: [...ids].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)))),
      });
    }
    return out.sort((a, b) => a.yearsBack - b.yearsBack || a.recordType.localeCompare(b.recordType));
  }

  private previous(frame: Frame): Frame {
    if (!frame.ctx) return { ctx: null, yearsBack: frame.yearsBack + 1 };
    if (!this.previousOf.has(frame.ctx)) this.previousOf.set(frame.ctx, frame.ctx.previous?.() ?? null);
    return { ctx: this.previousOf.get(frame.ctx) ?? null, yearsBack: frame.yearsBack + 1 };
  }

  private record(node: FormulaNode, frame: Frame, entry: Omit<TraceEntry, 'text' | 'start' | 'end' | 'yearsBack'>) {
    const period = frame.ctx?.period;
    this.trace.push({
      text: this.text.slice(node.start, node.end),
      start: node.start,
      end: node.end,
      yearsBack: frame.yearsBack,
      ...(period ? { period } : {}),
      ...entry,
    });
  }

  eval(node: FormulaNode, frame: Frame, rec: FormulaRecord | null): FormulaValue {
    switch (node.type) {
      case 'number':
      case 'string':
      case 'boolean':
        return node.value;
      case 'null':
        return null;
      case 'name':
        return this.name(node, frame, rec);
      case 'unary': {
        const v = this.eval(node.argument, frame, rec);
        if (node.operator === '!') return typeof v === 'boolean' ? !v : null;
        const n = finite(v);
        return n === null ? null : node.operator === '-' ? -n : n;
      }
      case 'binary':
        return this.binary(node, frame, rec);
      case 'call':
        return this.call(node, frame, rec);
    }
  }

  private name(node: Extract<FormulaNode, { type: 'name' }>, frame: Frame, rec: FormulaRecord | null): FormulaValue {
    if (rec) {
      if (node.name === RECORD_DATE_NAME) return rec.occurredOn;
      const v = own(rec.data, node.name);
      return typeof v === 'number' ? finite(v) : typeof v === 'string' || typeof v === 'boolean' ? v : null;
    }
    if (node.name === 'population') {
      const p = finite(frame.ctx?.population ?? null);
      this.record(node, frame, { fn: 'population', inputs: [], value: p, ...(p === null ? { note: notes.noPopulation } : {}) });
      return p;
    }
    if (node.name === 'value') {
      const v = finite(frame.ctx?.enteredValue ?? null);
      this.record(node, frame, { fn: 'value', inputs: [], value: v, ...(v === null ? { note: notes.noEnteredValue } : {}) });
      return v;
    }
    return null;
  }

  private binary(node: Extract<FormulaNode, { type: 'binary' }>, frame: Frame, rec: FormulaRecord | null): FormulaValue {
    const op = node.operator;
    if (op === '&&' || op === '||') {
      // Three-valued logic: null is "unknown"; false && unknown is false, true || unknown is true.
      const a = this.eval(node.left, frame, rec);
      const left = typeof a === 'boolean' ? a : null;
      if (op === '&&' && left === false) return false;
      if (op === '||' && left === true) return true;
      const b = this.eval(node.right, frame, rec);
      const right = typeof b === 'boolean' ? b : null;
      if (op === '&&') return right === false ? false : left === null || right === null ? null : true;
      return right === true ? true : left === null || right === null ? null : false;
    }
    const a = this.eval(node.left, frame, rec);
    const b = this.eval(node.right, frame, rec);
    switch (op) {
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      case '<':
      case '<=':
      case '>':
      case '>=': {
        if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) return null;
        if (op === '<') return a < b;
        if (op === '<=') return a <= b;
        if (op === '>') return a > b;
        return a >= b;
      }
    }
    const x = finite(a);
    const y = finite(b);
    if (x === null || y === null) return null;
    if (op === '+') return finite(x + y);
    if (op === '-') return finite(x - y);
    if (op === '*') return finite(x * y);
    return y === 0 ? null : finite(x / y);
  }

  private call(node: Extract<FormulaNode, { type: 'call' }>, frame: Frame, rec: FormulaRecord | null): FormulaValue {
    switch (node.name) {
      case 'count':
      case 'sum':
      case 'avg':
      case 'min':
      case 'max':
        return this.aggregate(node, frame);
      case 'prev': {
        const prevFrame = this.previous(frame);
        const v = prevFrame.ctx ? finite(this.eval(node.args[0]!, prevFrame, null)) : null;
        this.record(node, frame, { fn: 'prev', inputs: [v], value: v, ...(prevFrame.ctx ? {} : { note: notes.noPrevious }) });
        return v;
      }
      case 'growth': {
        const now = finite(this.eval(node.args[0]!, frame, null));
        const prevFrame = this.previous(frame);
        const before = prevFrame.ctx ? finite(this.eval(node.args[0]!, prevFrame, null)) : null;
        let value: number | null = null;
        let note: Message | undefined;
        if (!prevFrame.ctx) note = notes.noPrevious;
        else if (now === null || before === null) note = notes.missingInput;
        else if (before === 0) note = notes.divisionByZero;
        else value = finite(((now - before) / before) * 100);
        this.record(node, frame, { fn: 'growth', inputs: [now, before], value, ...(note ? { note } : {}) });
        return value;
      }
      case 'if': {
        const cond = this.eval(node.args[0]!, frame, rec);
        const v = typeof cond === 'boolean' ? this.eval(node.args[cond ? 1 : 2]!, frame, rec) : null;
        if (!rec) this.record(node, frame, { fn: 'if', inputs: [cond], value: v });
        return v;
      }
    }
    const args = node.args.map((a) => this.eval(a, frame, rec));
    const nums = args.map(finite);
    const { value, note } = this.scalar(node.name, nums, frame);
    if (!rec) this.record(node, frame, { fn: node.name, inputs: args, value, ...(note ? { note } : {}) });
    return value;
  }

  private scalar(fn: string, nums: (number | null)[], frame: Frame): { value: number | null; note?: Message } {
    if (nums.some((n) => n === null)) return { value: null, note: notes.missingInput };
    const xs = nums as number[];
    const [a, b, c] = xs as [number, number, number];
    switch (fn) {
      case 'per100k': {
        const p = finite(frame.ctx?.population ?? null);
        if (p === null || p === 0) return { value: null, note: notes.noPopulation };
        return { value: finite((a / p) * 100_000) };
      }
      case 'ratio':
        return b === 0 ? { value: null, note: notes.divisionByZero } : { value: finite((a / b) * 100) };
      case 'min2':
      case 'least':
        return { value: Math.min(...xs) };
      case 'max2':
      case 'greatest':
        return { value: Math.max(...xs) };
      case 'clamp':
        return b > c ? { value: null, note: notes.badBounds } : { value: Math.min(Math.max(a, b), c) };
      case 'abs':
        return { value: Math.abs(a) };
      case 'round':
        return { value: finite(roundHalfAway(a, xs.length > 1 ? b : 0)) };
    }
    return { value: null };
  }

  private aggregate(node: Extract<FormulaNode, { type: 'call' }>, frame: Frame): number | null {
    const fn = node.name;
    const typeCode = (node.args[0] as { value: string }).value;
    const field = fn === 'count' ? undefined : (node.args[1] as { value: string }).value;
    const predicate = fn === 'count' ? node.args[1] : node.args[2];
    const inputs: FormulaValue[] = field === undefined ? [typeCode] : [typeCode, field];
    if (predicate) inputs.push(this.text.slice(predicate.start, predicate.end));
    const base = { fn, inputs, recordType: typeCode, ...(field === undefined ? {} : { field }) };

    const all = frame.ctx ? own(frame.ctx.records, typeCode) : undefined;
    if (!Array.isArray(all)) {
      this.record(node, frame, { ...base, value: null, note: notes.noRecordsLoaded });
      return null;
    }
    const period = frame.ctx?.period;
    const matched = (all as readonly FormulaRecord[]).filter(
      (r) => (!period || (r.occurredOn >= period.start && r.occurredOn <= period.end)) && (!predicate || this.eval(predicate, frame, r) === true),
    );
    const ids = matched.map((r) => r.id);
    const key = `${frame.yearsBack}:${typeCode}`;
    const seen = this.behind.get(key) ?? new Set();
    ids.forEach((id) => seen.add(id));
    this.behind.set(key, seen);

    if (fn === 'count') {
      this.record(node, frame, { ...base, recordCount: matched.length, recordIds: ids, value: matched.length });
      return matched.length;
    }
    const values: number[] = [];
    const missingIds: (number | string)[] = [];
    for (const r of matched) {
      const v = own(r.data, field!);
      if (typeof v === 'number' && Number.isFinite(v)) values.push(v);
      else missingIds.push(r.id);
    }
    let value: number | null;
    let note: Message | undefined;
    if (values.length === 0) {
      // An empty period sums to 0; but records that all lack the value are a missing input, not a zero.
      value = fn === 'sum' && matched.length === 0 ? 0 : null;
      if (value === null) note = notes.noValues;
    } else if (fn === 'sum') value = finite(values.reduce((s, v) => s + v, 0));
    else if (fn === 'avg') value = finite(values.reduce((s, v) => s + v, 0) / values.length);
    else if (fn === 'min') value = Math.min(...values);
    else value = Math.max(...values);
    this.record(node, frame, {
      ...base,
      recordCount: matched.length,
      recordIds: ids,
      ...(missingIds.length > 0 ? { missingIds } : {}),
      value,
      ...(note ? { note } : {}),
    });
    return value;
  }
}

/**
 * Evaluates a compiled formula over in-memory records by walking its syntax tree (no eval, no code generation).
 * Missing inputs and divisions by zero give null, never NaN or Infinity. The trace lists every function call with
 * its inputs, value and the ids of the records it counted, so the computed value can be shown with its formula
 * and the records behind it.
 *
 * @example
 * evaluateFormula(compiled('ratio(sum("training_course", "employed"), sum("training_course", "completed"))'),
 *   { records: { training_course: [...] }, population: 352000 }) // { value: 62.5, trace: [...], records: [...] }
 */
export function evaluateFormula(formula: Pick<CompiledFormula, 'text' | 'ast'>, context: FormulaContext): EvaluationResult {
  const evaluator = new Evaluator(formula.text);
  const raw = evaluator.eval(formula.ast, { ctx: context, yearsBack: 0 }, null);
  return { value: finite(raw), trace: evaluator.trace, records: evaluator.recordsBehind() };
}
