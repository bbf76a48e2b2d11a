import { unitLabel } from '../reference/unit-words.js';
import type { DbOrTx } from '../../db/tx.js';
import { findOrgUnitByCode, latestPopulationUpTo } from '../../db/repositories/org-units.js';
import { DomainError, notFound } from '../errors.js';
import { compileFormulaOrThrow, evaluateFormula, type CompiledFormula, type FormulaContext, type RecordsBehind, type TraceEntry } from '../formula/index.js';
import { loadRecordsForPeriod } from './load.js';
import { listRecordTypes } from './record-types.js';
import { selectPopulation } from '../../db/repositories/activities.js';

export interface IndicatorValueInput {
  formulaText: string;
  orgUnitCode: string;
  /** The unit of `orgUnitCode` when the caller has read it already (it is not read again). */
  orgUnit?: { id: number; code: string; name: string };
  cycleYear: number;
  /** The cycle's data period, inclusive ISO dates (default Sep 1 of the previous year – Aug 31). */
  dataPeriod: { start: string; end: string };
  /** The district's population in the cycle year; looked up in org_unit_populations when not given. */
  population?: number | null;
  /** The directly entered value, for formulas that post-process an entry (`value`). */
  enteredValue?: number | null;
  /**
   * Which year's population a per-capita value reads (the framework's `populationYear`): 'cycle' (default) the
   * cycle's own year only; 'latest_available' the latest year loaded up to it, named in the periods used.
   */
  populationYear?: PopulationYearRule;
}

/** The framework's rule for the year of the population a per-capita value divides by. */
export type PopulationYearRule = 'cycle' | 'latest_available';

export interface PeriodUsed {
  yearsBack: number;
  start: string;
  end: string;
  population: number | null;
  /** The year the population is of, when there is one (earlier than the period's when the latest available was taken). */
  populationYear?: number;
}

export interface IndicatorComputation {
  value: number | null;
  formula: CompiledFormula;
  trace: TraceEntry[];
  records: RecordsBehind[];
  /** The data periods read: the cycle's, then one per year prev()/growth() looked back. */
  periods: PeriodUsed[];
}

/** The same calendar dates `years` earlier (29 February becomes 28 February in a common year). */
export function shiftIsoDate(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The refusal of a per-capita value for a year whose population of the unit is not loaded. */
export function populationMissing(unitName: string, unitCode: string, year: number): DomainError {
  return new DomainError(
    'invalid',
    'population_missing',
    {
      ko: `${unitName}(${unitCode})의 ${year}년 인구가 없습니다 — 인구를 먼저 등록하세요.`,
      en: `No population of ${unitName} (${unitCode}) for ${year} — load the populations first.`,
    },
    [],
    { orgUnitCode: unitCode, year },
  );
}

/**
 * Computes an indicator value for a district and cycle from its activity records: compiles the formula against
 * the record types in the database (DomainError 'invalid' / 'formula_invalid' if it does not check), loads the
 * records of the types it reads for the cycle's data period — and for each earlier year prev()/growth() reach
 * (same dates, one year back each) — with that year's population, and evaluates. A value that reads the
 * population of a year without one is refused (DomainError 'invalid' / 'population_missing', naming unit and year).
 * The caller authorises.
 */
export async function computeIndicatorValue(db: DbOrTx, input: IndicatorValueInput): Promise<IndicatorComputation> {
  const catalogue = await listRecordTypes(db, { includeInactive: true });
  const formula = compileFormulaOrThrow(input.formulaText, { catalogue });
  const unit = input.orgUnit?.code === input.orgUnitCode ? input.orgUnit : await findOrgUnitByCode(db, input.orgUnitCode);
  if (!unit) throw notFound(await unitLabel(db, input.orgUnitCode));

  const periods: PeriodUsed[] = [];
  const contexts: FormulaContext[] = [];
  for (let k = 0; k <= formula.prevDepth; k++) {
    const start = shiftIsoDate(input.dataPeriod.start, k);
    const end = shiftIsoDate(input.dataPeriod.end, k);
    const year = input.cycleYear - k;
    let population: number | null;
    let populationYear: number | undefined;
    if (k === 0 && input.population !== undefined) {
      population = input.population;
      if (population !== null) populationYear = year;
    } else if (input.populationYear === 'latest_available') {
      const latest = await latestPopulationUpTo(db, unit.id, year);
      population = latest?.population ?? null;
      populationYear = latest?.year;
    } else {
      population = await selectPopulation(db, unit.id, year);
      if (population !== null) populationYear = year;
    }
    const records = await loadRecordsForPeriod(db, unit.id, formula.recordTypes, start, end);
    periods.push({ yearsBack: k, start, end, population, ...(populationYear !== undefined ? { populationYear } : {}) });
    contexts.push({
      records,
      population,
      enteredValue: k === 0 ? (input.enteredValue ?? null) : null,
      period: { start, end },
      previous: () => contexts[k + 1] ?? null,
    });
  }
  const result = evaluateFormula(formula, contexts[0]!);
  // A per-capita value needs that year's population: no silent fallback to another year (unless the framework takes
  // the latest available, and then the year used is in the periods), and no quiet null.
  const missing = result.trace.find((t) => (t.fn === 'per100k' || t.fn === 'population') && t.note && periods[t.yearsBack]?.population === null);
  if (missing) throw populationMissing(unit.name, unit.code, input.cycleYear - missing.yearsBack);
  return { value: result.value, formula, trace: result.trace, records: result.records, periods };
}
