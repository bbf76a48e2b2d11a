/**
 * Scoring options with every default filled in (COINr's basic pipeline unless asked otherwise). The resolved
 * options are part of the canonical input, so the input hash changes when they do.
 */
import { makeIssue, type EngineIssue } from './engine-error.js';
import { ScoreOptionsSchema, type AggregationName, type MethodName, type MissingPolicy, type ScoreOptions } from './input-schema.js';

/** Outlier treatment settings after defaults. */
export interface TreatSettings {
  /** Maximum number of points to winsorise; `null` = no limit (COINr `winmax = NULL`). */
  readonly winmax: number | null;
  readonly skewThreshold: number;
  readonly kurtosisThreshold: number;
}

/** Options after defaults; `points` and `missing` may still depend on the framework (see {@link finishOptions}). */
export interface ResolvedOptions {
  readonly normalise: MethodName | null;
  readonly defaultNormalise: MethodName;
  readonly aggregate: AggregationName;
  readonly missing: MissingPolicy | null;
  readonly datThresh: number | null;
  readonly denominate: boolean;
  readonly impute: { readonly method: 'mean' | 'median'; readonly group: string | null } | null;
  readonly screen: { readonly minShare: number } | null;
  readonly treat: TreatSettings | null;
  readonly points: boolean | null;
  readonly time: number | null;
  readonly explainTop: number;
}

/** COINr `Treat` defaults. */
export const DEFAULT_TREAT: TreatSettings = { winmax: 5, skewThreshold: 2, kurtosisThreshold: 3.5 };

/**
 * Merges the input's options with overrides (overrides win key by key), checks them against
 * {@link ScoreOptionsSchema} and fills the defaults.
 *
 * @returns resolved options, or `null` with issues pushed when they are invalid.
 */
export function resolveOptions(
  fromInput: ScoreOptions | undefined,
  overrides: ScoreOptions | undefined,
  file: string,
  issues: EngineIssue[],
): ResolvedOptions | null {
  const merged: Record<string, unknown> = { ...(fromInput ?? {}) };
  for (const [k, v] of Object.entries(overrides ?? {})) if (v !== undefined) merged[k] = v;
  const parsed = ScoreOptionsSchema.safeParse(merged);
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const field = ['options', ...zi.path.map((p) => String(p))].join('.');
      issues.push(
        makeIssue('INVALID_OPTION', 'error', `옵션이 올바르지 않습니다: ${zi.message}`, `invalid option: ${zi.message}`, {
          file,
          field,
        }),
      );
    }
    return null;
  }
  const o = parsed.data;
  let treat: TreatSettings | null = null;
  if (o.treat === true) treat = DEFAULT_TREAT;
  else if (o.treat && typeof o.treat === 'object') {
    treat = {
      winmax: o.treat.winmax === undefined ? DEFAULT_TREAT.winmax : o.treat.winmax,
      skewThreshold: o.treat.skewThreshold ?? DEFAULT_TREAT.skewThreshold,
      kurtosisThreshold: o.treat.kurtosisThreshold ?? DEFAULT_TREAT.kurtosisThreshold,
    };
  }
  return {
    normalise: o.normalise ?? null,
    defaultNormalise: o.defaultNormalise ?? 'minmax',
    aggregate: o.aggregate ?? 'amean',
    missing: o.missing ?? null,
    datThresh: o.datThresh ?? null,
    denominate: o.denominate ?? false,
    impute: o.impute ? { method: o.impute.method, group: o.impute.group ?? null } : null,
    screen: o.screen ? { minShare: o.screen.minShare } : null,
    treat,
    points: o.points ?? null,
    time: o.time ?? null,
    explainTop: o.explainTop ?? 3,
  };
}
