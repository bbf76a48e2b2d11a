/**
 * `compile`: validates an input and runs everything that does not depend on weights (COINr order: denominate →
 * impute → screen → treat → normalise), then numbers the nodes and lays the topology out in typed arrays. The result
 * is what `score` aggregates once, and what a Monte Carlo analysis re-aggregates thousands of times with perturbed
 * weights via `aggregateInto` and `rankInto`.
 */
import { AGG_AMEAN, AGG_GMEAN, AGG_HMEAN, MISSING_ERROR, MISSING_RENORMALISE, MISSING_ZERO } from './aggregate.js';
import { canonicalJson } from './canonical-json.js';
import type { Dataset } from './dataset.js';
import { denominate } from './denominate.js';
import { EngineInputError, hasErrors, makeIssue, type EngineIssue } from './engine-error.js';
import type { AggregateSpec, Framework, IndicatorSpec } from './framework.js';
import { imputeColumn } from './impute.js';
import { parseEvaluationFast, type FastParsed } from './input-fast-path.js';
import { EvaluationInputSchema, type EvaluationInput, type MissingPolicy, type ScoreOptions } from './input-schema.js';
import { DISTRIBUTION_METHODS, normaliseColumn } from './normalise.js';
import { detectPoints } from './points.js';
import { defaultSources, schemaIssues, type InputSources, type PreparedInput } from './read-input.js';
import { resolveOptions, type ResolvedOptions } from './resolve-options.js';
import { dataAvailability } from './screen.js';
import { sha256HexOfParts } from './sha256.js';
import type { Topology } from './topology.js';
import { treatColumn, type ColumnTreatment } from './treat.js';
import { validateData } from './validate-data.js';
import { validateFramework } from './validate-framework.js';
import { yearOnYearGrowth } from './year-on-year.js';
import { josaPick } from './korean.js';

/** Options after every default, including those that depend on the framework. */
export interface FinalOptions extends Omit<ResolvedOptions, 'missing' | 'points'> {
  readonly missing: MissingPolicy;
  readonly points: boolean;
}

/** Outlier treatment of one indicator, with unit codes. */
export interface TreatmentReport extends Omit<ColumnTreatment, 'winsorisedAt'> {
  readonly iCode: string;
  readonly winsorisedUnits: readonly string[];
}

/** A unit removed by screening. */
export interface RemovedUnit {
  readonly uCode: string;
  readonly uName: string;
  readonly dataAvailability: number;
}

/** Everything needed to aggregate, rank and explain; see README "Low-level API". */
export interface CompiledModel extends Topology {
  readonly framework: Framework;
  readonly options: FinalOptions;
  /** sha256 of the canonical input (iMeta, iData, resolved options). */
  readonly inputHash: string;
  /** Units scored (after screening), in input order. */
  readonly unitCodes: readonly string[];
  readonly unitNames: readonly string[];
  /** Group column values of the scored units. */
  readonly unitGroups: ReadonlyMap<string, readonly (string | null)[]>;
  readonly removedUnits: readonly RemovedUnit[];
  /** Node codes and names by node index. */
  readonly nodeCodes: readonly string[];
  readonly nodeNames: readonly string[];
  /** Nominal weights per node (points frameworks: aggregates weigh the sum of their leaves' points). */
  readonly weights: Float64Array;
  /** Leaf points per indicator in a points framework (else the leaf weights). */
  readonly indicatorPoints: Float64Array;
  /** Values entering normalisation (after denominate, year-on-year, impute, screen, treat), indicator-major. */
  readonly raw: Float64Array;
  /** Nominal normalised values, indicator-major (`normalised[i * nUnits + u]`), NaN = missing. */
  readonly normalised: Float64Array;
  readonly treatment: readonly TreatmentReport[];
  /** Number of cells filled by imputation. */
  readonly imputedCells: number;
  /** Time (year) scored, when iData has a Time column. */
  readonly time: number | null;
  /** Free labels of the input (`about`: title, notes such as "데모 데이터"); not part of the input hash. */
  readonly about: Readonly<Record<string, unknown>> | null;
  /** Warnings found so far. */
  readonly warnings: readonly EngineIssue[];
}

