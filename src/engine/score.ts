/**
 * `score`: the whole pipeline for one input — compile (validate, denominate, impute, screen, treat, normalise),
 * aggregate, rank, points, explanation — into a plain, JSON-ready {@link ScoreResult}.
 */
import { aggregateInto, type AggregationProblem } from './aggregate.js';
import { compile, type CompiledModel, type FinalOptions, type RemovedUnit, type TreatmentReport } from './compile.js';
import { ENGINE_VERSION } from './engine-version.js';
import { EngineInputError, makeIssue, safely, type EngineIssue, type SafeResult } from './engine-error.js';
import { contributionsInto, explainUnit, medianUnit, type UnitExplanation } from './explain.js';
import type { EvaluationInput, MethodName, ScoreOptions } from './input-schema.js';
import { earnedPoints } from './points.js';
import { rankInto } from './rank.js';
import type { PreparedInput } from './read-input.js';

/** Scores of one unit. */
export interface UnitResult {
  readonly uCode: string;
  readonly uName: string;
  /** 1 = best; tied units share the best rank (1, 2, 2, 4); null when the top score is missing. */
  readonly rank: number | null;
  /** Aggregate scores: the top node first, then the other aggregates top-down. */
  readonly scores: Readonly<Record<string, number | null>>;
  /** Normalised indicator values, in iMeta order. */
  readonly normalised: Readonly<Record<string, number | null>>;
  /** Points framework only: points earned per indicator (`normalised / 100 · points`, missing earns 0). */
  readonly points: Readonly<Record<string, number>> | null;
  /** Contribution of every node (aggregates then indicators) to the top score, in its points. */
  readonly contributions: Readonly<Record<string, number | null>>;
  /** Group column values (e.g. a peer group for awards). */
  readonly groups: Readonly<Record<string, string | null>>;
  /** Built on first read (an enumerable getter, so JSON and spreads include it), then the same object every time. */
  readonly explanation: UnitExplanation;
}

/** A node of the framework as reported with results. */
export interface NodeInfo {
  readonly iCode: string;
  readonly iName: string;
  readonly level: number;
  readonly parent: string | null;
  /** Weight used, relative within the parent (aggregates in a points framework: their leaves' points). */
  readonly weight: number | null;
  /** Indicators only. */
  readonly direction?: 1 | -1;
  readonly method?: MethodName;
  readonly unit?: string | null;
}

/** Result of {@link score}. Its JSON form is the CLI's `--format json`. */
export interface ScoreResult {
  readonly engineVersion: string;
  readonly inputHash: string;
  /** Sorted by rank (missing last), then uCode. */
  readonly units: readonly UnitResult[];
  readonly top: string;
  /** Aggregates top-down (top first; Level descending, iMeta order within a level). */
  readonly aggregates: readonly NodeInfo[];
  /** Indicators in iMeta order. */
  readonly indicators: readonly NodeInfo[];
  readonly pointsMode: boolean;
  /** Sum of leaf points (points framework) or null. */
  readonly totalPoints: number | null;
  /** uCode of the median unit used by explanations. */
  readonly medianUnit: string | null;
  readonly removedUnits: readonly RemovedUnit[];
  readonly treatment: readonly TreatmentReport[];
  readonly imputedCells: number;
  /** Time scored, when iData has a Time column. */
  readonly time: number | null;
  readonly options: FinalOptions;
  /** The input's free labels (`about`), e.g. a title and a "데모 데이터" note. */
  readonly about: Readonly<Record<string, unknown>> | null;
  readonly warnings: readonly EngineIssue[];
}

const orNull = (v: number) => (v === v ? v : null);

