/**
 * The aggregation of Monte Carlo runs: `aggregateInto` with the same arithmetic, laid out for thousands of calls on
 * the same values with new weights.
 *
 * `aggregateInto` reads indicator values indicator-major (`values[i * nUnits + u]`), so an aggregate's children are
 * `nUnits` apart for one unit. Here every values array a run can use is copied once, before the runs, into a table
 * of the children of the leaf-only aggregates (those whose children are all indicators), eight units interleaved:
 * `cells[(g * nLeafEdges + e) * 8 + i]` = the value of leaf edge e for unit `8g + i`, a missing value stored as 0.
 * Each run gathers the weights once per edge; the sums of eight units then run as eight independent chains of
 * additions over one contiguous stretch of memory, for every leaf-only aggregate in turn.
 *
 * Bit-identical to `aggregateInto`: per aggregate and unit the same additions in the same order (children in
 * `childIndex` order, `sum += w · v`, `wsum += w` for each present child) and the same final expression. A missing
 * child adds `w · 0 = +0` to the sum instead of being skipped, which leaves it unchanged: the sum starts at +0, a sum
 * is −0 only when both terms are, so it is never −0, and `x + 0 = x` for every other x (weights are finite and ≥ 0).
 * The count of present children and which cells miss one depend only on the values, so they are found once per
 * table; the weight sum of a cell with every child present is the aggregate's full weight sum (the same additions),
 * and only the few other cells add their present weights one by one. Used only where `aggregateInto` takes its
 * arithmetic-mean, renormalising path (every aggregate `amean` under the `renormalise` missing policy); every other
 * run is handed to `aggregateInto` itself.
 */
import { AGG_AMEAN, aggregateInto, MISSING_RENORMALISE } from './aggregate.js';
import { leafSumsKernel, type LeafSumsKernel } from './leaf-sums-wasm.js';
import type { Topology } from './topology.js';

/** A values array laid out for the runs; see the module comment. */
interface Table {
  /** Leaf-edge values, eight units interleaved, missing = 0. */
  readonly cells: Float64Array;
  /** With the WebAssembly kernel: where a copy of `cells` starts in its memory (bytes). */
  readonly cellsAt: number;
  /** Per leaf-only aggregate j, the units with a child missing (`partial[j]`) and those always missing (`dead[j]`). */
  readonly partial: readonly Int32Array[];
  readonly dead: readonly Int32Array[];
  /**
   * The distinct sets of present leaf edges among the partial units of aggregate j (most units miss the same one
   * child, so many share a set, and its weight sum is added once per run): set k is
   * `presentEdges[j][presentStart[j][k] … presentStart[j][k + 1])`, and the i-th partial unit's set is `presentSet[j][i]`.
   */
  readonly presentStart: readonly Int32Array[];
  readonly presentEdges: readonly Int32Array[];
  readonly presentSet: readonly Int32Array[];
  /** Scratch: the weight sum of each present set in this run (as long as the largest count of sets). */
  readonly setWeights: Float64Array;
}

/** Per-run aggregation over a fixed set of values arrays; see the module comment. Not shared between threads. */
export class RunAggregator {
  private readonly nEdges: number;
  /** Leaf-only aggregates, in evaluation order. */
  private readonly leaves: Int32Array;
  /** The other aggregates, in evaluation order. */
  private readonly inner: Int32Array;
  /** Number of edges of the leaf-only aggregates (their children, in `childIndex` order). */
  private readonly nLeafEdges: number;
  /** Start of the j-th leaf-only aggregate's edges in the leaf-edge numbering (length leaves + 1). */
  private readonly leafStart: Int32Array;
  /** Node index of each leaf edge's child. */
  private readonly leafChild: Int32Array;
  /** Weights gathered per leaf edge in this run. */
  private leafWeights: Float64Array;
  private readonly edgeWeights: Float64Array;
  /** Per edge of the other aggregates, where its child's row starts (in `out` or in the values). */
  private readonly childOffset: Int32Array;
  /** Per leaf-only aggregate, the sum of its children's weights in this run. */
  private readonly fullWeights: Float64Array;
  /** Raw weighted sums of the leaf-only aggregates in this run, `sums[j * padded + u]`. */
  private sums: Float64Array;
  /** The WebAssembly leaf sums (null where unavailable), and where its arrays and the next table go (bytes). */
  private readonly kernel: LeafSumsKernel | null;
  private readonly startsAt: number;
  private readonly sumsAt: number;
  private heapEnd: number;
  /** nUnits rounded up to a multiple of 8. */
  private readonly padded: number;
  /** Tables by values array (identity). */
  private readonly tables = new Map<Float64Array, Table>();
  /** The values array and table of the last call (runs mostly repeat them). */
  private lastValues: Float64Array | null = null;
  private lastTable: Table | null = null;
  /** Aggregation codes last found to be all `amean` (identity). */
  private lastMeans: Uint8Array | null = null;

