import type { Db } from '../../db/client.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit, systemActor } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireSignedIn } from '../authz.js';
import { canonicalJson } from '../../engine/index.js';
import { DomainError, notFound } from '../errors.js';
import { assertCanManageRecordTypes } from './access.js';
import { staleVersion } from './stale.js';
import { builtinRecordTypes } from './builtin-types.js';
import { fromStoredFields, parseRecordTypeDefinition, toStoredFields, type FieldDefinition, type RecordTypeDefinition } from './definition.js';
import {
  countLiveRecords,
  countRecordsWithFields,
  insertRecordType,
  selectRecordTypeByCode,
  selectRecordTypes,
  updateRecordTypeRow,
  type RecordTypeRow,
} from '../../db/repositories/activities.js';
import { josaPick } from '../../korean.js';

/** A record type as stored: its definition plus identity, origin, state and version. */
export interface RecordType extends RecordTypeDefinition {
  id: number;
  builtin: boolean;
  active: boolean;
  sortOrder: number;
  version: number;
}

const builtinByCode = new Map(builtinRecordTypes.map((d) => [d.code, d]));
const CUSTOM_SORT_START = 1000;

// record_types has no description column: built-in descriptions come from the code.
function toRecordType(row: RecordTypeRow): RecordType {
  const { fields, dateField } = fromStoredFields(row.fields);
  const description = row.builtin ? builtinByCode.get(row.code)?.description : undefined;
  return {
    id: row.id,
    code: row.code,
    name: { ko: row.nameKo, en: row.nameEn },
    ...(description ? { description } : {}),
    fields,
    dateField,
    builtin: row.builtin,
    active: row.active,
    sortOrder: row.sortOrder,
    version: row.version,
  };
}

/** The record types as a signed-in user reads them (every role enters, reads or checks records of these types). */
export async function browseRecordTypes(db: DbOrTx, principal: Principal | null, opts: { includeInactive?: boolean } = {}): Promise<RecordType[]> {
  requireSignedIn(principal);
  return listRecordTypes(db, opts);
}

export async function readRecordType(db: DbOrTx, principal: Principal | null, code: string): Promise<RecordType> {
  requireSignedIn(principal);
  return getRecordType(db, code);
}

/** Record types in display order (built-ins first); inactive ones only when asked. The lookup other services build on. */
export async function listRecordTypes(db: DbOrTx, opts: { includeInactive?: boolean } = {}): Promise<RecordType[]> {
  return (await selectRecordTypes(db, opts.includeInactive ?? false)).map(toRecordType);
}

export async function findRecordType(db: DbOrTx, code: string): Promise<RecordType | null> {
  const row = await selectRecordTypeByCode(db, code);
  return row ? toRecordType(row) : null;
}

export async function getRecordType(db: DbOrTx, code: string): Promise<RecordType> {
  const t = await findRecordType(db, code);
  if (!t) throw notFound({ ko: `실적 유형 '${code}'`, en: `Record type '${code}'` });
  return t;
}

function auditView(t: Pick<RecordType, 'code' | 'name' | 'fields' | 'dateField' | 'active'> & { description?: RecordType['description'] }) {
  return { code: t.code, name: t.name, description: t.description ?? null, fields: t.fields, dateField: t.dateField, active: t.active };
}

/**
 * Writes the built-in record types (builtin = true), inserting missing ones and refreshing changed ones; a custom
 * type that already took a built-in's code is left alone and reported. Idempotent: a second run changes nothing
 * and writes no audit entry.
 */
export async function seedRecordTypes(db: Db): Promise<{ inserted: string[]; updated: string[]; skipped: string[] }> {
  return db.transaction(async (tx) => {
    const inserted: string[] = [];
    const updated: string[] = [];
    const skipped: string[] = [];
    for (const [i, def] of builtinRecordTypes.entries()) {
      const values = { code: def.code, nameKo: def.name.ko, nameEn: def.name.en, builtin: true, fields: toStoredFields(def), sortOrder: i + 1 };
      const existing = await selectRecordTypeByCode(tx, def.code);
      if (!existing) {
        if (await insertRecordType(tx, values)) inserted.push(def.code);
        continue;
      }
      if (!existing.builtin) {
        skipped.push(def.code);
        continue;
      }
      const same =
        existing.nameKo === values.nameKo &&
        existing.nameEn === values.nameEn &&
        existing.sortOrder === values.sortOrder &&
        canonicalJson(existing.fields) === canonicalJson(values.fields);
      if (same) continue;
      await updateRecordTypeRow(tx, existing.id, existing.version, {
        nameKo: values.nameKo,
        nameEn: values.nameEn,
        fields: values.fields,
        sortOrder: values.sortOrder,
      });
      updated.push(def.code);
    }
    if (inserted.length + updated.length > 0) {
      await appendAudit(tx, systemActor, { action: 'record_types.seeded', entityType: 'record_type', after: { inserted, updated, skipped } });
    }
    return { inserted, updated, skipped };
  });
}

/** Creates an admin-defined record type (city admin only), audited. */
export async function createRecordType(db: Db, principal: Principal | null, input: unknown, opts: { reason?: string } = {}): Promise<RecordType> {
  assertCanManageRecordTypes(principal);
  const def = parseRecordTypeDefinition(input);
  return db.transaction(async (tx) => {
    const existing = await selectRecordTypes(tx, true);
    const sortOrder = Math.max(CUSTOM_SORT_START, ...existing.map((r) => r.sortOrder + 1));
    const row = await insertRecordType(tx, {
      code: def.code,
      nameKo: def.name.ko,
      nameEn: def.name.en,
      builtin: false,
      fields: toStoredFields(def),
      sortOrder,
    });
    if (!row) {
      throw new DomainError('conflict', 'record_type_exists', {
        ko: `실적 유형 코드 '${def.code}'${josaPick(def.code, '은/는')} 이미 있습니다.`,
        en: `The record-type code '${def.code}' is taken.`,
      });
    }
    const created = toRecordType(row);
    await appendAudit(tx, actorOf(principal), {
      action: 'record_type.created',
      entityType: 'record_type',
      entityId: def.code,
      after: auditView({ ...created, ...(def.description ? { description: def.description } : {}) }),
      reason: opts.reason ?? null,
    });
    return created;
  });
}

