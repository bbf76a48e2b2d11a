/**
 * Competition ranks of the top scores of Monte Carlo runs, the same as `rankInto` gives (0 for a missing score, as
 * the tallies count it), found faster by keeping the order of the previous run: runs perturb the same model, so one
 * run's order is nearly the next one's, and an insertion sort from it costs the units plus the pairs that changed
 * places (about one per unit on the national case, against n log n comparisons and a binary search per unit for a
 * fresh sort). When a run moves units far (more shifts than a fresh sort would cost), it falls back to
 * `competitionRanks` and re-sorts its order from them.
 */
import { competitionRanks } from './rank.js';

/** Ranks of successive score arrays of one model; keeps state between calls, so not shared between threads. */
/**
 * Sorts `order[0 … n)` by `keys`, highest first, by insertion from its current order: cheap when the previous run's
 * order is nearly right (about one shift per unit in a Monte Carlo run). Stops once more than `budget` shifts were
 * needed and returns false; `order` is then still a permutation, partly sorted, for the caller's full sort.
 */
export function insertionSortDescending(order: Int32Array, keys: Float64Array, n: number, budget: number): boolean {
  let shifts = 0;
  for (let i = 1; i < n; i++) {
    const x = order[i]!;
    const kx = keys[x]!;
    let j = i - 1;
    while (j >= 0 && keys[order[j]!]! < kx) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = x;
    shifts += i - 1 - j;
    if (shifts > budget) return false;
  }
  return true;
}

export class RunRanker {
  /** Unit indices, best first, missing last (as of the last call). */
  private readonly order: Int32Array;
  /** Sort keys of this call: the score, or −∞ for a missing one. */
  private readonly keys: Float64Array;
  private readonly scratch: Float64Array;
  /** Ranks of a fresh sort (NaN = missing). */
  private readonly fresh: Float64Array;
  /** Shifts allowed before falling back to a fresh sort. */
  private readonly budget: number;

  constructor(private readonly nUnits: number) {
    this.order = Int32Array.from({ length: nUnits }, (_, u) => u);
    this.keys = new Float64Array(nUnits);
    this.scratch = new Float64Array(nUnits);
    this.fresh = new Float64Array(nUnits);
    this.budget = 4 * nUnits * Math.max(1, Math.ceil(Math.log2(nUnits + 1)));
  }

  /**
   * Ranks `values[offset … offset + nUnits)` into `ranks` exactly as `competitionRanks(…, descending = true)`,
   * except that a missing value (NaN) gets rank 0: 1 = highest, ties share the best rank.
   */
  rank(values: Float64Array, offset: number, ranks: Int32Array): void {
    const n = this.nUnits;
    const { order, keys } = this;
    for (let u = 0; u < n; u++) {
      const v = values[offset + u]!;
      keys[u] = v === v ? v : -Infinity;
    }
    if (!insertionSortDescending(order, keys, n, this.budget)) {
      this.fallback(values, offset, ranks);
      return;
    }
    // Walk best first: a unit tied with the previous present one shares its rank, else its rank is 1 + the number
    // of present units before it (all of them higher).
    let present = 0;
    let previous = NaN;
    let previousRank = 0;
    for (let p = 0; p < n; p++) {
      const u = order[p]!;
      const v = values[offset + u]!;
      if (v !== v) {
        ranks[u] = 0;
        continue;
      }
      const r = present > 0 && v === previous ? previousRank : present + 1;
      ranks[u] = r;
      previous = v;
      previousRank = r;
      present++;
    }
  }

  /** A fresh sort (`competitionRanks`), and the order rebuilt from its ranks for the next call. */
  private fallback(values: Float64Array, offset: number, ranks: Int32Array): void {
    const n = this.nUnits;
    const fresh = this.fresh;
    competitionRanks(values, fresh, true, this.scratch, n, offset, 0);
    for (let u = 0; u < n; u++) ranks[u] = fresh[u] === fresh[u] ? fresh[u]! : 0;
    const byRank = Array.from(this.order);
    byRank.sort((a, b) => {
      const ra = fresh[a]!;
      const rb = fresh[b]!;
      return (ra === ra ? ra : Infinity) - (rb === rb ? rb : Infinity) || a - b;
    });
    this.order.set(byRank);
  }
}
