/**
 * The aggregation of Monte Carlo runs: `aggregateInto` with the same arithmetic, laid out for thousands of calls on
 * the same values with new weights.
 *
 * `aggregateInto` reads indicator values indicator-major (`values[i * nUnits + u]`), so an aggregate's children are
 * `nUnits` apart for one unit. Here every values array a run can use is copied once, before the runs, into an
 * edge-major table per unit (`table[u * nEdges + k]` = the value of child `childIndex[k]` for unit u), and each run
 * gathers the weights once per edge (`edgeWeights[k] = weights[childIndex[k]]`): the inner loop of an aggregate whose
 * children are all indicators then reads two contiguous runs of memory and keeps its sums in registers.
 *
 * Bit-identical to `aggregateInto`: per aggregate and unit the same additions in the same order (children in
 * `childIndex` order, `sum += w · v`, `wsum += w`, `n += 1` for each present child) and the same final expression.
 * Used only where `aggregateInto` takes its arithmetic-mean, renormalising path (every aggregate `amean` under the
 * `renormalise` missing policy); every other run is handed to `aggregateInto` itself.
 */
import { AGG_AMEAN, aggregateInto, MISSING_RENORMALISE } from './aggregate.js';
import type { Topology } from './topology.js';

/** A values array laid out per unit and edge, and which (aggregate, unit) cells have every child present. */
interface Table {
  readonly cells: Float64Array;
  /** `complete[a * nUnits + u]` = 1 when aggregate a (leaf-only) has every child present for unit u. */
  readonly complete: Uint8Array;
  /** Per leaf-only aggregate, the units with every child present (`completeUnits[a]`), in unit order. */
  readonly completeUnits: readonly Int32Array[];
}

/** Per-run aggregation over a fixed set of values arrays; see the module comment. Not shared between threads. */
export class RunAggregator {
  private readonly nEdges: number;
  /** Per aggregate: 1 when all its children are indicators. */
  private readonly leafOnly: Uint8Array;
  private readonly edgeWeights: Float64Array;
  /** Per leaf-only aggregate, the sum of its children's weights in this run (`wsum` of a unit with every child present). */
  private readonly fullWeight: Float64Array;
  /** Edge-major tables by values array (identity). */
  private readonly tables = new Map<Float64Array, Table>();

  constructor(private readonly model: Topology) {
    const { childStart, childIndex, nIndicators: nI, nAggregates: nA } = model;
    this.nEdges = childStart[nA]!;
    this.leafOnly = new Uint8Array(nA);
    for (let a = 0; a < nA; a++) {
      let leaves = 1;
      for (let k = childStart[a]!; k < childStart[a + 1]!; k++) if (childIndex[k]! >= nI) leaves = 0;
      this.leafOnly[a] = leaves;
    }
    this.edgeWeights = new Float64Array(this.nEdges);
    this.fullWeight = new Float64Array(nA);
  }

  /** The edge-major table of `values`, built on first use (O(units × edges)). */
  private table(values: Float64Array): Table {
    let t = this.tables.get(values);
    if (t === undefined) {
      const { nUnits: nU, nIndicators: nI, nAggregates: nA, childStart, childIndex } = this.model;
      const nE = this.nEdges;
      const cells = new Float64Array(nU * nE);
      for (let k = 0; k < nE; k++) {
        const c = childIndex[k]!;
        if (c >= nI) continue;
        for (let u = 0; u < nU; u++) cells[u * nE + k] = values[c * nU + u]!;
      }
      const complete = new Uint8Array(nA * nU);
      for (let a = 0; a < nA; a++) {
        if (this.leafOnly[a] !== 1) continue;
        for (let u = 0; u < nU; u++) {
          let all = 1;
          for (let k = childStart[a]!; k < childStart[a + 1]!; k++) {
            const v = cells[u * nE + k]!;
            if (v !== v) all = 0;
          }
          complete[a * nU + u] = all;
        }
      }
      const completeUnits: Int32Array[] = [];
      for (let a = 0; a < nA; a++) {
        const units: number[] = [];
        if (this.leafOnly[a] === 1) for (let u = 0; u < nU; u++) if (complete[a * nU + u] === 1) units.push(u);
        completeUnits.push(Int32Array.from(units));
      }
      t = { cells, complete, completeUnits };
      this.tables.set(values, t);
    }
    return t;
  }