function aggregationIssues(model: CompiledModel, problems: readonly AggregationProblem[]): EngineIssue[] {
  return problems.map((p) => {
    const unit = model.unitCodes[p.unit]!;
    const child = model.nodeCodes[p.child]!;
    const parent = model.nodeCodes[model.nIndicators + p.aggregate]!;
    if (p.kind === 'missing') {
      return makeIssue(
        'MISSING_NOT_ALLOWED',
        'error',
        `"${parent}" 집계에 "${child}" 값이 없습니다 (결측 처리 방식: error)`,
        `"${child}" is missing when aggregating "${parent}" (missing policy: error)`,
        { unit, iCode: child },
      );
    }
    const fn = model.options.aggregate === 'gmean' ? '기하평균' : '조화평균';
    return makeIssue(
      'NON_POSITIVE_MEAN_INPUT',
      'error',
      `"${parent}"의 ${fn}에는 0보다 큰 값이 필요한데 "${child}" 값이 ${p.value}입니다 (정규화 하한을 0보다 크게 하세요, 예: ScaleL 1)`,
      `${model.options.aggregate} of "${parent}" needs values above 0, but "${child}" is ${p.value} (normalise onto a positive range, e.g. ScaleL 1)`,
      { unit, iCode: child },
    );
  });
}

/** Makers of records with one list of keys, in that order (see {@link newRecordMaker}). */
export interface RecordMaker {
  /** A record of `values` (value k for key k). */
  of<T>(values: readonly T[]): Record<string, T>;
  /** A record of numbers read from a column-major table: value k is `table[at[k] + u]`, NaN written as null. */
  numbers(table: Float64Array, at: readonly number[], u: number): Record<string, number | null>;
}

/** The maker of records with these keys, made once per list of keys (a few are in use at a time). */
function recordMaker(keys: readonly string[]): RecordMaker {
  const id = keys.join('\u0000');
  let maker = recordMakers.get(id);
  if (maker === undefined) {
    maker = newRecordMaker(keys);
    // A few shapes are in use at a time (one framework's aggregates, indicators, both, groups): a small bound.
    if (recordMakers.size >= 64) recordMakers.delete(recordMakers.keys().next().value!);
    recordMakers.set(id, maker);
  }
  return maker;
}

/** Record makers by their keys (joined with U+0000), oldest first. */
const recordMakers = new Map<string, RecordMaker>();

/**
 * Whether to compile record makers: in Node (the server, the CLI, workers), not in browsers, where one `score()` per
 * page gains little and a page's Content-Security-Policy would report every attempt as a violation.
 */
const MAY_COMPILE = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

/**
 * Makers of records with the given keys, in that order: every record of one shape, which V8 keeps in its fast form
 * (a record built key by key becomes a hash table, slow to build and to read).
 *
 * In Node, each maker is a function returning an object literal with those keys (`{"TOTAL":v[0],"Econ":v[1],…}`, or
 * for numbers `{"TOTAL":(x=t[a[0]+u])===x?x:null,…}`): each key is written as a JSON string literal, which is also a
 * JavaScript string literal for the same text, so no key can become code. That is about seven times faster than
 * storing the keys one by one, which at 51 units × 130 keys was a sixth of `score()`. Elsewhere — in browsers (see
 * {@link MAY_COMPILE}), in a Node that forbids compiling (`--disallow-code-generation-from-strings`), and for a key
 * `__proto__` (which a literal would take as the prototype) — copies of one template get their values key by key:
 * the same records, more slowly. Exported for the tests, which compare the two (`compiled` false: the template).
 */
