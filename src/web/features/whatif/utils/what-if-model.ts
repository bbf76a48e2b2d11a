// The what-if simulator re-scores the published input in the browser with the very engine the server used.
// `score()` runs once, to prove that the published points reproduce the published ranking; slider moves use the
// engine's low-level API (compile once, then aggregateInto + competitionRanks with new weights), which allocates
// nothing and stays far inside one animation frame.
import { aggregateInto, compile, competitionRanks, score } from '../../../../engine/index.js';
import type { CompiledModel, EvaluationInput } from '../../../../engine/index.js';
import type { PublishedEngineInput } from '../../../types/index.js';

export interface WhatIfIndicator {
  code: string;
  /** Korean name from the input (the page may show a translated one). */
  name: string;
  field: string;
  /** Points in the published framework. */
  points: number;
}

export interface WhatIfField {
  code: string;
  name: string;
  indicators: string[];
}

export interface WhatIfUnit {
  code: string;
  name: string;
}

export interface Ranking {
  /** Score per unit (input order) on a 0–100 scale, bonus and penalty included. */
  scores: Float64Array;
  /** Competition ranks (1, 2, 2, 4); NaN when the score is missing. */
  ranks: Float64Array;
}

/** Scores are rounded like the award step does, so that floating-point noise never splits a tie. */
const round9 = (x: number) => Math.round(x * 1e9) / 1e9;

export class WhatIfModel {
  readonly indicators: WhatIfIndicator[];
  readonly fields: WhatIfField[];
  readonly units: WhatIfUnit[];
  readonly engineVersion: string;
  private readonly model: CompiledModel;
  private readonly adjustment: Float64Array;
  private readonly weights: Float64Array;
  private readonly aggregated: Float64Array;
  private readonly leafSum: Float64Array;
  private readonly scratch: Float64Array;

  /**
   * @param adjustments bonus + penalty per unit code (published results), added after the engine's score.
   * @throws EngineInputError when the input does not validate (the engine names every problem).
   */
  constructor(input: PublishedEngineInput, adjustments: ReadonlyMap<string, number>) {
    const evaluation = { iMeta: input.iMeta, iData: input.iData, options: input.options } as unknown as EvaluationInput;
    this.model = compile(evaluation);
    this.engineVersion = input.engineVersion;
    const m = this.model;
    this.indicators = Array.from({ length: m.nIndicators }, (_, i) => ({
      code: m.nodeCodes[i]!,
      name: m.nodeNames[i]!,
      field: m.nodeCodes[m.parent[i]!]!,
      points: m.indicatorPoints[i]!,
    }));
    this.fields = [];
    for (let a = 0; a < m.nAggregates; a++) {
      const node = m.nIndicators + a;
      if (a === m.top) continue;
      const code = m.nodeCodes[node]!;
      this.fields.push({ code, name: m.nodeNames[node]!, indicators: this.indicators.filter((x) => x.field === code).map((x) => x.code) });
    }
    this.units = m.unitCodes.map((code, u) => ({ code, name: m.unitNames[u]! }));
    this.adjustment = Float64Array.from(m.unitCodes, (code) => adjustments.get(code) ?? 0);
    this.weights = Float64Array.from(m.weights);
    this.aggregated = new Float64Array(m.nAggregates * m.nUnits);
    this.leafSum = new Float64Array(m.nNodes);
    this.scratch = new Float64Array(m.nUnits);
  }

  /** The published points, in indicator order. */
  defaultPoints(): Float64Array {
    return Float64Array.from(this.indicators, (i) => i.points);
  }

  /**
   * Re-ranks every unit with new points per indicator (indicator order). An aggregate weighs the sum of its leaves'
   * points, as in the server's points framework; the score is the weighted mean on 0–100, i.e. earned points
   * rescaled to a total of 100 when the points no longer add up to 100. Writes into `out`; allocates nothing.
   */
  rankInto(points: Float64Array, out: Ranking): void {
    const m = this.model;
    const w = this.weights;
    const sums = this.leafSum;
    sums.fill(0);
    for (let i = 0; i < m.nIndicators; i++) {
      const p = points[i]! > 0 ? points[i]! : 0;
      w[i] = p;
      for (let node = m.parent[i]!; node !== -1; node = m.parent[node]!) sums[node] = sums[node]! + p;
    }
    for (let a = 0; a < m.nAggregates; a++) {
      const node = m.nIndicators + a;
      if (a !== m.top) w[node] = sums[node]!;
      // An aggregate whose leaves all weigh 0 still needs a defined value (it then counts for nothing itself).
      if (sums[node] === 0) {
        for (let k = m.childStart[a]!; k < m.childStart[a + 1]!; k++) {
          const child = m.childIndex[k]!;
          if (child < m.nIndicators) w[child] = 1;
        }
      }
    }
    aggregateInto(m, w, m.normalised, this.aggregated);
    const offset = m.top * m.nUnits;
    const totalZero = sums[m.nIndicators + m.top] === 0;
    for (let u = 0; u < m.nUnits; u++) {
      const base = this.aggregated[offset + u]!;
      out.scores[u] = totalZero || base !== base ? NaN : round9(base + this.adjustment[u]!);
    }
    competitionRanks(out.scores, out.ranks, true, this.scratch);
  }

  newRanking(): Ranking {
    return { scores: new Float64Array(this.model.nUnits), ranks: new Float64Array(this.model.nUnits) };
  }

  /**
   * The full `score()` of the published input (validation, hashing, explanation included), once: its ranking with
   * the adjustments must equal the published one. Returns the scores by unit code and how long it took.
   */
  fullScore(input: PublishedEngineInput): { scores: Map<string, number | null>; ms: number; warmMs: number } {
    const evaluation = { iMeta: input.iMeta, iData: input.iData, options: input.options } as unknown as EvaluationInput;
    const started = performance.now();
    const result = score(evaluation);
    const ms = performance.now() - started;
    // A few more runs, once the code is warm: what a slider move would cost if it called score() itself.
    const warm: number[] = [];
    for (let k = 0; k < 8; k++) {
      const t0 = performance.now();
      score(evaluation);
      warm.push(performance.now() - t0);
    }
    warm.sort((a, b) => a - b);
    const warmMs = warm[Math.floor(warm.length / 2)] ?? ms;
    const scores = new Map<string, number | null>();
    for (const unit of result.units) {
      const base = unit.scores[result.top];
      const adjustment = this.adjustment[this.model.unitCodes.indexOf(unit.uCode)] ?? 0;
      scores.set(unit.uCode, base === undefined || base === null ? null : round9(base + adjustment));
    }
    return { scores, ms, warmMs };
  }

  /**
   * Mean time of one re-rank (weights → aggregate → rank) over many runs with the published points. Browsers round
   * `performance.now()` to 0.1 ms or coarser, so a single re-rank usually reads as 0; the mean over a batch does not.
   */
  benchmark(runs = 2000): { meanMs: number; runs: number } {
    const points = this.defaultPoints();
    const out = this.newRanking();
    for (let k = 0; k < 200; k++) this.rankInto(points, out);
    const started = performance.now();
    for (let k = 0; k < runs; k++) {
      points[k % points.length] = (k % 7) + 1;
      this.rankInto(points, out);
    }
    return { meanMs: (performance.now() - started) / runs, runs };
  }
}
