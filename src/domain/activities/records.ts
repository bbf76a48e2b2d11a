import { unitLabel } from '../reference/unit-words.js';
import type { Db } from '../../db/client.js';
import { findOrgUnitByCode } from '../../db/repositories/org-units.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf } from '../authz.js';
import { DomainError, forbidden, notFound, type FieldProblem } from '../errors.js';
import { assertCanReadRecords, assertCanWriteRecords, readableDistricts } from './access.js';
import { OCCURRED_ON } from './definition.js';
import { checkFieldValue, validateRecordData, type RecordData } from './record-data.js';
import { findRecordType, getRecordType, type RecordType } from './record-types.js';
import { staleVersion } from './stale.js';
import { insertRecord, selectRecordById, selectRecordPage, updateRecordRow, type RecordRow } from '../../db/repositories/activities.js';
import { settleRecordChange, spanOf, type AffectedItem, type ChangeSource } from '../submissions/records-changed.js';
import { josaPick } from '../../korean.js';

/**
 * After a record write in `tx`: the submitted values it reaches are checked — a verified one refuses the change
 * (records_locked, the transaction rolls back), submitted or approved ones go back to the district.
 */
async function settle(tx: DbOrTx, principal: Principal, orgUnitId: number, types: string[], dates: string[], source: ChangeSource): Promise<AffectedItem[]> {
  const span = spanOf(dates)!;
  return settleRecordChange(tx, actorOf(principal), [{ orgUnitId, recordTypes: [...new Set(types)], ...span }], source);
}

/** One activity record as services and the API show it. */
export interface ActivityRecord {
  id: number;
  orgUnitCode: string;
  recordType: string;
  occurredOn: string;
  data: RecordData;
  version: number;
  importId: number | null;
  createdBy: number | null;
  updatedBy: number | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  /** After a write: the submitted or approved items whose value it changed, which went back to the district. */
  returnedItems?: AffectedItem[];
}

export interface NewActivityRecord {
  orgUnitCode: string;
  recordType: string;
  /** The record's date; for a type whose date is one of its fields, taken from that field instead. */
  occurredOn?: string | null;
  data: unknown;
}

export interface RecordChange {
  /** The version the editor started from; a different current version is a conflict. */
  version: number;
  occurredOn?: string | null;
  data: unknown;
  reason?: string;
}

function toActivityRecord(row: RecordRow): ActivityRecord {
  return {
    id: row.id,
    orgUnitCode: row.orgUnitCode,
    recordType: row.recordType,
    occurredOn: row.occurredOn,
    data: row.data as RecordData,
    version: row.version,
    importId: row.importId,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    deletedAt: row.deletedAt ? new Date(row.deletedAt).toISOString() : null,
  };
}

/** What the audit log keeps of a record: its content, not its bookkeeping. */
function auditView(r: ActivityRecord) {
  return { orgUnitCode: r.orgUnitCode, recordType: r.recordType, occurredOn: r.occurredOn, data: r.data, version: r.version };
}

const occurredOnField = {
  key: OCCURRED_ON,
  label: { ko: '실적 일자', en: 'Date' },
  type: 'date' as const,
  required: true,
};

/**
 * Validates a record's date and data against its type, without touching the database: the data field by field,
 * and the date from `occurredOn` or, for a type dated by one of its fields, from that field. Imports use this to
 * check a whole file before writing anything.
 */
export function validateRecordInput(
  type: Pick<RecordType, 'fields' | 'dateField'>,
  input: { occurredOn?: string | null | undefined; data: unknown },
  options: { coerce?: boolean } = {},
): { ok: true; occurredOn: string; data: RecordData } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const checked = validateRecordData(type, input.data, options);
  if (!checked.success) problems.push(...checked.problems);
  let occurredOn: string | undefined;
  if (type.dateField === OCCURRED_ON) {
    const r = checkFieldValue(occurredOnField, input.occurredOn, options);
    if (!r.ok) problems.push({ path: 'occurredOn', message: r.message });
    else occurredOn = r.value as string;
  } else if (checked.success) {
    occurredOn = checked.data[type.dateField] as string;
    if (input.occurredOn && input.occurredOn !== occurredOn) {
      problems.push({
        path: 'occurredOn',
        message: {
          ko: `이 실적 유형의 날짜는 '${type.dateField}' 항목으로 정해집니다.`,
          en: `The date of this record type is its '${type.dateField}' field.`,
        },
      });
    }
  }
  if (problems.length > 0 || !checked.success || occurredOn === undefined) return { ok: false, problems };
  return { ok: true, occurredOn, data: checked.data };
}

