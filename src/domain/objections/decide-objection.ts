import type { Db } from '../../db/client.js';
import { findObjection, updateObjection, type ObjectionDetail } from '../../db/repositories/objections.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireRole } from '../authz.js';
import { DomainError, notFound, type FieldProblem } from '../errors.js';
import { notifyDistrict } from '../notifications/notify.js';
import { cycleOrThrow } from '../submissions/index.js';
import type { ObjectionView } from './objection-view.js';
import { runById } from './provisional-run.js';
import { viewsOf } from './read-objections.js';
import { requireDistrictMember } from './file-objection.js';

export interface DecideObjectionInput {
  decision: 'accept' | 'reject';
  version: number;
  /** Required to accept: the value the final run will use for this district and indicator. */
  correctedValue?: number | null | undefined;
  /** Required to reject; optional note when accepting. */
  reason?: string | null | undefined;
}

function stale(current: ObjectionView): DomainError {
  return new DomainError('conflict', 'stale_version', { ko: '다른 사용자가 먼저 처리했습니다.', en: 'Someone else changed this objection first.' }, [], { current });
}

async function current(tx: DbOrTx, id: number): Promise<ObjectionView> {
  const row = await findObjection(tx, id);
  return (await viewsOf(tx, [row!]))[0]!;
}

async function openObjection(tx: DbOrTx, id: number, version: number): Promise<ObjectionDetail> {
  const row = await findObjection(tx, id);
  if (!row) throw notFound({ ko: `이의신청 ${id}`, en: `Objection ${id}` });
  if (row.version !== version) throw stale((await viewsOf(tx, [row]))[0]!);
  if (row.status !== 'filed') {
    throw new DomainError('conflict', 'objection_closed', { ko: '이미 처리된 이의신청입니다.', en: 'This objection has already been closed.' }, [], { objectionStatus: row.status });
  }
  const cycle = await cycleOrThrow(tx, row.year);
  if (cycle.status !== 'objections') {
    throw new DomainError('conflict', 'objections_closed', { ko: '이의신청 단계가 아닙니다.', en: 'The cycle is not in its objection stage.' }, [], { cycleStatus: cycle.status });
  }
  return row;
}

/**
 * The city decides an objection: accept with a corrected value (required; within the indicator's bounds), which the
 * final scoring run applies, or reject with a reason (required; the values stay as they were). The district's
 * officers and approvers are notified; audited; optimistic on `version`.
 */
export async function decideObjection(db: Db, principal: Principal | null, id: number, input: DecideObjectionInput, now = new Date()): Promise<ObjectionView> {
  requireRole(principal, 'city_admin');
  const reason = input.reason?.trim() || null;
  const problems: FieldProblem[] = [];
  if (input.decision === 'accept' && (input.correctedValue === undefined || input.correctedValue === null)) {
    problems.push({ path: 'body.correctedValue', message: { ko: '받아들이려면 고친 값을 입력하세요.', en: 'Accepting needs the corrected value.' } });
  }
  if (input.decision === 'reject' && !reason) {
    problems.push({ path: 'body.reason', message: { ko: '기각 사유를 입력하세요.', en: 'Rejecting needs a reason.' } });
  }
  if (problems.length) throw new DomainError('invalid', 'decision_incomplete', { ko: '결정 내용이 모자랍니다.', en: 'The decision is incomplete.' }, problems);
  return db.transaction(async (tx) => {
    const row = await openObjection(tx, id, input.version);
    const run = await runById(tx, row.runId);
    const indicator = run?.framework.indicators.find((i) => i.code === row.indicatorCode);
    const corrected = input.decision === 'accept' ? input.correctedValue! : null;
    if (corrected !== null && indicator) {
      const { min, max } = indicator.bounds;
      if ((min !== undefined && corrected < min) || (max !== undefined && corrected > max)) {
        throw new DomainError('invalid', 'out_of_bounds', { ko: '고친 값이 지표의 허용 범위를 벗어납니다.', en: "The corrected value is outside the indicator's bounds." }, [
          { path: 'body.correctedValue', message: { ko: `허용 범위: ${min ?? '−∞'} ~ ${max ?? '∞'}`, en: `Allowed: ${min ?? '−∞'} to ${max ?? '∞'}` } },
        ]);
      }
    }
    const updated = await updateObjection(tx, row.id, row.version, {
      status: input.decision === 'accept' ? 'accepted' : 'rejected',
      correctedValue: corrected,
      decisionReason: reason,
      decidedBy: principal.user.id,
      decidedAt: now,
    });
    if (!updated) throw stale(await current(tx, id));
    await appendAudit(tx, actorOf(principal), {
      action: input.decision === 'accept' ? 'objection.accepted' : 'objection.rejected',
      entityType: 'objection',
      entityId: row.id,
      orgUnitCode: row.orgUnitCode,
      before: { status: row.status, correctedValue: row.correctedValue },
      after: { status: updated.status, correctedValue: updated.correctedValue, indicator: row.indicatorCode },
      reason,
    });
    const name = indicator ? indicator.name : { ko: row.indicatorCode, en: row.indicatorCode };
    const accepted = input.decision === 'accept';
    await notifyDistrict(tx, row.orgUnitCode, ['district_officer', 'district_approver'], 'objection_decided', {
      year: row.year,
      orgUnitCode: row.orgUnitCode,
      indicator: row.indicatorCode,
      objectionId: row.id,
      decision: updated.status,
      correctedValue: corrected,
      reason,
      link: `/cycles/${row.year}/objections`,
      message: accepted
        ? { ko: `${row.year}년 ${row.indicatorCode} ${name.ko} 이의신청이 받아들여졌습니다 (고친 값 ${corrected}).`, en: `Your objection to ${row.year} ${row.indicatorCode} ${name.en} was accepted (corrected value ${corrected}).` }
        : { ko: `${row.year}년 ${row.indicatorCode} ${name.ko} 이의신청이 기각되었습니다: ${reason}`, en: `Your objection to ${row.year} ${row.indicatorCode} ${name.en} was rejected: ${reason}` },
    });
    return current(tx, id);
  });
}

/** The district withdraws its own open objection during the objection stage. Audited. */
export async function withdrawObjection(db: Db, principal: Principal | null, id: number, input: { version: number }): Promise<ObjectionView> {
  const found = await findObjection(db, id);
  if (!found) throw notFound({ ko: `이의신청 ${id}`, en: `Objection ${id}` });
  requireDistrictMember(principal, found.orgUnitCode);
  return db.transaction(async (tx) => {
    const row = await openObjection(tx, id, input.version);
    const updated = await updateObjection(tx, row.id, row.version, { status: 'withdrawn' });
    if (!updated) throw stale(await current(tx, id));
    await appendAudit(tx, actorOf(principal), {
      action: 'objection.withdrawn',
      entityType: 'objection',
      entityId: row.id,
      orgUnitCode: row.orgUnitCode,
      before: { status: row.status },
      after: { status: 'withdrawn' },
    });
    return current(tx, id);
  });
}