  /** @param useKernel whether to use the WebAssembly leaf sums where available (false: the JavaScript loop). */
  constructor(
    private readonly model: Topology,
    useKernel = true,
  ) {
    const { childStart, childIndex, nIndicators: nI, nAggregates: nA, nUnits: nU } = model;
    this.nEdges = childStart[nA]!;
    const leaves: number[] = [];
    const inner: number[] = [];
    for (let a = 0; a < nA; a++) {
      let leafOnly = true;
      for (let k = childStart[a]!; k < childStart[a + 1]!; k++) if (childIndex[k]! >= nI) leafOnly = false;
      (leafOnly ? leaves : inner).push(a);
    }
    this.leaves = Int32Array.from(leaves);
    this.inner = Int32Array.from(inner);
    this.leafStart = new Int32Array(leaves.length + 1);
    const leafChild: number[] = [];
    leaves.forEach((a, j) => {
      this.leafStart[j] = leafChild.length;
      for (let k = childStart[a]!; k < childStart[a + 1]!; k++) leafChild.push(childIndex[k]!);
    });
    this.leafStart[leaves.length] = leafChild.length;
    this.leafChild = Int32Array.from(leafChild);
    this.nLeafEdges = leafChild.length;
    this.leafWeights = new Float64Array(this.nLeafEdges);
    this.edgeWeights = new Float64Array(this.nEdges);
    this.childOffset = new Int32Array(this.nEdges);
    this.padded = (nU + 7) & ~7;
    this.sums = new Float64Array(leaves.length * this.padded);
    this.kernel = useKernel ? leafSumsKernel() : null;
    // Kernel memory: leaf weights at 0, leaf starts, sums, then the tables (each 16-byte aligned).
    const align = (n: number) => (n + 15) & ~15;
    this.startsAt = align(this.nLeafEdges * 8);
    this.sumsAt = align(this.startsAt + (leaves.length + 1) * 4);
    this.heapEnd = align(this.sumsAt + leaves.length * this.padded * 8);
    if (this.kernel !== null) {
      this.reserve(this.heapEnd);
      new Int32Array(this.kernel.memory.buffer, this.startsAt, leaves.length + 1).set(this.leafStart);
    }
    this.fullWeights = new Float64Array(leaves.length);
  }

