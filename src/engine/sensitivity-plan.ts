/**
 * Everything a sensitivity analysis computes once before its runs: the nominal scores and ranks, each alternative
 * normalisation (with `normaliseInto`), a positive copy of it for geometric and harmonic runs, the aggregation
 * codes of each alternative, and the award set-up. Built from a compiled model and resolved options, so every
 * worker thread builds the same plan from the same data.
 */
import { AGG_AMEAN, AGG_GMEAN, AGG_HMEAN, aggregateInto, MISSING_ZERO } from './aggregate.js';
import { assignAwards, AwardConfigSchema, type AwardConfig, type AwardUnit } from './awards.js';
import type { Bilingual } from './award-text.js';
import { normaliseInto, type CompiledModel } from './compile.js';
import { EngineInputError, makeIssue } from './engine-error.js';
import { rankInto } from './rank.js';
import type { ResolvedSensitivityOptions } from './sensitivity-options.js';

/** One aggregation alternative. */
export interface AggregationChoice {
  /** Aggregation code per aggregate (`AGG_*`). */
  readonly codes: Uint8Array;
  /** Whether some aggregate takes a geometric or harmonic mean, which needs positive values. */
  readonly needsPositive: boolean;
}

/** An award tier as reported. */
export interface SensitivityTier {
  readonly code: string;
  readonly name: Bilingual;
}

/** The award step of every run. */
export interface AwardPlan {
  readonly config: AwardConfig;
  readonly tiers: readonly SensitivityTier[];
  readonly tierIndex: ReadonlyMap<string, number>;
  readonly unitIndex: ReadonlyMap<string, number>;
  readonly previousRanks: readonly (number | null)[];
  readonly groups: readonly (Record<string, string | null> | undefined)[];
  /** Non-stackable tier of each unit with the nominal scores. */
  readonly nominalTiers: readonly (string | null)[];
}

export interface SensitivityPlan {
  readonly model: CompiledModel;
  readonly options: ResolvedSensitivityOptions;
  /** Indicator-major normalised values per normalisation alternative. */
  readonly normalised: readonly Float64Array[];
  /** The same, shifted to positive values where needed (see {@link positiveCopy}); null when no run needs them. */
  readonly positive: readonly Float64Array[] | null;
  readonly aggregations: readonly AggregationChoice[];
  /** Top score and rank of each unit with the nominal weights, normalisation and aggregation (NaN = none). */
  readonly nominalScores: Float64Array;
  readonly nominalRanks: Float64Array;
  readonly awards: AwardPlan | null;
}

const AGG_CODES = { amean: AGG_AMEAN, gmean: AGG_GMEAN, hmean: AGG_HMEAN } as const;

/**
 * A copy of `x` shifted so that every value is positive, for geometric and harmonic means: when the smallest
 * present value m is ≤ 0, every value becomes `x + (1 − m)` (so the smallest is 1; e.g. min–max [0, 100] becomes
 * [1, 101], close to COINr's advice of normalising onto [1, 100] before `a_gmean`); otherwise `x` itself. One
 * shift for all indicators keeps their scales comparable.
 *
 * @param missingAsZero under the `zero` missing policy a missing value counts as 0: it then takes part in m and
 *   is written as the shifted 0 (`1 − m`), so it stays the lowest score instead of making the mean fail.
 */
export function positiveCopy(x: Float64Array, missingAsZero = false): Float64Array {
  let m = Infinity;
  let missing = false;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v < m) m = v;
    else if (v !== v) missing = true;
  }
  const zeroFill = missingAsZero && missing;
  if (zeroFill && m > 0) m = 0;
  if (!(m <= 0)) return x;
  const shift = 1 - m;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    out[i] = v === v ? v + shift : zeroFill ? shift : NaN;
  }
  return out;
}

function awardPlan(model: CompiledModel, options: ResolvedSensitivityOptions, nominalScores: Float64Array): AwardPlan | null {
  const awards = options.awards;
  if (awards === null) return null;
  const parsed = AwardConfigSchema.safeParse(awards.config);
  const groupsOf = (u: number): Record<string, string | null> | undefined => {
    if (model.unitGroups.size === 0) return undefined;
    const g: Record<string, string | null> = {};
    for (const [column, values] of model.unitGroups) g[column] = values[u] ?? null;
    return g;
  };
  const previous = awards.previousRanks ?? {};
  const previousRanks = model.unitCodes.map((c) => previous[c] ?? null);
  const groups = model.unitCodes.map((_, u) => groupsOf(u));
  const units: AwardUnit[] = model.unitCodes.map((uCode, u) => ({
    uCode,
    score: nominalScores[u]! === nominalScores[u]! ? nominalScores[u]! : null,
    previousRank: previousRanks[u]!,
    ...(groups[u] ? { groups: groups[u] } : {}),
  }));
  let nominal;
  try {
    nominal = assignAwards(units, awards.config);
  } catch (e) {
    if (!(e instanceof EngineInputError)) throw e;
    throw new EngineInputError(
      e.issues.map((i) =>
        makeIssue('INVALID_OPTION', 'error', `sensitivity: ${i.message.ko}`, `sensitivity: ${i.message.en}`, {
          field: `awards.${i.location.field}`,
        }),
      ),
    );
  }
  if (!parsed.success) throw new Error('unreachable: assignAwards accepted the award configuration');
  const config = parsed.data;
  const byCode = new Map(nominal.units.map((x) => [x.uCode, x.tier]));
  return {
    config,
    tiers: config.tiers.map((t) => ({ code: t.code, name: t.name })),
    tierIndex: new Map(config.tiers.map((t, i) => [t.code, i])),
    unitIndex: new Map(model.unitCodes.map((c, u) => [c, u])),
    previousRanks,
    groups,
    nominalTiers: model.unitCodes.map((c) => byCode.get(c) ?? null),
  };
}

/**
 * Builds the plan of a sensitivity analysis. O(alternatives × units × indicators) plus one award assignment.
 *
 * @throws {EngineInputError} `INVALID_OPTION` when the award configuration is invalid (field `awards.…`).
 */
export function planSensitivity(model: CompiledModel, options: ResolvedSensitivityOptions): SensitivityPlan {
  const normalised = options.normalisations.map((method) => {
    if (method === 'nominal') return model.normalised;
    const out = new Float64Array(model.normalised.length);
    normaliseInto(model, out, method);
    return out;
  });
  const aggregations = options.aggregations.map((name): AggregationChoice => {
    const codes = name === 'nominal' ? model.aggregation : new Uint8Array(model.nAggregates).fill(AGG_CODES[name]);
    return { codes, needsPositive: codes.some((c) => c !== AGG_AMEAN) };
  });
  const missingAsZero = model.missingPolicy === MISSING_ZERO;
  const positive = aggregations.some((a) => a.needsPositive) ? normalised.map((x) => positiveCopy(x, missingAsZero)) : null;

  const out = new Float64Array(model.nAggregates * model.nUnits);
  aggregateInto(model, model.weights, model.normalised, out);
  const nominalRanks = new Float64Array(model.nUnits);
  rankInto(model, out, nominalRanks);
  const nominalScores = out.slice(model.top * model.nUnits, (model.top + 1) * model.nUnits);

  return {
    model,
    options,
    normalised,
    positive,
    aggregations,
    nominalScores,
    nominalRanks,
    awards: awardPlan(model, options, nominalScores),
  };
}
