import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { activityRecords, orgUnitPopulations, orgUnits, recordTypes } from '../schema.js';
import type { DbOrTx } from '../tx.js';

/**
 * The SQL of the activity registries (record types and activity records). Every function accepts a database or a
 * transaction; the services hold the rules, the audit and the transaction boundaries.
 */
export type RecordTypeRow = typeof recordTypes.$inferSelect;

export async function selectRecordTypes(db: DbOrTx, includeInactive: boolean): Promise<RecordTypeRow[]> {
  return db
    .select()
    .from(recordTypes)
    .where(includeInactive ? undefined : eq(recordTypes.active, true))
    .orderBy(asc(recordTypes.sortOrder), asc(recordTypes.code));
}

export async function selectRecordTypeByCode(db: DbOrTx, code: string): Promise<RecordTypeRow | null> {
  const [row] = await db.select().from(recordTypes).where(eq(recordTypes.code, code)).limit(1);
  return row ?? null;
}

/** Every record type's id by its code. */
export async function recordTypeIdsByCode(db: DbOrTx): Promise<Map<string, number>> {
  return new Map((await db.select({ id: recordTypes.id, code: recordTypes.code }).from(recordTypes)).map((t) => [t.code, t.id]));
}

export interface RecordTypeValues {
  code: string;
  nameKo: string;
  nameEn: string;
  builtin: boolean;
  fields: unknown;
  sortOrder: number;
}

/** Inserts a record type; null when the code is taken. */
export async function insertRecordType(db: DbOrTx, values: RecordTypeValues): Promise<RecordTypeRow | null> {
  const [row] = await db.insert(recordTypes).values(values).onConflictDoNothing({ target: recordTypes.code }).returning();
  return row ?? null;
}

/** Updates a record type if its version still matches; null otherwise. */
export async function updateRecordTypeRow(
  db: DbOrTx,
  id: number,
  version: number,
  set: Partial<Pick<RecordTypeRow, 'nameKo' | 'nameEn' | 'fields' | 'active' | 'sortOrder'>>,
): Promise<RecordTypeRow | null> {
  const [row] = await db
    .update(recordTypes)
    .set({ ...set, version: sql`${recordTypes.version} + 1` })
    .where(and(eq(recordTypes.id, id), eq(recordTypes.version, version)))
    .returning();
  return row ?? null;
}

/** How many live records of a type hold a value for each of the given field keys. */
export async function countRecordsWithFields(db: DbOrTx, recordTypeId: number, keys: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const key of keys) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(activityRecords)
      .where(and(eq(activityRecords.recordTypeId, recordTypeId), isNull(activityRecords.deletedAt), sql`${activityRecords.data} -> ${key} IS NOT NULL`));
    out.set(key, Number(row?.n ?? 0));
  }
  return out;
}

export async function countLiveRecords(db: DbOrTx, recordTypeId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(activityRecords)
    .where(and(eq(activityRecords.recordTypeId, recordTypeId), isNull(activityRecords.deletedAt)));
  return Number(row?.n ?? 0);
}

/** An activity record with its district's and type's codes. */
export interface RecordRow {
  id: number;
  orgUnitId: number;
  orgUnitCode: string;
  recordTypeId: number;
  recordType: string;
  occurredOn: string;
  data: unknown;
  importId: number | null;
  createdBy: number | null;
  updatedBy: number | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  version: number;
}

const recordColumns = {
  id: activityRecords.id,
  orgUnitId: activityRecords.orgUnitId,
  orgUnitCode: orgUnits.code,
  recordTypeId: activityRecords.recordTypeId,
  recordType: recordTypes.code,
  occurredOn: activityRecords.occurredOn,
  data: activityRecords.data,
  importId: activityRecords.importId,
  createdBy: activityRecords.createdBy,
  updatedBy: activityRecords.updatedBy,
  createdAt: activityRecords.createdAt,
  updatedAt: activityRecords.updatedAt,
  deletedAt: activityRecords.deletedAt,
  version: activityRecords.version,
};

