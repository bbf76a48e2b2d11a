/**
 * What a normalisation method reports besides its values: `ok`; `zero-range` (all present values equal, or fewer
 * than two for a method that compares units: the column becomes missing, as COINr's NaN); `out-of-scale` (some
 * values fall outside 0–100 for a method that assumes that scale).
 */
export type NormaliseNote = 'ok' | 'zero-range' | 'out-of-scale';

/** Signature shared by the per-method normalisers: raw column in, normalised column out (NaN = missing). */
export type ColumnNormaliser = (x: Float64Array, out: Float64Array, direction: 1 | -1, params: import('./framework.js').MethodParams) => NormaliseNote;