export function newRecordMaker(keys: readonly string[], compiled = true): RecordMaker {
  if (compiled && MAY_COMPILE && !keys.includes('__proto__')) {
    try {
      const quoted = keys.map((k) => JSON.stringify(k));
      const of = new Function('v', `return {${quoted.map((k, i) => `${k}:v[${i}]`).join(',')}};`) as RecordMaker['of'];
      const numbers = new Function(
        't',
        'a',
        'u',
        `let x;return {${quoted.map((k, i) => `${k}:(x=t[a[${i}]+u])===x?x:null`).join(',')}};`,
      ) as RecordMaker['numbers'];
      // A record of nulls and one of numbers first: V8 then keeps every field as a plain reference (a number is stored
      // as the value it already is), not as a number field that would box each value again.
      of(keys.map(() => null));
      of(keys.map(() => 0.5));
      const at = keys.map(() => 0);
      numbers(new Float64Array([NaN]), at, 0);
      numbers(new Float64Array([0.5]), at, 0);
      return { of, numbers };
    } catch {
      // compiling is forbidden here: the template below
    }
  }
  const template = keys.includes('__proto__') ? null : (JSON.parse(`{${keys.map((k) => `${JSON.stringify(k)}:null`).join(',')}}`) as Record<string, null>);
  const blank = <T>() => (template === null ? {} : { ...template }) as Record<string, T>;
  return {
    of<T>(values: readonly T[]) {
      const record = blank<T>();
      for (let k = 0; k < keys.length; k++) record[keys[k]!] = values[k]!;
      return record;
    },
    numbers(table, at, u) {
      const record = blank<number | null>();
      for (let k = 0; k < keys.length; k++) {
        const x = table[at[k]! + u]!;
        record[keys[k]!] = x === x ? x : null;
      }
      return record;
    },
  };
}

/** Aggregate codes top-down: Level descending, iMeta order within a level. */
function topDown(model: CompiledModel): number[] {
  const order = model.framework.aggregates.map((a) => a);
  order.sort((a, b) => b.level - a.level || a.metaIndex - b.metaIndex);
  return order.map((a) => model.nodeCodes.indexOf(a.code) - model.nIndicators);
}

/**
 * Scores an evaluation.
 *
 * @param input `{iMeta, iData, options}` or a prepared input from `readCsvInput` / `readJsonInput`.
 * @param overrides options that win over `input.options`.
 * @throws {EngineInputError} listing every problem (with file, row, column or unit and iCode).
 * @example
 * const result = score({ iMeta, iData });
 * result.units[0].rank // 1
 */