  /** The table of `values`, built on first use (O(units × edges)). */
  private table(values: Float64Array): Table {
    let t = this.tables.get(values);
    if (t === undefined) {
      const { nUnits: nU, datThresh } = this.model;
      const nL = this.nLeafEdges;
      const cells = new Float64Array(this.padded * nL);
      for (let u = 0; u < nU; u++) {
        const base = (u >> 3) * nL * 8 + (u & 7);
        for (let e = 0; e < nL; e++) {
          const v = values[this.leafChild[e]! * nU + u]!;
          cells[base + e * 8] = v === v ? v : 0;
        }
      }
      const nLeaves = this.leaves.length;
      const partial: Int32Array[] = [];
      const dead: Int32Array[] = [];
      const presentStart: Int32Array[] = [];
      const presentEdges: Int32Array[] = [];
      const presentSet: Int32Array[] = [];
      let maxSets = 0;
      for (let j = 0; j < nLeaves; j++) {
        const partialUnits: number[] = [];
        const deadUnits: number[] = [];
        const starts: number[] = [];
        const edges: number[] = [];
        const setOf: number[] = [];
        const sets = new Map<string, number>();
        const start = this.leafStart[j]!;
        const end = this.leafStart[j + 1]!;
        const nChildren = end - start;
        const thresh = datThresh[this.leaves[j]!]!;
        for (let u = 0; u < nU; u++) {
          let n = 0;
          for (let e = start; e < end; e++) {
            const v = values[this.leafChild[e]! * nU + u]!;
            if (v === v) n++;
          }
          if (n === 0 || n / nChildren < thresh) deadUnits.push(u);
          else if (n < nChildren) {
            partialUnits.push(u);
            const present: number[] = [];
            for (let e = start; e < end; e++) {
              const v = values[this.leafChild[e]! * nU + u]!;
              if (v === v) present.push(e);
            }
            const key = present.join(',');
            let k = sets.get(key);
            if (k === undefined) {
              sets.set(key, (k = sets.size));
              starts.push(edges.length);
              edges.push(...present);
            }
            setOf.push(k);
          }
        }
        starts.push(edges.length);
        maxSets = Math.max(maxSets, sets.size);
        partial.push(Int32Array.from(partialUnits));
        dead.push(Int32Array.from(deadUnits));
        presentStart.push(Int32Array.from(starts));
        presentEdges.push(Int32Array.from(edges));
        presentSet.push(Int32Array.from(setOf));
      }
      let cellsAt = 0;
      if (this.kernel !== null) {
        cellsAt = this.heapEnd;
        this.heapEnd = (cellsAt + cells.length * 8 + 15) & ~15;
        this.reserve(this.heapEnd);
        new Float64Array(this.kernel.memory.buffer, cellsAt, cells.length).set(cells);
      }
      t = { cells, cellsAt, partial, dead, presentStart, presentEdges, presentSet, setWeights: new Float64Array(maxSets) };
      this.tables.set(values, t);
    }
    return t;
  }

  /**
   * Same contract and same results as `aggregateInto(model, weights, values, out, aggregation)` (without the problem
   * list); `values` and `aggregation` must not change between calls (the table of `values` is kept, and which code
   * arrays are all `amean`).
   *
   * @returns the number of cells that could not be aggregated.
   */
  aggregate(weights: Float64Array, values: Float64Array, out: Float64Array, aggregation: Uint8Array): number {
    const model = this.model;
    if (model.missingPolicy !== MISSING_RENORMALISE) return aggregateInto(model, weights, values, out, aggregation);
    if (aggregation !== this.lastMeans) {
      for (let a = 0; a < model.nAggregates; a++) if (aggregation[a] !== AGG_AMEAN) return aggregateInto(model, weights, values, out, aggregation);
      this.lastMeans = aggregation;
    }
    let table = this.lastTable;
    if (values !== this.lastValues || table === null) {
      table = this.table(values);
      this.lastValues = values;
      this.lastTable = table;
    }
    if (this.kernel !== null) this.kernelLeafSums(this.kernel, weights, table.cellsAt, out);
    else this.leafSums(weights, table.cells, out);
    this.finishLeaves(out, table);
    this.innerAggregates(weights, values, out);
    return 0;
  }

  /**
   * Grows the kernel's memory to at least `bytes`; the weight and sum arrays are then views of the new buffer (the
   * old buffer is detached by a growth).
   */
  private reserve(bytes: number): void {
    const memory = this.kernel!.memory;
    const have = memory.buffer.byteLength;
    if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
    this.leafWeights = new Float64Array(memory.buffer, 0, this.nLeafEdges);
    this.sums = new Float64Array(memory.buffer, this.sumsAt, this.leaves.length * this.padded);
  }

  /** `leafSums` with the sums made by the WebAssembly kernel (the same additions), then the whole groups divided. */
  private kernelLeafSums(kernel: LeafSumsKernel, weights: Float64Array, cellsAt: number, out: Float64Array): void {
    const nL = this.nLeafEdges;
    const lw = this.leafWeights;
    const leafChild = this.leafChild;
    for (let e = 0; e < nL; e++) lw[e] = weights[leafChild[e]!]!;
    const { leafStart, leaves, fullWeights: full, sums, padded } = this;
    const nLeaves = leaves.length;
    for (let j = 0; j < nLeaves; j++) {
      let wsum = 0;
      for (let e = leafStart[j]!; e < leafStart[j + 1]!; e++) wsum += lw[e]!;
      full[j] = wsum;
    }
    kernel.sums(cellsAt, 0, this.startsAt, nLeaves, padded >> 3, nL * 64, this.sumsAt, padded * 8);
    const nU = this.model.nUnits;
    const divided = nU & ~7;
    for (let j = 0; j < nLeaves; j++) {
      const f = full[j]!;
      if (!(f > 0)) continue;
      const r = leaves[j]! * nU;
      const o = j * padded;
      for (let u = 0; u < divided; u++) out[r + u] = sums[o + u]! / f;
    }
  }