function invalid(problems: FieldProblem[]): DomainError {
  return new DomainError('invalid', 'record_invalid', { ko: '실적 내용을 확인하세요.', en: 'Check the record.' }, problems);
}

async function getLiveRow(db: DbOrTx, id: number): Promise<RecordRow> {
  const row = await selectRecordById(db, id);
  if (!row || row.deletedAt) throw notFound({ ko: `실적 ${id}`, en: `Activity record ${id}` });
  return row;
}

async function getLiveRecord(db: DbOrTx, id: number): Promise<ActivityRecord> {
  return toActivityRecord(await getLiveRow(db, id));
}

const stale = (current: ActivityRecord) => staleVersion({ ko: '실적', en: 'record' }, current);

/** Enters an activity record for a district: validated against its type, audited, in one transaction. */
export async function createRecord(db: Db, principal: Principal | null, input: NewActivityRecord, opts: { reason?: string } = {}): Promise<ActivityRecord> {
  assertCanWriteRecords(principal, input.orgUnitCode);
  return db.transaction(async (tx) => {
    const unit = await findOrgUnitByCode(tx, input.orgUnitCode);
    if (!unit) throw notFound(await unitLabel(tx, input.orgUnitCode));
    const type = await findRecordType(tx, input.recordType);
    if (!type)
      throw invalid([
        { path: 'recordType', message: { ko: `알 수 없는 실적 유형 '${input.recordType}'입니다.`, en: `Unknown record type '${input.recordType}'.` } },
      ]);
    if (!type.active) {
      throw invalid([
        {
          path: 'recordType',
          message: {
            ko: `실적 유형 '${type.name.ko}'${josaPick(type.name.ko, '은/는')} 더 이상 쓰지 않습니다.`,
            en: `The record type '${type.name.en}' is no longer in use.`,
          },
        },
      ]);
    }
    const valid = validateRecordInput(type, input);
    if (!valid.ok) throw invalid(valid.problems);
    const id = await insertRecord(tx, {
      orgUnitId: unit.id,
      recordTypeId: type.id,
      occurredOn: valid.occurredOn,
      data: valid.data,
      createdBy: principal.user.id,
    });
    const created = await getLiveRecord(tx, id);
    await appendAudit(tx, actorOf(principal), {
      action: 'activity_record.created',
      entityType: 'activity_record',
      entityId: id,
      orgUnitCode: created.orgUnitCode,
      after: auditView(created),
      reason: opts.reason ?? null,
    });
    const returnedItems = await settle(tx, principal, unit.id, [type.code], [created.occurredOn], { kind: 'record', action: 'created', recordId: id });
    return returnedItems.length > 0 ? { ...created, returnedItems } : created;
  });
}

/**
 * Replaces a record's date and data. The caller's `version` must be the current one: otherwise DomainError
 * ('conflict', 'stale_version') with the current record in `extra.current`, and nothing is written.
 */
export async function updateRecord(db: Db, principal: Principal | null, id: number, change: RecordChange): Promise<ActivityRecord> {
  return db.transaction(async (tx) => {
    const row = await getLiveRow(tx, id);
    const current = toActivityRecord(row);
    assertCanWriteRecords(principal, current.orgUnitCode);
    if (current.version !== change.version) throw stale(current);
    const type = await getRecordType(tx, current.recordType);
    const valid = validateRecordInput(type, change);
    if (!valid.ok) throw invalid(valid.problems);
    const done = await updateRecordRow(tx, id, change.version, { occurredOn: valid.occurredOn, data: valid.data, updatedBy: principal.user.id });
    if (!done) throw stale(await getLiveRecord(tx, id));
    const updated = await getLiveRecord(tx, id);
    await appendAudit(tx, actorOf(principal), {
      action: 'activity_record.updated',
      entityType: 'activity_record',
      entityId: id,
      orgUnitCode: updated.orgUnitCode,
      before: auditView(current),
      after: auditView(updated),
      reason: change.reason ?? null,
    });
    const returnedItems = await settle(tx, principal, row.orgUnitId, [current.recordType], [current.occurredOn, updated.occurredOn], {
      kind: 'record',
      action: 'updated',
      recordId: id,
    });
    return returnedItems.length > 0 ? { ...updated, returnedItems } : updated;
  });
}

