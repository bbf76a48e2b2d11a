import { robustZScore } from './robust-z-score.js';

/** |z| above this flags a value (Iglewicz & Hoaglin's recommendation). */
export const OUTLIER_THRESHOLD = 3.5;
/** Fewer reference values than this say too little about what is usual: no flag. */
export const MIN_REFERENCE_VALUES = 3;

export interface OutlierFlag {
  /** `history`: against the district's own verified values of earlier cycles; `peers`: against the other districts this cycle. */
  kind: 'history' | 'peers';
  /** The robust z-score; null when the reference values have no spread at all (all equal) and the value differs. */
  z: number | null;
  median: number;
  /** How many reference values the score is based on. */
  n: number;
}

export interface OutlierReference {
  /** The district's verified values of the same indicator in earlier cycles. */
  history: readonly number[];
  /** The other districts' current values of the same indicator in this cycle. */
  peers: readonly number[];
}

/**
 * Flags — never blocks — a value that is unusual for the district (its history) or for this cycle (its peers):
 * a robust z-score (see `robustZScore`) with |z| > 3.5 against a reference of at least 3 values. A missing value
 * has no flags.
 *
 * @example outlierFlags(20, { history: [10, 12, 11, 13, 9], peers: [] })
 *   // [{ kind: 'history', z: 6.0705, median: 11, n: 5 }]
 */
export function outlierFlags(value: number | null, reference: OutlierReference): OutlierFlag[] {
  if (value === null || !Number.isFinite(value)) return [];
  const flags: OutlierFlag[] = [];
  for (const kind of ['history', 'peers'] as const) {
    const sample = reference[kind].filter(Number.isFinite);
    if (sample.length < MIN_REFERENCE_VALUES) continue;
    const r = robustZScore(value, sample);
    if (Math.abs(r.z) > OUTLIER_THRESHOLD) flags.push({ kind, z: Number.isFinite(r.z) ? r.z : null, median: r.median, n: sample.length });
  }
  return flags;
}