  /** Raw weighted sums `Σ w · v` (missing as 0) of every leaf-only aggregate and unit, eight units at a time. */
  private leafSums(weights: Float64Array, cells: Float64Array, out: Float64Array): void {
    const nL = this.nLeafEdges;
    const lw = this.leafWeights;
    const leafChild = this.leafChild;
    for (let e = 0; e < nL; e++) lw[e] = weights[leafChild[e]!]!;
    const leafStart = this.leafStart;
    const leaves = this.leaves;
    const nLeaves = leaves.length;
    const nU = this.model.nUnits;
    const full = this.fullWeights;
    for (let j = 0; j < nLeaves; j++) {
      // The weight sum of a unit with every child present: the same additions, in the same order, as aggregateInto's.
      let wsum = 0;
      for (let e = leafStart[j]!; e < leafStart[j + 1]!; e++) wsum += lw[e]!;
      full[j] = wsum;
    }
    const sums = this.sums;
    const padded = this.padded;
    for (let u = 0; u < padded; u += 8) {
      const base = u * nL;
      const whole = u + 8 <= nU;
      for (let j = 0; j < nLeaves; j++) {
        const end = leafStart[j + 1]!;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let s4 = 0;
        let s5 = 0;
        let s6 = 0;
        let s7 = 0;
        for (let e = leafStart[j]!, p = base + e * 8; e < end; e++, p += 8) {
          const w = lw[e]!;
          s0 += w * cells[p]!;
          s1 += w * cells[p + 1]!;
          s2 += w * cells[p + 2]!;
          s3 += w * cells[p + 3]!;
          s4 += w * cells[p + 4]!;
          s5 += w * cells[p + 5]!;
          s6 += w * cells[p + 6]!;
          s7 += w * cells[p + 7]!;
        }
        const o = j * padded + u;
        sums[o] = s0;
        sums[o + 1] = s1;
        sums[o + 2] = s2;
        sums[o + 3] = s3;
        sums[o + 4] = s4;
        sums[o + 5] = s5;
        sums[o + 6] = s6;
        sums[o + 7] = s7;
        // Every unit of a whole group divided by the full weight sum here (finishLeaves redoes the others).
        const f = full[j]!;
        if (whole && f > 0) {
          const r = leaves[j]! * nU + u;
          out[r] = s0 / f;
          out[r + 1] = s1 / f;
          out[r + 2] = s2 / f;
          out[r + 3] = s3 / f;
          out[r + 4] = s4 / f;
          out[r + 5] = s5 / f;
          out[r + 6] = s6 / f;
          out[r + 7] = s7 / f;
        }
      }
    }
  }

  /**
   * The leaf-only aggregates' results: the sum over the weight sum of the present children, or missing. Every unit
   * is first divided by the full weight sum; then the units missing a child are redone with their own weight sum,
   * and those missing whatever the weights (no present child, or fewer than `datThresh` asks) set missing.
   */
  private finishLeaves(out: Float64Array, table: Table): void {
    const nU = this.model.nUnits;
    const { leaves, leafWeights: lw, sums, padded, fullWeights } = this;
    const divided = nU & ~7; // units leafSums divided (whole groups of eight)
    for (let j = 0; j < leaves.length; j++) {
      const full = fullWeights[j]!;
      const offOut = leaves[j]! * nU;
      const offSum = j * padded;
      if (full > 0) for (let u = divided; u < nU; u++) out[offOut + u] = sums[offSum + u]! / full;
      else for (let u = 0; u < nU; u++) out[offOut + u] = NaN;
      const partial = table.partial[j]!;
      const presentStart = table.presentStart[j]!;
      const presentEdges = table.presentEdges[j]!;
      const presentSet = table.presentSet[j]!;
      const setWeights = table.setWeights;
      const nSets = presentStart.length - 1;
      for (let k = 0; k < nSets; k++) {
        let wsum = 0;
        for (let q = presentStart[k]!; q < presentStart[k + 1]!; q++) wsum += lw[presentEdges[q]!]!;
        setWeights[k] = wsum;
      }
      for (let i = 0; i < partial.length; i++) {
        const wsum = setWeights[presentSet[i]!]!;
        const u = partial[i]!;
        out[offOut + u] = !(wsum > 0) ? NaN : sums[offSum + u]! / wsum;
      }
      const dead = table.dead[j]!;
      for (let i = 0; i < dead.length; i++) out[offOut + dead[i]!] = NaN;
    }
  }