/** Soft-deletes a record (it stops counting in formulas; the row and its audit trail stay). */
export async function deleteRecord(db: Db, principal: Principal | null, id: number, input: { version: number; reason?: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await getLiveRow(tx, id);
    const current = toActivityRecord(row);
    assertCanWriteRecords(principal, current.orgUnitCode);
    if (current.version !== input.version) throw stale(current);
    const done = await updateRecordRow(tx, id, input.version, { deletedAt: new Date(), updatedBy: principal.user.id });
    if (!done) throw stale(await getLiveRecord(tx, id));
    await appendAudit(tx, actorOf(principal), {
      action: 'activity_record.deleted',
      entityType: 'activity_record',
      entityId: id,
      orgUnitCode: current.orgUnitCode,
      before: auditView(current),
      after: null,
      reason: input.reason ?? null,
    });
    await settle(tx, principal, row.orgUnitId, [current.recordType], [current.occurredOn], { kind: 'record', action: 'deleted', recordId: id });
  });
}

export async function getRecord(db: DbOrTx, principal: Principal | null, id: number): Promise<ActivityRecord> {
  const record = await getLiveRecord(db, id);
  assertCanReadRecords(principal, record.orgUnitCode);
  return record;
}

export interface RecordFilter {
  orgUnitCode?: string;
  recordType?: string;
  /** Inclusive ISO dates on occurred_on. */
  from?: string;
  to?: string;
  cursor?: string | null;
  /** 1–500, default 50. */
  limit?: number;
}

export interface RecordPage {
  items: ActivityRecord[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

function encodeCursor(r: ActivityRecord): string {
  return Buffer.from(`${r.occurredOn}|${r.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { occurredOn: string; id: number } {
  const m = /^(\d{4}-\d{2}-\d{2})\|(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) {
    throw invalid([{ path: 'cursor', message: { ko: '페이지 커서가 올바르지 않습니다.', en: 'The page cursor is not valid.' } }]);
  }
  return { occurredOn: m[1]!, id: Number(m[2]) };
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Lists live records newest first, scoped to what the principal may read: a district role sees its own
 * district (asking for another is forbidden), the city admin and the auditor see all.
 */
export async function listRecords(db: DbOrTx, principal: Principal | null, filter: RecordFilter = {}): Promise<RecordPage> {
  let orgUnitCodes: string[] | undefined;
  if (filter.orgUnitCode) {
    assertCanReadRecords(principal, filter.orgUnitCode);
    orgUnitCodes = [filter.orgUnitCode];
  } else {
    const scope = readableDistricts(principal);
    if (scope !== 'all') {
      if (scope.length === 0) throw forbidden();
      orgUnitCodes = scope;
    }
  }
  for (const key of ['from', 'to'] as const) {
    const v = filter[key];
    if (v !== undefined && !isoDate.test(v)) {
      throw invalid([{ path: key, message: { ko: '날짜는 YYYY-MM-DD 형식이어야 합니다.', en: 'Dates are written YYYY-MM-DD.' } }]);
    }
  }
  const limit = Math.min(500, Math.max(1, Math.trunc(filter.limit ?? 50)));
  const rows = await selectRecordPage(db, {
    ...(orgUnitCodes ? { orgUnitCodes } : {}),
    ...(filter.recordType ? { recordType: filter.recordType } : {}),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
    ...(filter.cursor ? { after: decodeCursor(filter.cursor) } : {}),
    limit: limit + 1,
  });
  const items = rows.slice(0, limit).map(toActivityRecord);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
