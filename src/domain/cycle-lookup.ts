import { findCycleByYear, type CycleRow } from '../db/repositories/cycles.js';
import type { DbOrTx } from '../db/tx.js';
import { notFound } from './errors.js';

/** The cycle of a year, or the 404 problem every workflow answers for a year without one. */
export async function cycleOrThrow(db: DbOrTx, year: number): Promise<CycleRow> {
  const c = await findCycleByYear(db, year);
  if (!c) throw notFound({ ko: `${year}년 평가 주기`, en: `Cycle ${year}` });
  return c;
}