  /**
   * The aggregates with an aggregate among their children, in evaluation order, as aggregateInto computes them.
   * When every child is an aggregate: eight units at a time, every child added (eight independent chains of
   * additions, each unit's own in order) and divided by the full weight sum, which is aggregateInto's arithmetic
   * for a unit with every child present; a child missing (NaN) makes that sum NaN (`w · NaN` and `x + NaN` are NaN),
   * and such a unit, like one whose sum is NaN for any other reason, is redone on its own, skipping missing
   * children. The units left over, and aggregates with an indicator among their children, are done one by one.
   */
  private innerAggregates(weights: Float64Array, values: Float64Array, out: Float64Array): void {
    const model = this.model;
    const nU = model.nUnits;
    const nI = model.nIndicators;
    const { childStart, childIndex, datThresh } = model;
    const ew = this.edgeWeights;
    const off = this.childOffset;
    const inner = this.inner;
    const nU8 = nU & ~7;
    for (let i = 0; i < inner.length; i++) {
      const a = inner[i]!;
      const start = childStart[a]!;
      const end = childStart[a + 1]!;
      let full = 0;
      let mixed = false;
      for (let k = start; k < end; k++) {
        const c = childIndex[k]!;
        const w = weights[c]!;
        ew[k] = w;
        full += w;
        off[k] = (c >= nI ? c - nI : c) * nU;
        if (c < nI) mixed = true;
      }
      const offOut = a * nU;
      // Every child present: n / nChildren = 1, below the threshold only if it exceeds 1.
      let u = 0;
      if (!mixed && end > start && full > 0 && !(1 < datThresh[a]!)) {
        for (; u < nU8; u += 8) {
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          let s4 = 0;
          let s5 = 0;
          let s6 = 0;
          let s7 = 0;
          for (let k = start; k < end; k++) {
            const w = ew[k]!;
            const p = off[k]! + u;
            s0 += w * out[p]!;
            s1 += w * out[p + 1]!;
            s2 += w * out[p + 2]!;
            s3 += w * out[p + 3]!;
            s4 += w * out[p + 4]!;
            s5 += w * out[p + 5]!;
            s6 += w * out[p + 6]!;
            s7 += w * out[p + 7]!;
          }
          const o = offOut + u;
          out[o] = s0 / full;
          out[o + 1] = s1 / full;
          out[o + 2] = s2 / full;
          out[o + 3] = s3 / full;
          out[o + 4] = s4 / full;
          out[o + 5] = s5 / full;
          out[o + 6] = s6 / full;
          out[o + 7] = s7 / full;
          if (s0 !== s0 || s1 !== s1 || s2 !== s2 || s3 !== s3 || s4 !== s4 || s5 !== s5 || s6 !== s6 || s7 !== s7) {
            for (let q = u; q < u + 8; q++) if (out[offOut + q]! !== out[offOut + q]!) this.innerUnit(a, q, values, out);
          }
        }
      }
      for (; u < nU; u++) this.innerUnit(a, u, values, out);
    }
  }

  /** One unit of an inner aggregate, exactly as aggregateInto (missing children skipped); edge weights gathered. */
  private innerUnit(a: number, u: number, values: Float64Array, out: Float64Array): void {
    const model = this.model;
    const nI = model.nIndicators;
    const { childStart, childIndex, datThresh } = model;
    const ew = this.edgeWeights;
    const off = this.childOffset;
    const start = childStart[a]!;
    const end = childStart[a + 1]!;
    let sum = 0;
    let wsum = 0;
    let n = 0;
    for (let k = start; k < end; k++) {
      const v = childIndex[k]! >= nI ? out[off[k]! + u]! : values[off[k]! + u]!;
      if (v === v) {
        const w = ew[k]!;
        sum += w * v;
        wsum += w;
        n++;
      }
    }
    out[a * model.nUnits + u] = n === 0 || n / (end - start) < datThresh[a]! || !(wsum > 0) ? NaN : sum / wsum;
  }
}