function selectRecords(db: DbOrTx) {
  return db
    .select(recordColumns)
    .from(activityRecords)
    .innerJoin(orgUnits, eq(orgUnits.id, activityRecords.orgUnitId))
    .innerJoin(recordTypes, eq(recordTypes.id, activityRecords.recordTypeId));
}

export async function selectRecordById(db: DbOrTx, id: number): Promise<RecordRow | null> {
  const [row] = await selectRecords(db).where(eq(activityRecords.id, id)).limit(1);
  return row ?? null;
}

export interface NewRecordValues {
  orgUnitId: number;
  recordTypeId: number;
  occurredOn: string;
  data: unknown;
  importId?: number | null;
  createdBy: number | null;
}

export type NewActivityRecordRow = typeof activityRecords.$inferInsert;

/** Inserts activity records as they are, in one statement (the demo loads its records in batches). */
export async function insertRecordRows(db: DbOrTx, rows: NewActivityRecordRow[]): Promise<void> {
  await db.insert(activityRecords).values(rows);
}

export async function insertRecord(db: DbOrTx, values: NewRecordValues): Promise<number> {
  const [row] = await db
    .insert(activityRecords)
    .values({ ...values, updatedBy: values.createdBy })
    .returning({ id: activityRecords.id });
  if (!row) throw new Error('insert of an activity record returned nothing');
  return row.id;
}

/** Changes a live record if its version still matches; false otherwise (stale, deleted or gone). */
export async function updateRecordRow(
  db: DbOrTx,
  id: number,
  version: number,
  set: { occurredOn?: string; data?: unknown; deletedAt?: Date; updatedBy: number | null },
): Promise<boolean> {
  const rows = await db
    .update(activityRecords)
    .set({ ...set, updatedAt: new Date(), version: sql`${activityRecords.version} + 1` })
    .where(and(eq(activityRecords.id, id), eq(activityRecords.version, version), isNull(activityRecords.deletedAt)))
    .returning({ id: activityRecords.id });
  return rows.length > 0;
}

export interface RecordQuery {
  orgUnitCodes?: string[];
  recordType?: string;
  from?: string;
  to?: string;
  /** Keyset: rows strictly after this (occurredOn desc, id desc) position. */
  after?: { occurredOn: string; id: number };
  limit: number;
}

/** Live records, newest first (occurred_on desc, id desc). */
export async function selectRecordPage(db: DbOrTx, q: RecordQuery): Promise<RecordRow[]> {
  const where: (SQL | undefined)[] = [isNull(activityRecords.deletedAt)];
  if (q.orgUnitCodes) where.push(inArray(orgUnits.code, q.orgUnitCodes));
  if (q.recordType) where.push(eq(recordTypes.code, q.recordType));
  if (q.from) where.push(gte(activityRecords.occurredOn, q.from));
  if (q.to) where.push(lte(activityRecords.occurredOn, q.to));
  if (q.after) {
    where.push(sql`(${activityRecords.occurredOn}, ${activityRecords.id}) < (${q.after.occurredOn}::date, ${q.after.id}::bigint)`);
  }
  return selectRecords(db)
    .where(and(...where))
    .orderBy(desc(activityRecords.occurredOn), desc(activityRecords.id))
    .limit(q.limit);
}

/** Live records of one unit and the given types dated within [start, end], oldest first. */
export async function selectRecordsInPeriod(
  db: DbOrTx,
  orgUnitId: number,
  typeCodes: string[],
  start: string,
  end: string,
): Promise<{ id: number; recordType: string; occurredOn: string; data: unknown }[]> {
  if (typeCodes.length === 0) return [];
  return db
    .select({ id: activityRecords.id, recordType: recordTypes.code, occurredOn: activityRecords.occurredOn, data: activityRecords.data })
    .from(activityRecords)
    .innerJoin(recordTypes, eq(recordTypes.id, activityRecords.recordTypeId))
    .where(
      and(
        eq(activityRecords.orgUnitId, orgUnitId),
        inArray(recordTypes.code, typeCodes),
        isNull(activityRecords.deletedAt),
        gte(activityRecords.occurredOn, start),
        lte(activityRecords.occurredOn, end),
      ),
    )
    .orderBy(asc(activityRecords.occurredOn), asc(activityRecords.id));
}

