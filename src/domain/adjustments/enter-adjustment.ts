import type { Db } from '../../db/client.js';
import {
  findAdjustment,
  insertAdjustment,
  liveAdjustmentsOfUnit,
  lockCycleAdjustments,
  updateAdjustment,
  type AdjustmentDetail,
} from '../../db/repositories/adjustments.js';
import type { CycleRow } from '../../db/repositories/cycles.js';
import { findOrgUnitByCode } from '../../db/repositories/org-units.js';
import { findEvidenceFile } from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import type { AdjustmentConfig } from '../../engine/index.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, isSystem, requireRole } from '../authz.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import { DomainError, forbidden, notFound, type Message } from '../errors.js';
import { getFramework } from '../frameworks/service.js';
import { notifyPeople } from '../notifications/notify.js';
import { checkEntry, signedPoints } from './adjustment-rules.js';
import { adjustmentsLocked, adjustmentView, auditState, mayConfirm, type AdjustmentView } from './adjustment-view.js';

export interface AdjustmentInput {
  district: string;
  rule: string;
  points: number;
  reason: string;
  evidenceId?: number | null | undefined;
}

export interface AdjustmentChange {
  version: number;
  rule: string;
  points: number;
  reason: string;
  evidenceId?: number | null | undefined;
}

const cityOnly: Message = { ko: '가점·감점은 시 평가 담당자만 입력할 수 있습니다.', en: 'Only the city evaluation staff enter bonus and penalty points.' };

export function requireCityStaff(principal: Principal | null): asserts principal is Principal {
  try {
    requireRole(principal, 'city_admin');
  } catch {
    throw forbidden(cityOnly);
  }
}

function requireOpen(cycle: CycleRow): void {
  if (adjustmentsLocked(cycle.status)) {
    throw new DomainError(
      'conflict',
      'adjustments_locked',
      {
        ko: `${cycle.year}년 평가 결과가 확정되어 가점·감점을 바꿀 수 없습니다.`,
        en: `The ${cycle.year} result is final: its bonus and penalty points can no longer change.`,
      },
      [],
      { cycleStatus: cycle.status },
    );
  }
}

function reasonOrThrow(reason: string): string {
  const r = reason.trim();
  if (!r) {
    const message = { ko: '사유를 입력하세요.', en: 'Enter the reason.' };
    throw new DomainError('invalid', 'reason_required', message, [{ path: 'body.reason', message }]);
  }
  return r;
}

async function evidenceOrThrow(tx: DbOrTx, id: number | null | undefined, unit: { id: number; name: string }): Promise<number | null> {
  if (id == null) return null;
  const file = await findEvidenceFile(tx, id);
  if (!file) throw notFound({ ko: `증빙자료 ${id}`, en: `Evidence file ${id}` });
  if (file.orgUnitId !== unit.id) {
    const message = {
      ko: `${unit.name} 앞으로 올린 증빙자료만 첨부할 수 있습니다.`,
      en: 'Only evidence uploaded for this district can be attached.',
    };
    throw new DomainError('invalid', 'evidence_of_other_unit', message, [{ path: 'body.evidenceId', message }]);
  }
  return file.id;
}

async function districtOrThrow(tx: DbOrTx, code: string): Promise<{ id: number; code: string; name: string }> {
  const unit = await findOrgUnitByCode(tx, code);
  if (!unit || unit.kind !== 'district') throw notFound({ ko: `자치구 ${code}`, en: `District ${code}` });
  return { id: unit.id, code: unit.code, name: unit.name };
}

export async function adjustmentConfigOf(tx: DbOrTx, year: number): Promise<AdjustmentConfig> {
  return (await getFramework(tx, year)).definition.adjustments;
}

/** What an entry's content would be checked against: the district's other live entries. */
async function others(tx: DbOrTx, cycleId: number, unitId: number, except: number | null) {
  return (await liveAdjustmentsOfUnit(tx, cycleId, unitId)).filter((a) => a.id !== except).map((a) => ({ rule: a.ruleCode, points: a.points }));
}

export async function viewById(tx: DbOrTx, principal: Principal | null, id: number): Promise<AdjustmentView> {
  const a = await findAdjustment(tx, id);
  if (!a) throw notFound({ ko: `가점·감점 ${id}`, en: `Adjustment ${id}` });
  const cycle = await cycleOrThrow(tx, a.year);
  return adjustmentView(a, await adjustmentConfigOf(tx, a.year), principal, cycle.status);
}