const AGG_CODE = { amean: AGG_AMEAN, gmean: AGG_GMEAN, hmean: AGG_HMEAN } as const;
const MISSING_CODE = { renormalise: MISSING_RENORMALISE, zero: MISSING_ZERO, error: MISSING_ERROR } as const;

/** Aggregates in evaluation order: Level ascending, iMeta order within a level (children before parents). */
function evaluationOrder(framework: Framework): AggregateSpec[] {
  return [...framework.aggregates].sort((a, b) => a.level - b.level || a.metaIndex - b.metaIndex);
}

function previousRows(dataset: Dataset): Int32Array {
  const prev = new Int32Array(dataset.evalRows.length).fill(-1);
  if (dataset.evalTime === null) return prev;
  const byCode = new Map<string, number>();
  dataset.evalRows.forEach((r, k) => byCode.set(dataset.uCodes[r]!, k));
  const best = new Float64Array(dataset.evalRows.length).fill(-Infinity);
  for (let r = 0; r < dataset.uCodes.length; r++) {
    const t = dataset.times[r];
    if (t === null || t === undefined || !(t < dataset.evalTime)) continue;
    const k = byCode.get(dataset.uCodes[r]!);
    if (k !== undefined && t > best[k]!) {
      best[k] = t;
      prev[k] = r;
    }
  }
  return prev;
}

/** The indicator's column over all rows, denominated when asked. */
function indicatorColumn(ind: IndicatorSpec, dataset: Dataset, options: ResolvedOptions, warnings: EngineIssue[]): Float64Array {
  const col = dataset.numeric.get(ind.code)!;
  if (!options.denominate || ind.denominator === null) return col;
  const out = new Float64Array(col.length);
  const zeros = denominate(col, dataset.numeric.get(ind.denominator)!, ind.scaleFactor, out);
  if (zeros > 0) {
    warnings.push(
      makeIssue(
        'DENOMINATOR_NOT_POSITIVE',
        'warning',
        `분모 "${ind.denominator}"${josaPick(ind.denominator, '이/가')} 0인 ${zeros}개 값은 결측으로 처리합니다`,
        `${zeros} value(s) with a zero denominator "${ind.denominator}" are treated as missing`,
        { iCode: ind.code, column: ind.denominator },
      ),
    );
  }
  return out;
}

/**
 * Validates and pre-processes an input into a {@link CompiledModel}.
 *
 * @param input `{iMeta, iData, options}` or a {@link PreparedInput} from `readCsvInput` / `readJsonInput`.
 * @param overrides options that win over `input.options` (e.g. from the command line).
 * @throws {EngineInputError} listing every problem, when the input cannot be scored.
 */
