/**
 * The JSON shapes of the engine's input: the single source of truth. Types are derived from these schemas
 * (`z.input` / `z.infer`), never written twice. CSV input is read into the same shapes (cells as text), so both
 * paths share one validation.
 *
 * Numeric iMeta fields accept a number or its decimal text (CSV cells are text); `null`, `""` and `"NA"` mean
 * missing.
 */
import { z } from 'zod';

/** A cell that should hold a number: a JSON number, or decimal text, or missing. */
const NumberCell = z.union([z.number(), z.string(), z.null()]);
/** A cell that holds text (codes, names); a JSON number is accepted and read as its decimal text. */
const TextCell = z.union([z.string(), z.number(), z.null()]);
/** A list of numbers: a JSON array or text such as `"5;10;20"`. */
const NumberListCell = z.union([z.array(z.number()), z.string(), z.number(), z.null()]);

/** Normalisation methods, per indicator (iMeta `Method`) or as a default / override. */
export const MethodNameSchema = z.enum(['minmax', 'zscore', 'rank', 'percentile', 'target', 'goalposts', 'bands', 'yoy', 'passthrough']);

/** Aggregation functions (COINr `a_amean`, `a_gmean`, `a_hmean`). */
export const AggregationNameSchema = z.enum(['amean', 'gmean', 'hmean']);

/** What to do with a missing child value when aggregating. */
export const MissingPolicySchema = z.enum(['renormalise', 'zero', 'error']);

/**
 * One iMeta row: a node of the framework (indicator or aggregate) or a data column of another kind
 * (`Group`, `Denominator`, `Other`). Columns follow COINr's iMeta, plus optional method parameters.
 */
export const IMetaRowSchema = z.object({
  iCode: TextCell,
  iName: TextCell.optional(),
  Level: NumberCell.optional(),
  Parent: TextCell.optional(),
  Weight: NumberCell.optional(),
  Direction: NumberCell.optional(),
  Type: TextCell.optional(),
  Method: TextCell.optional(),
  Target: NumberCell.optional(),
  Cap: NumberCell.optional(),
  Floor: NumberCell.optional(),
  Lo: NumberCell.optional(),
  Hi: NumberCell.optional(),
  Bands: NumberListCell.optional(),
  BandScores: NumberListCell.optional(),
  ScaleL: NumberCell.optional(),
  ScaleU: NumberCell.optional(),
  ZMean: NumberCell.optional(),
  ZSD: NumberCell.optional(),
  Denominator: TextCell.optional(),
  ScaleFactor: NumberCell.optional(),
  Unit: TextCell.optional(),
});

/** One iData row: `uCode`, `uName`, optional `Time`, group columns, one column per indicator / denominator. */
export const IDataRowSchema = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));

/** Outlier treatment settings (COINr `Treat` defaults: winmax 5, |skew| 2, kurtosis 3.5). */
export const TreatOptionsSchema = z.strictObject({
  winmax: z.number().int().min(0).nullable().optional(),
  skewThreshold: z.number().positive().optional(),
  kurtosisThreshold: z.number().optional(),
});

/** Scoring options; every field is optional and has a COINr-basic default. */
export const ScoreOptionsSchema = z.strictObject({
  /** Override: normalise every indicator with this method, whatever its iMeta `Method`. */
  normalise: MethodNameSchema.optional(),
  /** Method for indicators whose iMeta `Method` is empty (default `minmax`). */
  defaultNormalise: MethodNameSchema.optional(),
  aggregate: AggregationNameSchema.optional(),
  missing: MissingPolicySchema.optional(),
  /** Minimum share (0..1) of present children below which an aggregate is missing (COINr `dat_thresh`). */
  datThresh: z.number().min(0).max(1).nullable().optional(),
  /** Divide indicators by their iMeta `Denominator` column (COINr `Denominate`). */
  denominate: z.boolean().optional(),
  /** Impute missing values by the column mean or median, optionally within a group column (COINr `Impute`). */
  impute: z
    .strictObject({ method: z.enum(['mean', 'median']), group: z.string().min(1).nullable().optional() })
    .nullable()
    .optional(),
  /** Remove units whose share of present indicator values is below `minShare` (COINr `Screen`, "byNA"). */
  screen: z
    .strictObject({ minShare: z.number().min(0).max(1) })
    .nullable()
    .optional(),
  /** Treat outliers (COINr `Treat`): `true` for the defaults, or settings. */
  treat: z.union([z.boolean(), TreatOptionsSchema, z.null()]).optional(),
  /** Points framework (배점): `true`, `false`, or absent to detect (leaf weights totalling 100). */
  points: z.boolean().nullable().optional(),
  /** Time (year) to score when iData holds several; default the latest. */
  time: z.number().nullable().optional(),
  /** How many gains and losses the explanation names (default 3). */
  explainTop: z.number().int().min(1).max(50).optional(),
});

/** A whole evaluation: `{"iMeta":[…], "iData":[…], "options":{…}}`; `about` holds free labels (title, notes). */
export const EvaluationInputSchema = z.object({
  iMeta: z.array(IMetaRowSchema),
  iData: z.array(IDataRowSchema),
  options: ScoreOptionsSchema.optional(),
  about: z.record(z.string(), z.unknown()).optional(),
});

export type MethodName = z.infer<typeof MethodNameSchema>;
export type AggregationName = z.infer<typeof AggregationNameSchema>;
export type MissingPolicy = z.infer<typeof MissingPolicySchema>;
export type IMetaRow = z.input<typeof IMetaRowSchema>;
export type IDataRow = z.input<typeof IDataRowSchema>;
export type ScoreOptions = z.input<typeof ScoreOptionsSchema>;
export type EvaluationInput = z.input<typeof EvaluationInputSchema>;