async function notifyCityToConfirm(tx: DbOrTx, principal: Principal, a: { id: number; year: number }, district: { name: string; code: string }, what: Message) {
  await notifyPeople(
    tx,
    [{ role: 'city_admin' }],
    'adjustment_pending',
    {
      year: a.year,
      orgUnitCode: district.code,
      adjustmentId: a.id,
      link: `/cycles/${a.year}/adjustments`,
      message: {
        ko: `${a.year}년 ${district.name} ${what.ko} — 다른 담당자의 확인을 기다립니다.`,
        en: `${a.year} ${district.code} ${what.en}: waits for another staff member's confirmation.`,
      },
    },
    { except: principal.user.id },
  );
}

/**
 * The city enters one 가점·감점 for a district: a rule of the cycle's framework, signed points within the rule's
 * range and the framework's caps (counting the district's other live entries), a reason and optional evidence
 * uploaded for the district. The entry waits for a second city user's confirmation before it counts in scoring.
 * Never once the cycle's result is final. Audited.
 */
export async function enterAdjustment(db: Db, principal: Principal | null, year: number, input: AdjustmentInput, now = new Date()): Promise<AdjustmentView> {
  requireCityStaff(principal);
  const reason = reasonOrThrow(input.reason);
  const id = await db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    requireOpen(cycle);
    await lockCycleAdjustments(tx, cycle.id);
    const unit = await districtOrThrow(tx, input.district);
    const config = await adjustmentConfigOf(tx, year);
    checkEntry(config, unit, { rule: input.rule, points: input.points }, await others(tx, cycle.id, unit.id, null));
    const evidenceId = await evidenceOrThrow(tx, input.evidenceId, unit);
    const me = isSystem(principal) ? null : principal.user.id;
    const row = await insertAdjustment(tx, {
      cycleId: cycle.id,
      orgUnitId: unit.id,
      ruleCode: input.rule,
      points: input.points,
      reason,
      evidenceId,
      status: 'pending',
      createdBy: me,
      changedBy: me,
      createdAt: now,
      updatedAt: now,
    });
    await appendAudit(tx, actorOf(principal), {
      action: 'adjustment.entered',
      entityType: 'adjustment',
      entityId: row.id,
      orgUnitCode: unit.code,
      after: auditState(row),
      reason,
    });
    await notifyCityToConfirm(tx, principal, { id: row.id, year }, unit, {
      ko: `${input.rule} ${signedPoints(input.points)}점 입력`,
      en: `${input.rule} ${signedPoints(input.points)} entered`,
    });
    return row.id;
  });
  return viewById(db, principal, id);
}

async function openEntry(tx: DbOrTx, id: number, version: number): Promise<{ row: AdjustmentDetail; cycle: CycleRow }> {
  const row = await findAdjustment(tx, id);
  if (!row) throw notFound({ ko: `가점·감점 ${id}`, en: `Adjustment ${id}` });
  const cycle = await cycleOrThrow(tx, row.year);
  requireOpen(cycle);
  await lockCycleAdjustments(tx, cycle.id);
  const fresh = (await findAdjustment(tx, id))!;
  if (fresh.version !== version) throw stale(fresh.version);
  if (fresh.status === 'withdrawn') {
    throw new DomainError('conflict', 'adjustment_withdrawn', { ko: '이미 취소된 가점·감점입니다.', en: 'This adjustment was withdrawn.' });
  }
  return { row: fresh, cycle };
}

function stale(current: number): DomainError {
  return new DomainError(
    'conflict',
    'stale_version',
    {
      ko: '그 사이에 다른 사람이 이 가점·감점을 바꾸었습니다. 새로 불러온 뒤 다시 하세요.',
      en: 'Someone changed this adjustment meanwhile; reload it and try again.',
    },
    [],
    { currentVersion: current },
  );
}

/**
 * Changes an entry's rule, points, reason or evidence (optimistic on `version`), checked like a new entry; the
 * changed entry waits for confirmation again (by someone other than who changed it). Audited with before and after.
 */
export async function changeAdjustment(db: Db, principal: Principal | null, id: number, input: AdjustmentChange, now = new Date()): Promise<AdjustmentView> {
  requireCityStaff(principal);
  const reason = reasonOrThrow(input.reason);
  await db.transaction(async (tx) => {
    const { row, cycle } = await openEntry(tx, id, input.version);
    const unit = { id: row.orgUnitId, code: row.orgUnitCode, name: row.orgUnitName };
    checkEntry(await adjustmentConfigOf(tx, row.year), unit, { rule: input.rule, points: input.points }, await others(tx, cycle.id, unit.id, row.id));
    const evidenceId = input.evidenceId === undefined ? row.evidenceId : await evidenceOrThrow(tx, input.evidenceId, unit);
    const me = isSystem(principal) ? null : principal.user.id;
    const updated = await updateAdjustment(tx, row.id, row.version, {
      ruleCode: input.rule,
      points: input.points,
      reason,
      evidenceId,
      status: 'pending',
      changedBy: me,
      confirmedBy: null,
      confirmedAt: null,
      updatedAt: now,
    });
    if (!updated) throw stale(row.version + 1);
    await appendAudit(tx, actorOf(principal), {
      action: 'adjustment.changed',
      entityType: 'adjustment',
      entityId: row.id,
      orgUnitCode: row.orgUnitCode,
      before: auditState(row),
      after: auditState(updated),
      reason,
    });
    await notifyCityToConfirm(tx, principal, { id: row.id, year: row.year }, unit, {
      ko: `${input.rule} ${signedPoints(input.points)}점으로 변경`,
      en: `changed to ${input.rule} ${signedPoints(input.points)}`,
    });
  });
  return viewById(db, principal, id);
}

