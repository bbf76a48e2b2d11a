import type { Db } from '../../db/client.js';
import { findObjection, insertObjection, openObjectionExists } from '../../db/repositories/objections.js';
import { deadlineOf, findEvidenceFile } from '../../db/repositories/submissions.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, districtsOf } from '../authz.js';
import { DomainError, forbidden, notFound } from '../errors.js';
import { notify } from '../notifications/notify.js';
import { cycleOrThrow, districtOrThrow, indicatorOf } from '../submissions/index.js';
import { objectionView, type ObjectionView } from './objection-view.js';
import { latestProvisionalRun } from './provisional-run.js';

export interface FileObjectionInput {
  district: string;
  indicator: string;
  reason: string;
  requestedValue?: number | null | undefined;
  evidenceId?: number | null | undefined;
}

/** District officers and approvers speak for their own district. */
export function requireDistrictMember(principal: Principal | null, code: string): asserts principal is Principal {
  if (!districtsOf(principal, 'district_officer', 'district_approver').includes(code)) {
    throw forbidden({ ko: '자기 자치구에 대해서만 이의신청할 수 있습니다.', en: 'You may file objections for your own district only.' });
  }
}

/**
 * 이의신청: a district officer or approver contests one indicator of their district's latest provisional result,
 * while the cycle is in its objection stage and until the objection deadline. A reason is required; a requested
 * value and an evidence file (of the same district) are optional. One open objection per indicator. The city is
 * notified; audited.
 */
export async function fileObjection(db: Db, principal: Principal | null, year: number, input: FileObjectionInput, now = new Date()): Promise<ObjectionView> {
  requireDistrictMember(principal, input.district);
  const reason = input.reason.trim();
  if (!reason) {
    throw new DomainError('invalid', 'reason_required', { ko: '이의신청 사유를 입력하세요.', en: 'Enter the reason for the objection.' }, [
      { path: 'body.reason', message: { ko: '사유를 입력하세요.', en: 'Enter a reason.' } },
    ]);
  }
  return db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    if (cycle.status !== 'objections') {
      throw new DomainError('conflict', 'objections_closed', { ko: '지금은 이의신청 기간이 아닙니다.', en: 'The cycle is not in its objection period.' }, [], { cycleStatus: cycle.status });
    }
    const dueAt = await deadlineOf(tx, cycle.id, 'objections');
    if (dueAt && now > dueAt) {
      throw new DomainError(
        'conflict',
        'objection_deadline_passed',
        { ko: `이의신청 기한(${dueAt.toLocaleString('ko-KR', { timeZone: 'Asia/Seoul' })})이 지났습니다.`, en: `The objection deadline (${dueAt.toISOString()}) has passed.` },
        [],
        { dueAt },
      );
    }
    const unit = await districtOrThrow(tx, input.district);
    const provisional = await latestProvisionalRun(tx, cycle);
    const indicator = indicatorOf(provisional.framework, input.indicator);
    if (input.evidenceId != null) {
      const file = await findEvidenceFile(tx, input.evidenceId);
      if (!file) throw notFound({ ko: `증빙자료 ${input.evidenceId}`, en: `Evidence file ${input.evidenceId}` });
      if (file.orgUnitId !== unit.id) throw forbidden({ ko: '다른 기관의 증빙자료는 첨부할 수 없습니다.', en: 'Evidence uploaded for another unit cannot be attached.' });
    }
    if (await openObjectionExists(tx, cycle.id, unit.id, indicator.code)) {
      throw new DomainError('conflict', 'objection_exists', {
        ko: `${indicator.code} 지표에 대한 이의신청이 이미 접수되어 처리를 기다리고 있습니다.`,
        en: `An objection to ${indicator.code} is already waiting for a decision.`,
      });
    }
    const row = await insertObjection(tx, {
      cycleId: cycle.id,
      orgUnitId: unit.id,
      indicatorCode: indicator.code,
      runId: provisional.run.id,
      reason,
      requestedValue: input.requestedValue ?? null,
      evidenceId: input.evidenceId ?? null,
      filedBy: principal.user.id,
      filedAt: now,
    });
    await appendAudit(tx, actorOf(principal), {
      action: 'objection.filed',
      entityType: 'objection',
      entityId: row.id,
      orgUnitCode: unit.code,
      after: { indicator: indicator.code, runId: provisional.run.id, requestedValue: row.requestedValue, evidenceId: row.evidenceId, reason },
      reason,
    });
    await notify(tx, { role: 'city_admin' }, 'objection_filed', {
      year,
      orgUnitCode: unit.code,
      indicator: indicator.code,
      objectionId: row.id,
      link: `/cycles/${year}/objections`,
      message: {
        ko: `${unit.name}에서 ${year}년 ${indicator.code} ${indicator.name.ko} 지표에 이의신청했습니다.`,
        en: `${unit.code} filed an objection to ${year} ${indicator.code} ${indicator.name.en}.`,
      },
    });
    return objectionView((await findObjection(tx, row.id))!, provisional.framework, provisional.outcome);
  });
}
