import type { Db } from '../../db/client.js';
import { decidersOf, findObjection, insertObjection, openObjectionExists } from '../../db/repositories/objections.js';
import { findEvidenceFile } from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, districtsOf } from '../authz.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import { DomainError, forbidden, notFound, type Message } from '../errors.js';
import { districtOrThrow, indicatorOf } from '../submissions/index.js';
import { speaksFor } from './objection-access.js';
import { notifyDeciders, notifyDistricts } from './objection-notify.js';
import { kst, objectionSchedule, requireBefore } from './objection-schedule.js';
import { objectionValueProblems } from './objection-value.js';
import { viewsOf, viewerFor } from './read-objections.js';
import type { ObjectionView } from './objection-view.js';
import { latestProvisionalRun } from './provisional-run.js';

export interface FileObjectionInput {
  /** The district whose figure is contested: the filer's own or another. */
  district: string;
  indicator: string;
  reason: string;
  requestedValue?: number | null | undefined;
  evidenceId?: number | null | undefined;
  /** The filing district, for a user who speaks for several; otherwise their one district. */
  filer?: string | null | undefined;
}

/** District officers and approvers speak for their own district. */
export function requireDistrictMember(principal: Principal | null, code: string): asserts principal is Principal {
  if (!speaksFor(principal, code)) {
    throw forbidden({ ko: '소속 자치구의 담당자·승인자만 할 수 있습니다.', en: 'Only the officers and approvers of the district can do this.' });
  }
}

/** The district a filing speaks for: the one asked for (theirs), the contested one when it is theirs, or their only one. */
function filingDistrict(principal: Principal | null, input: FileObjectionInput): string {
  const own = districtsOf(principal, 'district_officer', 'district_approver');
  const chosen = input.filer ?? (own.includes(input.district) ? input.district : own.length === 1 ? own[0] : undefined);
  if (own.length === 0 || (input.filer && !own.includes(input.filer))) {
    throw forbidden({ ko: '자치구 담당자·승인자만 이의신청할 수 있습니다.', en: 'Only district officers and approvers can file objections.' });
  }
  if (!chosen) {
    throw new DomainError('invalid', 'filer_required', { ko: '어느 자치구 이름으로 신청하는지 고르세요.', en: 'Choose the district you file for.' }, [
      { path: 'body.filer', message: { ko: '신청 자치구를 고르세요.', en: 'Choose the filing district.' } },
    ]);
  }
  return chosen;
}

async function evidenceOf(tx: DbOrTx, id: number | null | undefined, unitId: number, path: string): Promise<number | null> {
  if (id == null) return null;
  const file = await findEvidenceFile(tx, id);
  if (!file) throw notFound({ ko: `증빙자료 ${id}`, en: `Evidence file ${id}` });
  if (file.orgUnitId !== unitId) {
    throw new DomainError(
      'forbidden',
      'evidence_of_other_unit',
      { ko: '자기 자치구에서 올린 증빙자료만 첨부할 수 있습니다.', en: 'Only evidence uploaded for your own district can be attached.' },
      [{ path, message: { ko: '다른 기관의 증빙자료입니다.', en: 'This file belongs to another unit.' } }],
    );
  }
  return file.id;
}

/**
 * 이의신청, as the national joint evaluation runs it: every district sees all provisional figures, and a district
 * officer or approver contests one indicator of their own district or of another, while the cycle is in its
 * objection stage and until the filing deadline. A reason is required (bounded by the route); a requested value is
 * checked against the indicator's bounds and unit; an evidence file must be the filing district's. One open
 * objection per filing district × contested district × indicator. The contested district (when another) is asked to
 * reply and the deciders are notified; audited.
 */
