import { and, asc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { activityRecords, orgUnits, recordTypes } from '../../db/schema.js';
import type { DbOrTx } from '../../db/tx.js';
import type { RecordData } from '../activities/record-data.js';

/** A live record as files show it: with its district and the bookkeeping a re-import needs (ID, version). */
export interface PeriodRecord {
  id: number;
  orgUnitCode: string;
  orgUnitName: string;
  orgUnitNameEn: string;
  recordType: string;
  occurredOn: string;
  data: RecordData;
  version: number;
  importId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PeriodQuery {
  recordType: string;
  start: string;
  end: string;
  /** One district; all when absent. */
  orgUnitId?: number;
  batchSize?: number;
}

/**
 * The live records of one type dated within [start, end], in district order then date, read in keyset batches so
 * a city-wide export never holds more than one batch of rows from the database at a time.
 */
export async function* periodRecordBatches(db: DbOrTx, q: PeriodQuery): AsyncGenerator<PeriodRecord[]> {
  const size = q.batchSize ?? 5000;
  let after: { sortOrder: number; code: string; occurredOn: string; id: number } | null = null;
  for (;;) {
    const where: (SQL | undefined)[] = [
      eq(recordTypes.code, q.recordType),
      isNull(activityRecords.deletedAt),
      gte(activityRecords.occurredOn, q.start),
      lte(activityRecords.occurredOn, q.end),
      q.orgUnitId === undefined ? undefined : eq(activityRecords.orgUnitId, q.orgUnitId),
      after
        ? sql`(${orgUnits.sortOrder}, ${orgUnits.code}, ${activityRecords.occurredOn}, ${activityRecords.id}) > (${after.sortOrder}::int, ${after.code}::text, ${after.occurredOn}::date, ${after.id}::bigint)`
        : undefined,
    ];
    const rows = await db
      .select({
        id: activityRecords.id,
        sortOrder: orgUnits.sortOrder,
        orgUnitCode: orgUnits.code,
        orgUnitName: orgUnits.name,
        orgUnitNameEn: orgUnits.nameEn,
        recordType: recordTypes.code,
        occurredOn: activityRecords.occurredOn,
        data: activityRecords.data,
        version: activityRecords.version,
        importId: activityRecords.importId,
        createdAt: activityRecords.createdAt,
        updatedAt: activityRecords.updatedAt,
      })
      .from(activityRecords)
      .innerJoin(orgUnits, eq(orgUnits.id, activityRecords.orgUnitId))
      .innerJoin(recordTypes, eq(recordTypes.id, activityRecords.recordTypeId))
      .where(and(...where))
      .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code), asc(activityRecords.occurredOn), asc(activityRecords.id))
      .limit(size);
    if (rows.length === 0) return;
    yield rows.map(({ sortOrder: _, ...r }) => ({ ...r, data: (r.data ?? {}) as RecordData }));
    if (rows.length < size) return;
    const last = rows[rows.length - 1]!;
    after = { sortOrder: last.sortOrder, code: last.orgUnitCode, occurredOn: last.occurredOn, id: last.id };
  }
}

/** All of them at once (a district's template or import check: bounded by one district and one year). */
export async function periodRecords(db: DbOrTx, q: PeriodQuery): Promise<PeriodRecord[]> {
  const out: PeriodRecord[] = [];
  for await (const batch of periodRecordBatches(db, q)) out.push(...batch);
  return out;
}

/** Live records by ID (any district: the caller checks they belong to the district being imported). */
export async function liveRecordsByIds(db: DbOrTx, ids: readonly number[]): Promise<Map<number, { id: number; orgUnitId: number; recordType: string; occurredOn: string; data: RecordData; version: number }>> {
  const out = new Map<number, { id: number; orgUnitId: number; recordType: string; occurredOn: string; data: RecordData; version: number }>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .select({
        id: activityRecords.id,
        orgUnitId: activityRecords.orgUnitId,
        recordType: recordTypes.code,
        occurredOn: activityRecords.occurredOn,
        data: activityRecords.data,
        version: activityRecords.version,
      })
      .from(activityRecords)
      .innerJoin(recordTypes, eq(recordTypes.id, activityRecords.recordTypeId))
      .where(and(inArray(activityRecords.id, ids.slice(i, i + 1000)), isNull(activityRecords.deletedAt)));
    for (const r of rows) out.set(r.id, { ...r, data: (r.data ?? {}) as RecordData });
  }
  return out;
}
