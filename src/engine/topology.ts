/**
 * The precompiled shape of a framework that the hot loops need: node numbering, parent pointers, children in CSR
 * form, per-aggregate settings and scratch buffers. Built once by `compile`; reused across thousands of runs.
 *
 * Node numbering: indicators `0 … nIndicators − 1` (iMeta order), then aggregates `nIndicators + a` for
 * `a = 0 … nAggregates − 1` in evaluation order (Level ascending, iMeta order within a level), so children always
 * come before their parent and the top node is the last aggregate.
 */
export interface Topology {
  readonly nUnits: number;
  readonly nIndicators: number;
  readonly nAggregates: number;
  /** nIndicators + nAggregates. */
  readonly nNodes: number;
  /** Parent node index of each node; −1 for the top. */
  readonly parent: Int32Array;
  /** CSR offsets: children of aggregate a are `childIndex[childStart[a] … childStart[a + 1])`. */
  readonly childStart: Int32Array;
  /** Child node indices. */
  readonly childIndex: Int32Array;
  /** Aggregation function per aggregate (`AGG_*` codes). */
  readonly aggregation: Uint8Array;
  /** Missing policy (`MISSING_*` code). */
  readonly missingPolicy: number;
  /** Minimum share of present children per aggregate; NaN = none. */
  readonly datThresh: Float64Array;
  /** Aggregate index of the top node (always nAggregates − 1). */
  readonly top: number;
  /** Work buffers of length nUnits, overwritten by every call. Not shared between threads. */
  readonly scratch: {
    readonly num: Float64Array;
    readonly den: Float64Array;
    readonly cnt: Float64Array;
    readonly bad: Uint8Array;
    readonly rank: Float64Array;
  };
}
