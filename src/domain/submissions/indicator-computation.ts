import type { CycleRow } from '../../db/repositories/cycles.js';
import type { SubmissionRow } from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import { computeIndicatorValue, type PeriodUsed, type PopulationYearRule } from '../activities/index.js';
import { DomainError, type Message } from '../errors.js';
import type { Indicator } from '../frameworks/definition.js';
import type { RecordsBehind, TraceEntry } from '../formula/index.js';

/** A formula indicator's value as computed from the district's activity records, with how it was obtained. */
export interface IndicatorComputation {
  value: number | null;
  formula: string;
  trace: TraceEntry[];
  /** The activity records behind the value, per period and record type. */
  records: RecordsBehind[];
  periods: PeriodUsed[];
  /** When it was computed (ISO); null for values stored without this record, e.g. imported ones. */
  computedAt: string | null;
  /** Why there is no value, when the formula itself cannot be evaluated (e.g. it reads an unknown record type). */
  error?: Message;
}

/**
 * Computes a formula indicator for a district over the cycle's data period (and the district's population of the
 * cycle year). A formula that does not check against the record types gives a computation with `error` rather than
 * a failure, so the district sees why and can enter an override. Null for direct-entry indicators.
 */
export async function computeIndicator(
  db: DbOrTx,
  cycle: CycleRow,
  orgUnit: { id: number; code: string; name: string },
  indicator: Indicator,
  now = new Date(),
  populationYear: PopulationYearRule = 'cycle',
): Promise<IndicatorComputation | null> {
  if (!indicator.formula) return null;
  const computedAt = now.toISOString();
  try {
    const c = await computeIndicatorValue(db, {
      formulaText: indicator.formula,
      orgUnitCode: orgUnit.code,
      orgUnit,
      cycleYear: cycle.year,
      dataPeriod: { start: cycle.dataPeriodStart, end: cycle.dataPeriodEnd },
      populationYear,
    });
    return { value: c.value, formula: c.formula.text, trace: c.trace, records: c.records, periods: c.periods, computedAt };
  } catch (err) {
    if (!(err instanceof DomainError) || err.kind !== 'invalid') throw err;
    return { value: null, formula: indicator.formula, trace: [], records: [], periods: [], computedAt, error: err.msg };
  }
}

/**
 * The computation stored with a row, in the shape above; rows written by other paths (imports, the demo loader)
 * keep only part of it, so what is missing is filled in from the row and the indicator.
 */
export function storedComputation(indicator: Indicator, row: SubmissionRow | null): IndicatorComputation | null {
  if (!row || !indicator.formula) return null;
  const c = (row.computation ?? {}) as Partial<IndicatorComputation>;
  return {
    value: typeof c.value === 'number' ? c.value : row.computedValue,
    formula: typeof c.formula === 'string' ? c.formula : indicator.formula,
    trace: Array.isArray(c.trace) ? c.trace : [],
    records: Array.isArray(c.records) ? c.records : [],
    periods: Array.isArray(c.periods) ? c.periods : [],
    computedAt: typeof c.computedAt === 'string' ? c.computedAt : null,
    ...(c.error ? { error: c.error } : {}),
  };
}