  /**
   * Same contract and same results as `aggregateInto(model, weights, values, out, aggregation)` (without the problem
   * list); `values` must not change between calls (its table is kept).
   *
   * @returns the number of cells that could not be aggregated.
   */
  aggregate(weights: Float64Array, values: Float64Array, out: Float64Array, aggregation: Uint8Array): number {
    const model = this.model;
    const nA = model.nAggregates;
    if (model.missingPolicy !== MISSING_RENORMALISE) return aggregateInto(model, weights, values, out, aggregation);
    for (let a = 0; a < nA; a++) if (aggregation[a] !== AGG_AMEAN) return aggregateInto(model, weights, values, out, aggregation);

    const nU = model.nUnits;
    const nI = model.nIndicators;
    const nE = this.nEdges;
    const { childStart, childIndex, datThresh } = model;
    const ew = this.edgeWeights;
    for (let k = 0; k < nE; k++) ew[k] = weights[childIndex[k]!]!;
    const { cells: table, complete, completeUnits } = this.table(values);
    const full = this.fullWeight;
    for (let a = 0; a < nA; a++) {
      // The weight sum of a unit with every child present: the same additions, in the same order, as its loop below.
      let wsum = 0;
      for (let k = childStart[a]!; k < childStart[a + 1]!; k++) wsum += ew[k]!;
      full[a] = wsum;
    }
    for (let a = 0; a < nA; a++) {
      const start = childStart[a]!;
      const end = childStart[a + 1]!;
      const nChildren = end - start;
      const thresh = datThresh[a]!;
      const offOut = a * nU;
      if (this.leafOnly[a] === 1) {
        const fullWsum = full[a]!;
        const fullMissing = nChildren === 0 || 1 < thresh || !(fullWsum > 0);
        // Units with every child present, four at a time: four independent chains of additions (each unit's own
        // additions stay in order) instead of one, so the processor overlaps them.
        const units = completeUnits[a]!;
        const nComplete = units.length;
        let j = 0;
        for (; j + 3 < nComplete; j += 4) {
          const u0 = units[j]!;
          const u1 = units[j + 1]!;
          const u2 = units[j + 2]!;
          const u3 = units[j + 3]!;
          const r0 = u0 * nE;
          const r1 = u1 * nE;
          const r2 = u2 * nE;
          const r3 = u3 * nE;
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          for (let k = start; k < end; k++) {
            const w = ew[k]!;
            s0 += w * table[r0 + k]!;
            s1 += w * table[r1 + k]!;
            s2 += w * table[r2 + k]!;
            s3 += w * table[r3 + k]!;
          }
          out[offOut + u0] = fullMissing ? NaN : s0 / fullWsum;
          out[offOut + u1] = fullMissing ? NaN : s1 / fullWsum;
          out[offOut + u2] = fullMissing ? NaN : s2 / fullWsum;
          out[offOut + u3] = fullMissing ? NaN : s3 / fullWsum;
        }
        for (; j < nComplete; j++) {
          const u = units[j]!;
          const row = u * nE;
          let sum = 0;
          for (let k = start; k < end; k++) sum += ew[k]! * table[row + k]!;
          out[offOut + u] = fullMissing ? NaN : sum / fullWsum;
        }
        // The other units, child by child as in aggregateInto.
        for (let u = 0, row = 0; u < nU; u++, row += nE) {
          if (complete[offOut + u] === 1) continue;
          let sum = 0;
          let wsum = 0;
          let n = 0;
          for (let k = start; k < end; k++) {
            const v = table[row + k]!;
            if (v === v) {
              const w = ew[k]!;
              sum += w * v;
              wsum += w;
              n++;
            }
          }
          out[offOut + u] = n === 0 || n / nChildren < thresh || !(wsum > 0) ? NaN : sum / wsum;
        }
        continue;
      }
      for (let u = 0; u < nU; u++) {
        let sum = 0;
        let wsum = 0;
        let n = 0;
        for (let k = start; k < end; k++) {
          const c = childIndex[k]!;
          const v = c >= nI ? out[(c - nI) * nU + u]! : values[c * nU + u]!;
          if (v === v) {
            const w = ew[k]!;
            sum += w * v;
            wsum += w;
            n++;
          }
        }
        out[offOut + u] = n === 0 || n / nChildren < thresh || !(wsum > 0) ? NaN : sum / wsum;
      }
    }
    return 0;
  }
}
