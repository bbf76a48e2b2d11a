/**
 * Version of the scoring engine. Every scoring run stores it next to the input hash, so that a published figure can
 * be recomputed with the same engine. Bump it whenever a formula, a default or the output format changes.
 */
export const ENGINE_VERSION = '0.1.0';
