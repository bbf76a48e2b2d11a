/**
 * A fast check of an evaluation's shape in front of zod: for the inputs every caller passes (plain objects and
 * arrays of cells that are text, finite numbers or null, as `readCsvInput`, `readJsonInput` and the server build
 * them) it accepts exactly what {@link EvaluationInputSchema} accepts and returns the same data, without zod's copy
 * of every row; for anything else (any invalid value, and the rare shapes whose zod result would differ from the
 * input: a row with a symbol, non-enumerable or `__proto__` key, a row that is not a plain object) it returns null,
 * and the caller runs zod, which gives the result or the error messages.
 *
 * The iMeta and iData arrays and rows are the caller's own objects (not copies): the engine only reads them. iMeta
 * rows keep keys zod would strip; every reader takes iMeta fields by name, so unknown keys are never seen.
 */
import type { z } from 'zod';
import { EvaluationInputSchema, ScoreOptionsSchema, type IMetaRow } from './input-schema.js';

type Parsed = z.infer<typeof EvaluationInputSchema>;

/** The result of {@link parseEvaluationFast}: the parsed input, and each iData row's keys and values. */
export interface FastParsed {
  readonly data: Parsed;
  readonly dataRows: RowCells;
}

/** Each iData row's `Object.keys` and `Object.values` (same order), read once by the shape check. */
export interface RowCells {
  readonly keys: readonly (readonly string[])[];
  readonly values: readonly (readonly unknown[])[];
}

/** A cell zod's `string | number | null` unions accept (its numbers are finite). */
const isCell = (v: unknown): boolean => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/** A cell or absent (an optional field). */
const isOptionalCell = (v: unknown): boolean => v === undefined || isCell(v);

/** A list field: absent, a cell, or an array of finite numbers. */
function isOptionalList(v: unknown): boolean {
  if (v === undefined || isCell(v)) return true;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  }
  return true;
}

/** Every field of {@link IMetaRowSchema} by name (named reads, the same fast way for every row). */
function metaRowOk(row: unknown): boolean {
  if (!isPlain(row)) return false;
  const r = row as Partial<Record<keyof IMetaRow, unknown>>;
  return (
    'iCode' in row &&
    isCell(r.iCode) &&
    isOptionalCell(r.iName) &&
    isOptionalCell(r.Level) &&
    isOptionalCell(r.Parent) &&
    isOptionalCell(r.Weight) &&
    isOptionalCell(r.Direction) &&
    isOptionalCell(r.Type) &&
    isOptionalCell(r.Method) &&
    isOptionalCell(r.Target) &&
    isOptionalCell(r.Cap) &&
    isOptionalCell(r.Floor) &&
    isOptionalCell(r.Lo) &&
    isOptionalCell(r.Hi) &&
    isOptionalList(r.Bands) &&
    isOptionalList(r.BandScores) &&
    isOptionalCell(r.ScaleL) &&
    isOptionalCell(r.ScaleU) &&
    isOptionalCell(r.ZMean) &&
    isOptionalCell(r.ZSD) &&
    isOptionalCell(r.Denominator) &&
    isOptionalCell(r.ScaleFactor) &&
    isOptionalCell(r.Unit)
  );
}

/** The row's keys and values when zod would give back the same row, else null. */
function dataRowCells(row: unknown, keysOut: string[][], valuesOut: unknown[][]): boolean {
  if (!isPlain(row)) return false;
  const keys = Object.keys(row);
  if (Object.getOwnPropertyNames(row).length !== keys.length || Object.getOwnPropertySymbols(row).length !== 0) return false;
  const values = Object.values(row);
  for (let i = 0; i < keys.length; i++) if (keys[i] === '__proto__' || !isCell(values[i])) return false;
  keysOut.push(keys);
  valuesOut.push(values);
  return true;
}

/**
 * The parsed evaluation, as `EvaluationInputSchema.safeParse(raw).data` would give it (same values; the caller's
 * arrays and rows), or null when zod must decide.
 */
export function parseEvaluationFast(raw: unknown): FastParsed | null {
  if (!isPlain(raw)) return null;
  const { iMeta, iData } = raw;
  if (!Array.isArray(iMeta) || !Array.isArray(iData)) return null;
  for (let i = 0; i < iMeta.length; i++) if (!metaRowOk(iMeta[i])) return null;
  const keys: string[][] = [];
  const values: unknown[][] = [];
  for (let i = 0; i < iData.length; i++) if (!dataRowCells(iData[i], keys, values)) return null;
  const data: { -readonly [K in keyof Parsed]: Parsed[K] } = { iMeta: iMeta as Parsed['iMeta'], iData: iData as Parsed['iData'] };
  if ('options' in raw) {
    if (raw['options'] === undefined) data.options = undefined;
    else {
      const options = ScoreOptionsSchema.safeParse(raw['options']);
      if (!options.success) return null;
      data.options = options.data;
    }
  }
  if ('about' in raw) {
    const about = EvaluationInputSchema.shape.about.safeParse(raw['about']);
    if (!about.success) return null;
    data.about = about.data;
  }
  return { data, dataRows: { keys, values } };
}
