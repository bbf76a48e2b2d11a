/**
 * The validated framework (the iMeta hierarchy) that every later step works on.
 */
import type { MethodName } from './input-schema.js';

/** Parameters of an indicator's normalisation method, read from iMeta (see README, "Method parameters"). */
export interface MethodParams {
  /** `target`: the value that scores 100 (before Cap). */
  readonly target: number | null;
  /** Upper clip of the normalised value (any method; `target` defaults to 100). */
  readonly cap: number | null;
  /** Lower clip of the normalised value (any method). */
  readonly floor: number | null;
  /** `goalposts` / `yoy` / `passthrough`: raw value scoring 0 (for Direction 1). */
  readonly lo: number | null;
  /** `goalposts` / `yoy` / `passthrough`: raw value scoring 100 (for Direction 1). */
  readonly hi: number | null;
  /** `bands`: ordered thresholds. */
  readonly bands: readonly number[] | null;
  /** `bands`: one score per band (thresholds + 1), lowest raw band first. */
  readonly bandScores: readonly number[] | null;
  /** `minmax`: output interval [ScaleL, ScaleU] (COINr `l_u`, default [0, 100]). */
  readonly scaleL: number;
  readonly scaleU: number;
  /** `zscore`: output mean and standard deviation (COINr `m_sd`, default 0 and 1). */
  readonly zMean: number;
  readonly zSd: number;
}

/** A leaf of the framework. */
export interface IndicatorSpec {
  readonly code: string;
  readonly name: string;
  readonly unit: string | null;
  readonly parent: string;
  /** Weight relative within the parent (points in a points framework). */
  readonly weight: number;
  readonly direction: 1 | -1;
  readonly method: MethodName;
  readonly params: MethodParams;
  /** Column to divide by when denominating, and the COINr ScaleFactor (result = x / (d / ScaleFactor)). */
  readonly denominator: string | null;
  readonly scaleFactor: number;
  /** Position of its iMeta row. */
  readonly metaIndex: number;
}

/** An inner node of the framework; the top node has no parent. */
export interface AggregateSpec {
  readonly code: string;
  readonly name: string;
  readonly level: number;
  readonly parent: string | null;
  /** Weight relative within the parent (NaN for the top node, which has none). */
  readonly weight: number;
  /** Child codes in iMeta order. */
  readonly children: readonly string[];
  readonly metaIndex: number;
}

/** The whole hierarchy. */
export interface Framework {
  /** Indicators in iMeta order. */
  readonly indicators: readonly IndicatorSpec[];
  /** Aggregates in iMeta order. */
  readonly aggregates: readonly AggregateSpec[];
  /** Code of the top node. */
  readonly top: string;
  /** iMeta rows of Type `Group`. */
  readonly groups: readonly string[];
  /** iMeta rows of Type `Denominator`. */
  readonly denominators: readonly string[];
  /** iMeta rows of Type `Other` (columns kept in iData but not scored). */
  readonly others: readonly string[];
}
