import type { DbOrTx } from '../../db/tx.js';
import type { FormulaRecord } from '../formula/index.js';
import { selectRecordsInPeriod } from '../../db/repositories/activities.js';

/**
 * The live (not deleted) records of one unit dated within [start, end] (inclusive ISO dates), grouped by record
 * type. Every requested type is present, with an empty list when it has no records, so formulas read "none" as
 * zero records rather than as a missing input.
 */
export async function loadRecordsForPeriod(
  db: DbOrTx,
  orgUnitId: number,
  typeCodes: readonly string[],
  start: string,
  end: string,
): Promise<Record<string, FormulaRecord[]>> {
  const grouped: Record<string, FormulaRecord[]> = Object.fromEntries(typeCodes.map((c) => [c, []]));
  const rows = await selectRecordsInPeriod(db, orgUnitId, [...typeCodes], start, end);
  for (const r of rows) {
    grouped[r.recordType]?.push({ id: r.id, occurredOn: r.occurredOn, data: (r.data ?? {}) as Record<string, unknown> });
  }
  return grouped;
}