export function compile(input: EvaluationInput | PreparedInput, overrides?: ScoreOptions): CompiledModel {
  const prepared = 'sources' in input && 'input' in input ? (input as PreparedInput) : null;
  const raw: unknown = prepared ? prepared.input : input;
  const sources: InputSources = prepared ? prepared.sources : defaultSources(input as EvaluationInput);
  const issues: EngineIssue[] = [];

  // The fast shape check, else zod (the same result, or the error messages).
  const fast = parseEvaluationFast(raw);
  let evaluation: FastParsed['data'];
  if (fast !== null) evaluation = fast.data;
  else {
    const shape = EvaluationInputSchema.safeParse(raw);
    if (!shape.success) throw new EngineInputError(schemaIssues(shape.error, sources.meta.file));
    evaluation = shape.data;
  }

  const resolved = resolveOptions(evaluation.options, overrides, sources.meta.file, issues);
  if (!resolved) throw new EngineInputError(issues);
  const fv = validateFramework(evaluation.iMeta, sources.meta, resolved, issues);
  const dv = fv.framework ? validateData(evaluation.iData, sources.data, fv.framework, sources.meta, resolved, issues, fast?.dataRows) : null;
  if (!fv.framework || !fv.valid || !dv?.dataset || hasErrors(issues)) throw new EngineInputError(issues);
  const framework = fv.framework;
  const dataset = dv.dataset;
  const warnings: EngineIssue[] = issues.filter((i) => i.severity === 'warning');

  // Points and the missing policy that depends on them.
  const pd = detectPoints(framework, resolved.points);
  if (pd.points) {
    if (Math.abs(pd.total - 100) > 1e-9) {
      warnings.push(
        makeIssue('POINTS_TOTAL', 'warning', `배점 합계가 100이 아닙니다 (${pd.total})`, `points total ${pd.total}, not 100`, {
          file: sources.meta.file,
          column: 'Weight',
        }),
      );
    }
    for (const code of pd.mismatched) {
      const a = framework.aggregates.find((x) => x.code === code)!;
      warnings.push(
        makeIssue(
          'POINTS_WEIGHT_MISMATCH',
          'warning',
          `"${code}"의 Weight(${a.weight}) 대신 하위 지표 배점 합계(${pd.leafPoints.get(code)})를 씁니다`,
          `"${code}" weighs the sum of its indicators' points (${pd.leafPoints.get(code)}) instead of its Weight (${a.weight})`,
          { file: sources.meta.file, iCode: code, column: 'Weight' },
        ),
      );
    }
    if (resolved.aggregate !== 'amean') {
      warnings.push(
        makeIssue(
          'POINTS_NOT_ADDITIVE',
          'warning',
          '산술평균이 아니면 총점이 득점의 합과 같지 않습니다',
          'with an aggregation other than amean the top score is not the sum of earned points',
          { field: 'options.aggregate' },
        ),
      );
    }
  }
  const options: FinalOptions = {
    ...resolved,
    points: pd.points,
    missing: resolved.missing ?? (pd.points ? 'zero' : 'renormalise'),
  };

  // canonicalJson({ iMeta, iData, options }) with the rows' text written by validateFramework and validateData
  // (keys in code-unit order: iData, iMeta, options).
  const inputHash = sha256HexOfParts(['{"iData":', ...dv.canonical, ',"iMeta":', fv.canonical, ',"options":', canonicalJson(options), '}']);

  // Raw matrix of the scored rows: denominate, then year-on-year growth.
  const inds = framework.indicators;
  const nI = inds.length;
  const evalRows = dataset.evalRows;
  let nU = evalRows.length;
  let matrix = new Float64Array(nI * nU);
  const prev = previousRows(dataset);
  inds.forEach((ind, i) => {
    const col = indicatorColumn(ind, dataset, options, warnings);
    const off = i * nU;
    for (let k = 0; k < nU; k++) matrix[off + k] = col[evalRows[k]!]!;
    if (ind.method === 'yoy') {
      const current = matrix.slice(off, off + nU);
      const previous = Float64Array.from(prev, (r) => (r < 0 ? NaN : col[r]!));
      if (!previous.some((v) => v === v)) {
        warnings.push(
          makeIssue(
            'NO_PREVIOUS_TIME',
            'warning',
            `"${ind.code}": 이전 연도 값이 없어 증가율을 계산할 수 없습니다`,
            `"${ind.code}": no value at an earlier Time, growth cannot be computed`,
            { iCode: ind.code },
          ),
        );
      }
      yearOnYearGrowth(current, previous, matrix.subarray(off, off + nU));
    }
  });

  // Impute.
  let imputedCells = 0;
  if (options.impute) {
    const g = options.impute.group;
    const groups = g !== null ? evalRows.map((r) => dataset.groups.get(g)![r] ?? null) : null;
    inds.forEach((ind, i) => {
      const col = matrix.subarray(i * nU, (i + 1) * nU);
      imputedCells += imputeColumn(col, options.impute!.method, groups);
      let left = 0;
      for (let k = 0; k < nU; k++) if (col[k] !== col[k]) left++;
      if (left > 0) {
        warnings.push(
          makeIssue(
            'STILL_MISSING_AFTER_IMPUTE',
            'warning',
            `"${ind.code}": 대체 후에도 결측 ${left}개가 남았습니다`,
            `"${ind.code}": ${left} value(s) still missing after imputation`,
            { iCode: ind.code },
          ),
        );
      }
    });
  }

  // Screen.
  let kept = evalRows.map((_, k) => k);
  const removedUnits: RemovedUnit[] = [];
  if (options.screen) {
    const share = dataAvailability(matrix, nI, nU);
    kept = [];
    for (let k = 0; k < nU; k++) {
      if (share[k]! < options.screen.minShare) {
        const r = evalRows[k]!;
        removedUnits.push({ uCode: dataset.uCodes[r]!, uName: dataset.uNames[r]!, dataAvailability: share[k]! });
        warnings.push(
          makeIssue(
            'UNIT_SCREENED_OUT',
            'warning',
            `자료 보유율 ${(share[k]! * 100).toFixed(1)}%로 기준(${options.screen.minShare * 100}%) 미만이라 제외합니다`,
            `data availability ${(share[k]! * 100).toFixed(1)}% is below ${options.screen.minShare * 100}%: unit removed`,
            { unit: dataset.uCodes[r]! },
          ),
        );
      } else kept.push(k);
    }
    if (kept.length === 0) {
      throw new EngineInputError([
        ...issues,
        makeIssue('NO_UNITS', 'error', '선별 후 남은 단위가 없습니다', 'no unit is left after screening', { field: 'options.screen' }),
      ]);
    }
    if (kept.length < nU) {
      const reduced = new Float64Array(nI * kept.length);
      for (let i = 0; i < nI; i++) for (let j = 0; j < kept.length; j++) reduced[i * kept.length + j] = matrix[i * nU + kept[j]!]!;
      matrix = reduced;
      nU = kept.length;
    }
  }
  const rows = kept.map((k) => evalRows[k]!);
  const unitCodes = rows.map((r) => dataset.uCodes[r]!);
  const unitNames = rows.map((r) => dataset.uNames[r]!);
  const unitGroups = new Map<string, (string | null)[]>();
  for (const [g, values] of dataset.groups)
    unitGroups.set(
      g,
      rows.map((r) => values[r] ?? null),
    );

  // Treat.
  const treatment: TreatmentReport[] = [];
  if (options.treat) {
    inds.forEach((ind, i) => {
      if (!DISTRIBUTION_METHODS.has(ind.method)) return;
      const col = matrix.subarray(i * nU, (i + 1) * nU);
      const t = treatColumn(col, options.treat!);
      if (t.x !== col) col.set(t.x);
      const { winsorisedAt, ...rest } = t.treatment;
      treatment.push({ iCode: ind.code, ...rest, winsorisedUnits: winsorisedAt.map((k) => unitCodes[k]!) });
      if (t.treatment.action === 'undecidable') {
        warnings.push(
          makeIssue(
            'TREAT_SKIPPED',
            'warning',
            `"${ind.code}": 값이 4개 미만이거나 모두 같아 이상치 처리를 건너뜁니다`,
            `"${ind.code}": fewer than 4 values or no spread, outlier treatment skipped`,
            { iCode: ind.code },
          ),
        );
      }
    });
  }

  // Normalise.
  const normalised = new Float64Array(nI * nU);
  inds.forEach((ind, i) => {
    const note = normaliseColumn(matrix.subarray(i * nU, (i + 1) * nU), normalised.subarray(i * nU, (i + 1) * nU), ind.method, ind.direction, ind.params);
    if (note === 'zero-range') {
      warnings.push(
        makeIssue(
          'ZERO_RANGE',
          'warning',
          `"${ind.code}": 값의 범위가 0이어서(모두 같음) ${ind.method} 정규화를 할 수 없어 결측으로 처리합니다`,
          `"${ind.code}": zero range (all values equal), ${ind.method} normalisation impossible: treated as missing`,
          { iCode: ind.code },
        ),
      );
    } else if (note === 'out-of-scale') {
      warnings.push(
        makeIssue(
          'OUT_OF_SCALE',
          'warning',
          `"${ind.code}": passthrough 값 일부가 척도(Lo–Hi) 밖에 있습니다`,
          `"${ind.code}": some passthrough values lie outside the scale (Lo–Hi)`,
          { iCode: ind.code },
        ),
      );
    }
    if (pd.points) {
      const col = normalised.subarray(i * nU, (i + 1) * nU);
      if (col.some((v) => v < 0 || v > 100)) {
        warnings.push(
          makeIssue(
            'POINTS_OUT_OF_RANGE',
            'warning',
            `"${ind.code}": 정규화 값이 0–100 밖에 있어 득점이 배점을 벗어납니다 (${ind.method})`,
            `"${ind.code}": normalised values outside 0–100, so earned points leave the 0–points range (${ind.method})`,
            { iCode: ind.code },
          ),
        );
      }
    }
  });

  // Topology.
  const order = evaluationOrder(framework);
  const nA = order.length;
  const nodeCodes = [...inds.map((x) => x.code), ...order.map((a) => a.code)];
  const nodeNames = [...inds.map((x) => x.name), ...order.map((a) => a.name)];
  const index = new Map<string, number>(nodeCodes.map((c, k) => [c, k]));
  const parent = new Int32Array(nI + nA).fill(-1);
  inds.forEach((ind, i) => (parent[i] = index.get(ind.parent)!));
  order.forEach((a, k) => (parent[nI + k] = a.parent === null ? -1 : index.get(a.parent)!));
  const childStart = new Int32Array(nA + 1);
  const childIndex = new Int32Array(nI + nA - 1);
  let e = 0;
  order.forEach((a, k) => {
    childStart[k] = e;
    for (const c of a.children) childIndex[e++] = index.get(c)!;
  });
  childStart[nA] = e;
  const weights = new Float64Array(nI + nA);
  inds.forEach((ind, i) => (weights[i] = ind.weight));
  order.forEach((a, k) => (weights[nI + k] = pd.points && a.parent !== null ? pd.leafPoints.get(a.code)! : a.weight));
  const aggregation = new Uint8Array(nA).fill(AGG_CODE[options.aggregate]);
  const datThresh = new Float64Array(nA).fill(options.datThresh ?? NaN);

  return {
    framework,
    options,
    inputHash,
    unitCodes,
    unitNames,
    unitGroups,
    removedUnits,
    nodeCodes,
    nodeNames,
    weights,
    indicatorPoints: new Float64Array(inds.map((x) => x.weight)),
    raw: matrix,
    normalised,
    treatment,
    imputedCells,
    time: dataset.evalTime,
    about: evaluation.about ?? null,
    warnings,
    nUnits: nU,
    nIndicators: nI,
    nAggregates: nA,
    nNodes: nI + nA,
    parent,
    childStart,
    childIndex,
    aggregation,
    missingPolicy: MISSING_CODE[options.missing],
    datThresh,
    top: nA - 1,
    scratch: scratchBuffers(nU),
  };
}