export function score(input: EvaluationInput | PreparedInput, overrides?: ScoreOptions): ScoreResult {
  const model = compile(input, overrides);
  const nU = model.nUnits;
  const nI = model.nIndicators;
  // The aggregates, ranks and contributions: views of one allocation.
  const results = new Float64Array((model.nAggregates + 1 + model.nNodes) * nU);
  const aggregated = results.subarray(0, model.nAggregates * nU);
  const problems: AggregationProblem[] = [];
  aggregateInto(model, model.weights, model.normalised, aggregated, model.aggregation, problems);
  if (problems.length > 0) throw new EngineInputError([...aggregationIssues(model, problems), ...model.warnings]);
  const ranks = results.subarray(model.nAggregates * nU, (model.nAggregates + 1) * nU);
  rankInto(model, aggregated, ranks);
  const contributions = results.subarray((model.nAggregates + 1) * nU);
  contributionsInto(model, model.weights, model.normalised, aggregated, contributions);

  const warnings = [...model.warnings];
  const topRow = aggregated.subarray(model.top * nU, (model.top + 1) * nU);
  for (let u = 0; u < nU; u++) {
    if (topRow[u] !== topRow[u]) {
      warnings.push(
        makeIssue('NO_TOP_SCORE', 'warning', '총점을 계산할 수 없습니다 (값이 모두 결측)', 'no top score (all values missing)', {
          unit: model.unitCodes[u]!,
        }),
      );
    }
  }
  const med = medianUnit(topRow, model.unitCodes);
  const aggOrder = topDown(model);
  const inds = model.framework.indicators;
  const pointsMode = model.options.points;

  const aggCodes = aggOrder.map((a) => model.nodeCodes[nI + a]!);
  const indCodes = inds.map((ind) => ind.code);
  const groupList = [...model.unitGroups];
  const scoresOf = recordMaker(aggCodes);
  const normalisedOf = recordMaker(indCodes);
  const contribOf = recordMaker([...aggCodes, ...indCodes]);
  const groupsOf = recordMaker(groupList.map(([g]) => g));
  // Where each record's values are, for unit 0, in their column-major tables (unit u: + u).
  const scoreAt = aggOrder.map((a) => a * nU);
  const normalisedAt = indCodes.map((_, i) => i * nU);
  const contribAt = [...aggOrder.map((a) => nI + a), ...indCodes.map((_, i) => i)].map((node) => node * nU);
  const pointValues: number[] = indCodes.map(() => 0);
  const groupValues: (string | null)[] = groupList.map(() => null);
  const units: UnitResult[] = model.unitCodes.map((uCode, u) => {
    const scores = scoresOf.numbers(aggregated, scoreAt, u);
    const normalised = normalisedOf.numbers(model.normalised, normalisedAt, u);
    let points: Record<string, number> | null = null;
    if (pointsMode) {
      for (let i = 0; i < nI; i++) pointValues[i] = earnedPoints(model.normalised[i * nU + u]!, model.indicatorPoints[i]!);
      points = normalisedOf.of(pointValues);
    }
    const contrib = contribOf.numbers(contributions, contribAt, u);
    for (let j = 0; j < groupList.length; j++) groupValues[j] = groupList[j]![1][u] ?? null;
    const groups = groupsOf.of(groupValues);
    // The explanation is built when first read (JSON.stringify, a spread or a property read all read it), then kept:
    // most callers read a few units' explanations, or none, and building every sentence was most of score()'s time.
    let explanation: UnitExplanation | undefined;
    const explain = (): UnitExplanation =>
      explainUnit({
        uName: model.unitNames[u]!,
        rank: orNull(ranks[u]!),
        score: orNull(topRow[u]!),
        medianCode: med >= 0 ? model.unitCodes[med]! : null,
        medianName: med >= 0 ? model.unitNames[med]! : null,
        medianScore: med >= 0 ? topRow[med]! : null,
        items: inds.map((ind, i) => ({
          iCode: ind.code,
          iName: ind.name,
          mine: contributions[i * nU + u]!,
          median: med >= 0 ? contributions[i * nU + med]! : NaN,
        })),
        top: model.options.explainTop,
      });
    return {
      uCode,
      uName: model.unitNames[u]!,
      rank: orNull(ranks[u]!),
      scores,
      normalised,
      points,
      contributions: contrib,
      groups,
      get explanation(): UnitExplanation {
        return (explanation ??= explain());
      },
    };
  });
  units.sort((a, b) => {
    const ra = a.rank ?? Infinity;
    const rb = b.rank ?? Infinity;
    if (ra !== rb) return ra - rb;
    return a.uCode < b.uCode ? -1 : a.uCode > b.uCode ? 1 : 0;
  });

  const aggByCode = new Map(model.framework.aggregates.map((a) => [a.code, a]));
  return {
    engineVersion: ENGINE_VERSION,
    inputHash: model.inputHash,
    units,
    top: model.framework.top,
    aggregates: aggOrder.map((a) => {
      const spec = aggByCode.get(model.nodeCodes[nI + a]!)!;
      return {
        iCode: spec.code,
        iName: spec.name,
        level: spec.level,
        parent: spec.parent,
        weight: spec.parent === null ? null : model.weights[nI + a]!,
      };
    }),
    indicators: inds.map((ind) => ({
      iCode: ind.code,
      iName: ind.name,
      level: 1,
      parent: ind.parent,
      weight: ind.weight,
      direction: ind.direction,
      method: ind.method,
      unit: ind.unit,
    })),
    pointsMode,
    totalPoints: pointsMode ? inds.reduce((s, x) => s + x.weight, 0) : null,
    medianUnit: med >= 0 ? model.unitCodes[med]! : null,
    removedUnits: model.removedUnits,
    treatment: model.treatment,
    imputedCells: model.imputedCells,
    time: model.time,
    options: model.options,
    about: model.about,
    warnings,
  };
}

/** {@link score} without throwing for bad input: `{ success: true, data, warnings }` or `{ success: false, error }`. */
export function safeScore(input: EvaluationInput | PreparedInput, overrides?: ScoreOptions): SafeResult<ScoreResult> {
  return safely(
    () => score(input, overrides),
    (r) => r.warnings,
  );
}