function refuseBuiltin(t: RecordType): void {
  if (t.builtin) {
    throw new DomainError('forbidden', 'record_type_builtin', {
      ko: `기본 제공 실적 유형 '${t.code}'${josaPick(t.code, '은/는')} 바꿀 수 없습니다.`,
      en: `The built-in record type '${t.code}' cannot be changed.`,
    });
  }
}

const staleType = (current: RecordType) => staleVersion({ ko: '실적 유형', en: 'record type' }, current);

/**
 * Field changes that would strand stored data: a field removed or retyped, an enum option dropped, or the date
 * field switched, while live records use them.
 */
async function assertCompatible(tx: DbOrTx, before: RecordType, after: RecordTypeDefinition): Promise<void> {
  const next = new Map(after.fields.map((f) => [f.key, f]));
  const risky: FieldDefinition[] = before.fields.filter((f) => {
    const n = next.get(f.key);
    return !n || n.type !== f.type || (f.type === 'enum' && f.options?.some((o) => !n.options?.includes(o)));
  });
  const problems: { path: string; message: { ko: string; en: string } }[] = [];
  const used = await countRecordsWithFields(
    tx,
    before.id,
    risky.map((f) => f.key),
  );
  for (const f of risky) {
    const n = used.get(f.key) ?? 0;
    if (n > 0) {
      problems.push({
        path: `fields.${f.key}`,
        message: {
          ko: `'${f.label.ko}'(${f.key}) 항목에 값이 있는 실적이 ${n}건 있어 삭제하거나 종류·선택지를 줄일 수 없습니다.`,
          en: `${n} record(s) hold a value in '${f.label.en}' (${f.key}): it cannot be removed, retyped or lose options.`,
        },
      });
    }
  }
  if (before.dateField !== after.dateField && (await countLiveRecords(tx, before.id)) > 0) {
    problems.push({
      path: 'dateField',
      message: { ko: '실적이 있는 유형의 날짜 기준 항목은 바꿀 수 없습니다.', en: 'The date field of a type with records cannot change.' },
    });
  }
  if (problems.length > 0) {
    throw new DomainError(
      'conflict',
      'record_type_in_use',
      { ko: '이미 입력된 실적과 맞지 않는 변경입니다.', en: 'The change does not fit records already entered.' },
      problems,
    );
  }
}

/**
 * The common path of every change to an admin-defined type: load it, refuse a built-in, check the version, apply
 * the change only if the version still matches. Returns the type before and after.
 */
async function changeCustomType(
  tx: DbOrTx,
  code: string,
  version: number,
  change: (current: RecordType) => Promise<Parameters<typeof updateRecordTypeRow>[3]>,
): Promise<{ before: RecordType; after: RecordType }> {
  const current = await getRecordType(tx, code);
  refuseBuiltin(current);
  if (current.version !== version) throw staleType(current);
  const row = await updateRecordTypeRow(tx, current.id, version, await change(current));
  if (!row) throw staleType(await getRecordType(tx, code));
  return { before: current, after: toRecordType(row) };
}

/**
 * Replaces the definition of an admin-defined type (the code stays), checking the version and that stored
 * records still fit. Built-in types cannot be edited.
 */
export async function updateRecordType(
  db: Db,
  principal: Principal | null,
  code: string,
  input: { version: number; definition: unknown; reason?: string },
): Promise<RecordType> {
  assertCanManageRecordTypes(principal);
  return db.transaction(async (tx) => {
    let def: RecordTypeDefinition | undefined;
    const { before, after } = await changeCustomType(tx, code, input.version, async (current) => {
      def = parseRecordTypeDefinition({ ...(input.definition as object), code });
      await assertCompatible(tx, current, def);
      return { nameKo: def.name.ko, nameEn: def.name.en, fields: toStoredFields(def) };
    });
    await appendAudit(tx, actorOf(principal), {
      action: 'record_type.updated',
      entityType: 'record_type',
      entityId: code,
      before: auditView(before),
      after: auditView({ ...after, ...(def?.description ? { description: def.description } : {}) }),
      reason: input.reason ?? null,
    });
    return after;
  });
}

/** Stops (or restarts) new records of an admin-defined type; existing records stay and still count. */
export async function setRecordTypeActive(
  db: Db,
  principal: Principal | null,
  code: string,
  input: { version: number; active: boolean; reason?: string },
): Promise<RecordType> {
  assertCanManageRecordTypes(principal);
  return db.transaction(async (tx) => {
    const { before, after } = await changeCustomType(tx, code, input.version, async () => ({ active: input.active }));
    await appendAudit(tx, actorOf(principal), {
      action: input.active ? 'record_type.activated' : 'record_type.deactivated',
      entityType: 'record_type',
      entityId: code,
      before: { active: before.active },
      after: { active: after.active },
      reason: input.reason ?? null,
    });
    return after;
  });
}

export const deactivateRecordType = (db: Db, principal: Principal | null, code: string, input: { version: number; reason?: string }) =>
  setRecordTypeActive(db, principal, code, { ...input, active: false });