export async function selectPopulation(db: DbOrTx, orgUnitId: number, year: number): Promise<number | null> {
  const [row] = await db
    .select({ population: orgUnitPopulations.population })
    .from(orgUnitPopulations)
    .where(and(eq(orgUnitPopulations.orgUnitId, orgUnitId), eq(orgUnitPopulations.year, year)))
    .limit(1);
  return row?.population ?? null;
}

/** What one import wrote: per district and record type, the span of dates (for the submissions those records feed). */
export async function spansOfImport(db: DbOrTx, importId: number): Promise<Array<{ orgUnitId: number; recordType: string; from: string; to: string }>> {
  return db
    .select({
      orgUnitId: activityRecords.orgUnitId,
      recordType: recordTypes.code,
      from: sql<string>`min(${activityRecords.occurredOn})::text`,
      to: sql<string>`max(${activityRecords.occurredOn})::text`,
    })
    .from(activityRecords)
    .innerJoin(recordTypes, eq(recordTypes.id, activityRecords.recordTypeId))
    .where(eq(activityRecords.importId, importId))
    .groupBy(activityRecords.orgUnitId, recordTypes.code);
}

/** An activity record's data as stored (jsonb): field key → value. */
export type RecordData = Record<string, string | number | boolean>;

/** New activity records by COPY (text format lines: org_unit_id, record_type_id, occurred_on, data, import_id, created_by). */
export const COPY_ACTIVITY_RECORDS = 'COPY activity_records (org_unit_id, record_type_id, occurred_on, data, import_id, created_by) FROM STDIN';
/** New activity records by COPY, with `updated_by` after `created_by`. */
export const COPY_ACTIVITY_RECORDS_WITH_UPDATER =
  'COPY activity_records (org_unit_id, record_type_id, occurred_on, data, import_id, created_by, updated_by) FROM STDIN';

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
export async function liveRecordsByIds(
  db: DbOrTx,
  ids: readonly number[],
): Promise<Map<number, { id: number; orgUnitId: number; recordType: string; occurredOn: string; data: RecordData; version: number }>> {
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

/** Per record type, one district's live records dated within [start, end]: how many, and sums of the fields a press release cites. */
export interface ActivityTotals {
  type: string;
  n: number;
  hires: number;
  completed: number;
  employed: number;
  partners: number;
  seAmount: number;
  participants: number;
}

export async function activityTotalsOfUnit(db: DbOrTx, orgUnitCode: string, start: string, end: string): Promise<ActivityTotals[]> {
  return db
    .select({
      type: recordTypes.code,
      n: sql<number>`count(*)::int`,
      hires: sql<number>`coalesce(sum((${activityRecords.data}->>'hires')::numeric), 0)::float8`,
      completed: sql<number>`coalesce(sum((${activityRecords.data}->>'completed')::numeric), 0)::float8`,
      employed: sql<number>`coalesce(sum((${activityRecords.data}->>'employed')::numeric), 0)::float8`,
      partners: sql<number>`coalesce(max((${activityRecords.data}->>'partners')::numeric), 0)::float8`,
      seAmount: sql<number>`coalesce(sum((${activityRecords.data}->>'se_amount')::numeric), 0)::float8`,
      participants: sql<number>`coalesce(sum((${activityRecords.data}->>'participants')::numeric), 0)::float8`,
    })
    .from(activityRecords)
    .innerJoin(recordTypes, eq(recordTypes.id, activityRecords.recordTypeId))
    .innerJoin(orgUnits, eq(orgUnits.id, activityRecords.orgUnitId))
    .where(and(eq(orgUnits.code, orgUnitCode), gte(activityRecords.occurredOn, start), lte(activityRecords.occurredOn, end), isNull(activityRecords.deletedAt)))
    .groupBy(recordTypes.code);
}