export async function fileObjection(db: Db, principal: Principal | null, year: number, input: FileObjectionInput, now = new Date()): Promise<ObjectionView> {
  const filerCode = filingDistrict(principal, input);
  requireDistrictMember(principal, filerCode);
  const reason = input.reason.trim();
  if (!reason) {
    throw new DomainError('invalid', 'reason_required', { ko: '이의신청 사유를 입력하세요.', en: 'Enter the reason for the objection.' }, [
      { path: 'body.reason', message: { ko: '사유를 입력하세요.', en: 'Enter a reason.' } },
    ]);
  }
  return db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    if (cycle.status !== 'objections') {
      throw new DomainError('conflict', 'objections_closed', { ko: '지금은 이의신청 기간이 아닙니다.', en: 'The cycle is not in its objection period.' }, [], {
        cycleStatus: cycle.status,
      });
    }
    const schedule = await objectionSchedule(tx, cycle.id);
    requireBefore(schedule.filingDueAt, now, 'objection_deadline_passed', { ko: '이의신청', en: 'objection filing' });
    const unit = await districtOrThrow(tx, input.district);
    const filer = unit.code === filerCode ? unit : await districtOrThrow(tx, filerCode);
    const provisional = await latestProvisionalRun(tx, cycle);
    const indicator = indicatorOf(provisional.framework, input.indicator);
    const requested = input.requestedValue ?? null;
    if (requested !== null) {
      const problems = objectionValueProblems(indicator, requested, 'body.requestedValue');
      if (problems.length)
        throw new DomainError(
          'invalid',
          'requested_value_invalid',
          { ko: '요청 값이 지표에 맞지 않습니다.', en: 'The requested value does not fit the indicator.' },
          problems,
        );
    }
    const evidenceId = await evidenceOf(tx, input.evidenceId, filer.id, 'body.evidenceId');
    if (await openObjectionExists(tx, cycle.id, filer.id, unit.id, indicator.code)) {
      throw new DomainError('conflict', 'objection_exists', {
        ko: `${unit.name} ${indicator.code} 지표에 대한 이의신청이 이미 접수되어 처리를 기다리고 있습니다.`,
        en: `An objection to ${unit.code} ${indicator.code} is already waiting for a decision.`,
      });
    }
    const row = await insertObjection(tx, {
      cycleId: cycle.id,
      orgUnitId: unit.id,
      filerOrgUnitId: filer.id,
      indicatorCode: indicator.code,
      runId: provisional.run.id,
      reason,
      requestedValue: requested,
      evidenceId,
      filedBy: principal!.user.id,
      filedAt: now,
    });
    const cross = filer.id !== unit.id;
    await appendAudit(tx, actorOf(principal!), {
      action: 'objection.filed',
      entityType: 'objection',
      entityId: row.id,
      orgUnitCode: unit.code,
      after: {
        filer: filer.code,
        district: unit.code,
        indicator: indicator.code,
        runId: provisional.run.id,
        requestedValue: row.requestedValue,
        evidenceId: row.evidenceId,
        reason,
      },
      reason,
    });
    const about: Message = cross
      ? {
          ko: `${filer.name}에서 ${unit.name}의 ${year}년 ${indicator.code} ${indicator.name.ko} 지표에 이의신청했습니다.`,
          en: `${filer.code} filed an objection to ${unit.code}'s ${year} ${indicator.code} ${indicator.name.en}.`,
        }
      : {
          ko: `${unit.name}에서 ${year}년 ${indicator.code} ${indicator.name.ko} 지표에 이의신청했습니다.`,
          en: `${unit.code} filed an objection to ${year} ${indicator.code} ${indicator.name.en}.`,
        };
    const facts = { year, orgUnitCode: unit.code, filerCode: filer.code, indicator: indicator.code, objectionId: row.id, link: `/cycles/${year}/objections` };
    const committee = await decidersOf(tx, cycle.id);
    await notifyDeciders(tx, committee, 'objection_filed', { ...facts, message: about });
    if (cross) {
      const due = schedule.replyDueAt ? kst(schedule.replyDueAt) : null;
      await notifyDistricts(tx, [unit.code], 'objection_reply_requested', {
        ...facts,
        replyDueAt: schedule.replyDueAt,
        message: {
          ko: `${about.ko} ${due ? `${due.ko}까지 ` : ''}답변할 수 있습니다.`,
          en: `${about.en} You may reply${due ? ` until ${due.en}` : ''}.`,
        },
      });
    }
    return (await viewsOf(tx, [(await findObjection(tx, row.id))!], await viewerFor(tx, principal, cycle, now)))[0]!;
  });
}
