/**
 * Binary searches over an ascending array (first `n` elements). O(log n).
 *
 * @example upperBound([1, 2, 2, 3], 2) // 3 — the number of elements ≤ 2
 */
export function upperBound(sorted: ArrayLike<number>, v: number, n: number = sorted.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The number of elements strictly less than `v`. @example lowerBound([1, 2, 2, 3], 2) // 1 */
export function lowerBound(sorted: ArrayLike<number>, v: number, n: number = sorted.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
