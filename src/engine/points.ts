/**
 * Points frameworks (배점): leaf Weights are points totalling 100. Aggregate weights are then the sums of their
 * leaves' points, so the weighted arithmetic mean at every level makes the top score equal the sum of earned points,
 * `Σ points_i · normalised_i / 100` (when nothing is missing or missing earns zero).
 */
import type { Framework } from './framework.js';

/** Outcome of {@link detectPoints}. */
export interface PointsDetection {
  /** Whether the framework is scored in points. */
  readonly points: boolean;
  /** Sum of leaf weights. */
  readonly total: number;
  /** Sum of leaf points below each aggregate. */
  readonly leafPoints: ReadonlyMap<string, number>;
  /** Non-top aggregates whose iMeta Weight differs from their leaf points. */
  readonly mismatched: readonly string[];
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Decides whether to score in points: as asked (`true`/`false`), or, when not asked (`null`), when the leaf weights
 * total 100 and every non-top aggregate's Weight equals its leaves' points. O(nodes).
 */
export function detectPoints(framework: Framework, requested: boolean | null): PointsDetection {
  const parentOf = new Map<string, string | null>();
  for (const a of framework.aggregates) parentOf.set(a.code, a.parent);
  const leafPoints = new Map<string, number>();
  for (const a of framework.aggregates) leafPoints.set(a.code, 0);
  let total = 0;
  for (const ind of framework.indicators) {
    total += ind.weight;
    let p: string | null = ind.parent;
    while (p !== null && p !== undefined) {
      leafPoints.set(p, (leafPoints.get(p) ?? 0) + ind.weight);
      p = parentOf.get(p) ?? null;
    }
  }
  const mismatched = framework.aggregates.filter((a) => a.parent !== null && !close(a.weight, leafPoints.get(a.code) ?? 0)).map((a) => a.code);
  const points = requested ?? (close(total, 100) && mismatched.length === 0);
  return { points, total, leafPoints, mismatched };
}

/**
 * Points earned on one indicator: `normalised / 100 · points`; a missing value earns 0.
 *
 * @example earnedPoints(75, 8) // 6
 */
export function earnedPoints(normalised: number, points: number): number {
  return normalised === normalised ? (normalised * points) / 100 : 0;
}