/** Withdraws an entry with a reason (it stays on record, no longer counted). Audited. */
export async function withdrawAdjustment(
  db: Db,
  principal: Principal | null,
  id: number,
  input: { version: number; reason: string },
  now = new Date(),
): Promise<AdjustmentView> {
  requireCityStaff(principal);
  const reason = reasonOrThrow(input.reason);
  await db.transaction(async (tx) => {
    const { row } = await openEntry(tx, id, input.version);
    await withdrawEntry(tx, principal, row, reason, now, 'adjustment.withdrawn');
  });
  return viewById(db, principal, id);
}

/** Withdraws a live entry (the city's withdrawal, or an accepted objection); audited, the district told. */
export async function withdrawEntry(tx: DbOrTx, principal: Principal, row: AdjustmentDetail, reason: string, now: Date, action: string): Promise<void> {
  const updated = await updateAdjustment(tx, row.id, row.version, {
    status: 'withdrawn',
    withdrawnBy: isSystem(principal) ? null : principal.user.id,
    withdrawnAt: now,
    withdrawReason: reason,
    updatedAt: now,
  });
  if (!updated) throw stale(row.version + 1);
  await appendAudit(tx, actorOf(principal), {
    action,
    entityType: 'adjustment',
    entityId: row.id,
    orgUnitCode: row.orgUnitCode,
    before: auditState(row),
    after: auditState(updated),
    reason,
  });
  if (row.status === 'confirmed') {
    await notifyDistrictOf(tx, row, {
      ko: `${row.year}년 ${row.ruleCode} ${signedPoints(row.points)}점이 취소되었습니다: ${reason}`,
      en: `${row.year} ${row.ruleCode} ${signedPoints(row.points)} was withdrawn: ${reason}`,
    });
  }
}

export async function notifyDistrictOf(tx: DbOrTx, row: { id: number; year: number; orgUnitCode: string }, message: Message): Promise<void> {
  await notifyPeople(
    tx,
    [
      { role: 'district_officer', orgUnitCode: row.orgUnitCode },
      { role: 'district_approver', orgUnitCode: row.orgUnitCode },
    ],
    'adjustment_recorded',
    { year: row.year, orgUnitCode: row.orgUnitCode, adjustmentId: row.id, link: `/cycles/${row.year}/adjustments`, message },
  );
}

/**
 * A second city user confirms a pending entry (four eyes: never whoever wrote its content last); from then on it
 * counts in scoring and the district is told. Audited.
 */
export async function confirmAdjustment(
  db: Db,
  principal: Principal | null,
  id: number,
  input: { version: number },
  now = new Date(),
): Promise<AdjustmentView> {
  requireCityStaff(principal);
  await db.transaction(async (tx) => {
    const { row } = await openEntry(tx, id, input.version);
    if (row.status !== 'pending') {
      throw new DomainError('conflict', 'not_pending', { ko: '확인을 기다리는 가점·감점이 아닙니다.', en: 'This adjustment is not waiting for confirmation.' });
    }
    if (!mayConfirm(principal, row)) {
      throw forbidden({
        ko: '자신이 입력하거나 고친 가점·감점은 확인할 수 없습니다. 다른 담당자가 확인해야 합니다.',
        en: 'You cannot confirm an adjustment you entered or changed; another staff member must.',
      });
    }
    const updated = await updateAdjustment(tx, row.id, row.version, { status: 'confirmed', confirmedBy: principal.user.id, confirmedAt: now, updatedAt: now });
    if (!updated) throw stale(row.version + 1);
    await appendAudit(tx, actorOf(principal), {
      action: 'adjustment.confirmed',
      entityType: 'adjustment',
      entityId: row.id,
      orgUnitCode: row.orgUnitCode,
      before: auditState(row),
      after: auditState(updated),
    });
    await notifyDistrictOf(tx, row, {
      ko: `${row.year}년 가점·감점 ${row.ruleCode} ${signedPoints(row.points)}점이 반영되었습니다: ${row.reason}`,
      en: `${row.year} adjustment ${row.ruleCode} ${signedPoints(row.points)} now counts: ${row.reason}`,
    });
  });
  return viewById(db, principal, id);
}