/** The scratch buffers of a model: views of one allocation (each typed array of its own costs one). */
function scratchBuffers(nU: number): CompiledModel['scratch'] {
  const numbers = new Float64Array(4 * nU);
  return {
    num: numbers.subarray(0, nU),
    den: numbers.subarray(nU, 2 * nU),
    cnt: numbers.subarray(2 * nU, 3 * nU),
    bad: new Uint8Array(nU),
    rank: numbers.subarray(3 * nU, 4 * nU),
  };
}

/**
 * Re-normalises the pre-processed values of a model, writing indicator-major values into `out`: with each
 * indicator's own method, or with one distribution method for all (a sensitivity alternative; compute each
 * alternative once, then aggregate it as often as needed). Parameters (ScaleL/U, ZMean/ZSD, Floor, Cap) come from
 * iMeta as in the nominal run.
 */
export function normaliseInto(model: CompiledModel, out: Float64Array, method?: 'minmax' | 'zscore' | 'rank' | 'percentile'): void {
  const nU = model.nUnits;
  model.framework.indicators.forEach((ind, i) => {
    normaliseColumn(model.raw.subarray(i * nU, (i + 1) * nU), out.subarray(i * nU, (i + 1) * nU), method ?? ind.method, ind.direction, ind.params);
  });
}
