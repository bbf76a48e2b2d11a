import type { MethodParams } from './framework.js';
import { normaliseGoalposts } from './normalise-goalposts.js';
import { normaliseMinmax } from './normalise-minmax.js';
import type { NormaliseNote } from './normalise-note.js';

/**
 * Year-on-year growth scoring. The column already holds growth in percent against the previous Time (see
 * `yearOnYearGrowth`, applied right after denomination); it is scored with goalposts when Lo and Hi (growth %) are
 * given, else min–max onto [ScaleL, ScaleU]. Direction respected by either. O(n).
 */
export function normaliseYoy(x: Float64Array, out: Float64Array, direction: 1 | -1, params: MethodParams): NormaliseNote {
  return params.lo !== null && params.hi !== null ? normaliseGoalposts(x, out, direction, params) : normaliseMinmax(x, out, direction, params);
}
