import { findCycleByYear, type CycleRow } from '../db/repositories/cycles.js';
import type { DbOrTx } from '../db/tx.js';
import { notFound, type DomainError } from './errors.js';

/** The 404 problem every workflow answers for a year without a cycle. */
export const cycleNotFound = (year: number): DomainError => notFound({ ko: `${year}년 평가 주기`, en: `Cycle ${year}` });

/** The cycle of a year, or the 404 problem every workflow answers for a year without one. */
export async function cycleOrThrow(db: DbOrTx, year: number): Promise<CycleRow> {
  const c = await findCycleByYear(db, year);
  if (!c) throw cycleNotFound(year);
  return c;
}
