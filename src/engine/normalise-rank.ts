import type { MethodParams } from './framework.js';
import type { NormaliseNote } from './normalise-note.js';
import { competitionRanks } from './rank.js';

/**
 * Rank normalisation: the rank of `Direction · x` among present values, lowest = 1, ties sharing the lowest rank, so
 * the best unit gets the highest number (n). COINr: `n_rank(x)` = `rank(x, ties.method = "min", na.last = "keep")`.
 * O(n log n).
 */
export function normaliseRank(x: Float64Array, out: Float64Array, direction: 1 | -1, _params: MethodParams): NormaliseNote {
  const signed = direction === 1 ? x : x.map((v) => -v);
  competitionRanks(signed, out, false);
  return 'ok';
}
