import type { Db } from '../../db/client.js';
import { decidersOf, findObjection, updateObjection, type ObjectionDetail } from '../../db/repositories/objections.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import type { Principal } from '../auth.js';
import { actorOf } from '../authz.js';
import { DomainError, forbidden, notFound, type FieldProblem } from '../errors.js';
import { notify } from '../notifications/notify.js';
import { panelSheets, reopenItemForRereview } from '../reviews/index.js';
import { requireDecider } from './objection-access.js';
import { notifyDistricts } from './objection-notify.js';
import { kst, objectionSchedule, requireBefore } from './objection-schedule.js';
import { objectionValueProblems } from './objection-value.js';
import { objectionStage, type ObjectionView } from './objection-view.js';
import { openObjection, stale } from './open-objection.js';
import { runById } from './provisional-run.js';
import { viewOf } from './read-objections.js';
import { requireDistrictMember } from './file-objection.js';
import { settleAdjustmentObjection } from './adjustment-objection.js';
import { josaPick } from '../../korean.js';

export interface DecideObjectionInput {
  decision: 'accept' | 'reject';
  version: number;
  /**
   * Accepting a quantitative figure: the value the final run will use for this district and indicator (within the
   * indicator's bounds). Accepting a qualitative item the panel scored: none — the panel re-reviews it instead.
   */
  correctedValue?: number | null | undefined;
  /** Why: required either way. */
  reason?: string | null | undefined;
}

const incomplete = (problems: FieldProblem[]) =>
  new DomainError('invalid', 'decision_incomplete', { ko: '결정 내용이 모자랍니다.', en: 'The decision is incomplete.' }, problems);

/**
 * Decides an objection with reasons: the cycle's committee when one is named, otherwise the city admins — never
 * about a district the decider belongs to, nor their own filing. Only once the contested district has replied or its
 * reply window has closed, and before the decision deadline. Accept sets a corrected value (which the final scoring
 * run applies), or, on a qualitative item the panel scored, reopens the panel's score sheets for re-review (their new
 * trimmed mean feeds the final run); reject keeps the values. Both districts are notified (and the reviewers of a
 * reopened item); audited; optimistic on `version`.
 */
export async function decideObjection(db: Db, principal: Principal | null, id: number, input: DecideObjectionInput, now = new Date()): Promise<ObjectionView> {
  if (!principal) throw forbidden();
  const found = await findObjection(db, id);
  if (!found) throw notFound({ ko: `이의신청 ${id}`, en: `Objection ${id}` });
  requireDecider(principal, await decidersOf(db, (await cycleOrThrow(db, found.year)).id), found);
  const reason = input.reason?.trim() || null;
  if (!reason) {
    throw incomplete([
      {
        path: 'body.reason',
        message:
          input.decision === 'accept'
            ? { ko: '받아들이는 이유를 입력하세요.', en: 'Give the reason for accepting.' }
            : { ko: '기각 사유를 입력하세요.', en: 'Rejecting needs a reason.' },
      },
    ]);
  }
  await db.transaction(async (tx) => {
    const { row, cycle } = await openObjection(tx, principal, id, input.version);
    // Again inside the transaction: the committee may have changed meanwhile.
    requireDecider(principal, await decidersOf(tx, cycle.id), row);
    const schedule = await objectionSchedule(tx, cycle.id);
    if (objectionStage(row, schedule, now) === 'awaiting_reply') {
      const due = schedule.replyDueAt ? kst(schedule.replyDueAt) : null;
      throw new DomainError('conflict', 'awaiting_reply', {
        ko: `${row.orgUnitName}의 답변을 기다리고 있습니다${due ? ` (답변 기한 ${due.ko})` : ''}. 답변이 오거나 기한이 지난 뒤 결정할 수 있습니다.`,
        en: `Waiting for ${row.orgUnitCode}'s reply${due ? ` (due ${due.en})` : ''}; decide once it replies or its window closes.`,
      });
    }
    requireBefore(schedule.decisionDueAt, now, 'decision_deadline_passed', { ko: '이의신청 결정', en: 'decision' });
    if (row.adjustmentId !== null) {
      await decideOnAdjustment(tx, principal, row, input.decision === 'accept', input.correctedValue ?? null, reason, now);
      return;
    }
    const indicator = (await runById(tx, row.runId))?.framework.indicators.find((i) => i.code === row.indicatorCode) ?? null;
    const accept = input.decision === 'accept';
    const sheets = accept && indicator?.kind === 'qualitative' ? await panelSheets(tx, cycle.id, row.orgUnitCode, row.indicatorCode) : [];
    const corrected = accept ? (input.correctedValue ?? null) : null;
    if (sheets.length > 0 && corrected !== null) {
      throw incomplete([
        {
          path: 'body.correctedValue',
          message: {
            ko: '평가위원회가 채점한 정성 지표는 값을 고치지 않고 재심사합니다. 고친 값을 비우세요.',
            en: 'A qualitative item the panel scored is re-reviewed by the panel, not corrected: leave the corrected value empty.',
          },
        },
      ]);
    }
    if (accept && sheets.length === 0) {
      if (corrected === null)
        throw incomplete([{ path: 'body.correctedValue', message: { ko: '받아들이려면 고친 값을 입력하세요.', en: 'Accepting needs the corrected value.' } }]);
      const problems = indicator ? objectionValueProblems(indicator, corrected, 'body.correctedValue') : [];
      if (problems.length)
        throw new DomainError(
          'invalid',
          'out_of_bounds',
          { ko: '고친 값이 지표의 허용 범위를 벗어납니다.', en: "The corrected value is outside the indicator's bounds." },
          problems,
        );
    }
    const actor = actorOf(principal);
    const reopened = sheets.length
      ? (await reopenItemForRereview(tx, actor, row.year, { orgUnitCode: row.orgUnitCode, indicatorCode: row.indicatorCode, reason, objectionId: row.id }))
          .reopened
      : null;
    const updated = await updateObjection(tx, row.id, row.version, {
      status: accept ? 'accepted' : 'rejected',
      correctedValue: corrected,
      decisionReason: reason,
      decidedBy: principal.user.id,
      decidedAt: now,
      reopenedReviews: reopened,
    });
    if (!updated) throw await stale(tx, principal, id);
    await appendAudit(tx, actor, {
      action: accept ? 'objection.accepted' : 'objection.rejected',
      entityType: 'objection',
      entityId: row.id,
      orgUnitCode: row.orgUnitCode,
      before: { status: row.status, correctedValue: row.correctedValue },
      after: { status: updated.status, correctedValue: updated.correctedValue, reopenedReviews: reopened, indicator: row.indicatorCode, filer: row.filerCode },
      reason,
    });
    const name = indicator ? indicator.name : { ko: row.indicatorCode, en: row.indicatorCode };
    const subject = {
      ko: `${row.year}년 ${row.orgUnitName} ${row.indicatorCode} ${name.ko} 이의신청`,
      en: `The objection to ${row.year} ${row.orgUnitCode} ${row.indicatorCode} ${name.en}`,
    };
    const outcome = !accept
      ? { ko: `${subject.ko}${josaPick(subject.ko, '이/가')} 기각되었습니다: ${reason}`, en: `${subject.en} was rejected: ${reason}` }
      : reopened
        ? {
            ko: `${subject.ko}${josaPick(subject.ko, '이/가')} 받아들여져 평가위원회가 재심사합니다.`,
            en: `${subject.en} was accepted; the panel re-reviews the item.`,
          }
        : {
            ko: `${subject.ko}${josaPick(subject.ko, '이/가')} 받아들여졌습니다 (고친 값 ${corrected}).`,
            en: `${subject.en} was accepted (corrected value ${corrected}).`,
          };
    await notifyDistricts(tx, [row.filerCode, row.orgUnitCode], 'objection_decided', {
      year: row.year,
      orgUnitCode: row.orgUnitCode,
      filerCode: row.filerCode,
      indicator: row.indicatorCode,
      objectionId: row.id,
      decision: updated.status,
      correctedValue: corrected,
      reopenedReviews: reopened,
      reason,
      link: `/cycles/${row.year}/objections`,
      message: outcome,
    });
    for (const reviewerId of new Set(sheets.map((s) => s.reviewerId))) {
      await notify(tx, { userId: reviewerId }, 'review_reopened', {
        year: row.year,
        orgUnitCode: row.orgUnitCode,
        indicator: row.indicatorCode,
        objectionId: row.id,
        link: `/reviews/${row.year}`,
        message: {
          ko: `이의신청이 받아들여져 ${row.year}년 ${row.orgUnitName} ${row.indicatorCode} ${name.ko} 평가표를 다시 채점해 주세요.`,
          en: `An accepted objection reopened your ${row.year} ${row.orgUnitCode} ${row.indicatorCode} ${name.en} score sheet: please rescore it.`,
        },
      });
    }
  });
  return viewOf(db, principal, id);
}

/**
 * A decision on an objection to a 가점·감점 entry: accept changes the entry to the corrected points or, without
 * them (or 0), withdraws it; reject keeps it. The objection is closed, audited, and the district notified.
 */
async function decideOnAdjustment(
  tx: DbOrTx,
  principal: Principal,
  row: ObjectionDetail,
  accept: boolean,
  corrected: number | null,
  reason: string,
  now: Date,
): Promise<void> {
  const outcome = await settleAdjustmentObjection(tx, principal, row, accept, corrected, reason, now);
  const updated = await updateObjection(tx, row.id, row.version, {
    status: accept ? 'accepted' : 'rejected',
    correctedValue: accept ? (outcome?.points ?? 0) : null,
    decisionReason: reason,
    decidedBy: principal.user.id,
    decidedAt: now,
  });
  if (!updated) throw await stale(tx, principal, row.id);
  await appendAudit(tx, actorOf(principal), {
    action: accept ? 'objection.accepted' : 'objection.rejected',
    entityType: 'objection',
    entityId: row.id,
    orgUnitCode: row.orgUnitCode,
    before: { status: row.status, correctedValue: row.correctedValue },
    after: {
      status: updated.status,
      correctedValue: updated.correctedValue,
      adjustmentId: row.adjustmentId,
      rule: row.indicatorCode,
      withdrawn: outcome?.withdrawn ?? false,
    },
    reason,
  });
  const subject = {
    ko: `${row.year}년 ${row.orgUnitName} 가점·감점(${row.indicatorCode}) 이의신청`,
    en: `The objection to ${row.year} ${row.orgUnitCode} adjustment ${row.indicatorCode}`,
  };
  const message = !accept
    ? { ko: `${subject.ko}${josaPick(subject.ko, '이/가')} 기각되었습니다: ${reason}`, en: `${subject.en} was rejected: ${reason}` }
    : outcome?.withdrawn
      ? {
          ko: `${subject.ko}${josaPick(subject.ko, '이/가')} 받아들여져 해당 가점·감점이 취소되었습니다.`,
          en: `${subject.en} was accepted; the adjustment was withdrawn.`,
        }
      : {
          ko: `${subject.ko}${josaPick(subject.ko, '이/가')} 받아들여져 ${outcome?.points ?? 0}점으로 바뀌었습니다.`,
          en: `${subject.en} was accepted; it is now ${outcome?.points ?? 0} points.`,
        };
  await notifyDistricts(tx, [row.orgUnitCode], 'objection_decided', {
    year: row.year,
    orgUnitCode: row.orgUnitCode,
    filerCode: row.filerCode,
    indicator: row.indicatorCode,
    adjustmentId: row.adjustmentId,
    objectionId: row.id,
    decision: updated.status,
    correctedValue: updated.correctedValue,
    reason,
    link: `/cycles/${row.year}/adjustments`,
    message,
  });
}

/** The filing district withdraws its open objection during the objection stage. Audited. */
export async function withdrawObjection(db: Db, principal: Principal | null, id: number, input: { version: number }): Promise<ObjectionView> {
  const found = await findObjection(db, id);
  if (!found) throw notFound({ ko: `이의신청 ${id}`, en: `Objection ${id}` });
  requireDistrictMember(principal, found.filerCode);
  await db.transaction(async (tx) => {
    const { row } = await openObjection(tx, principal, id, input.version);
    const updated = await updateObjection(tx, row.id, row.version, { status: 'withdrawn' });
    if (!updated) throw await stale(tx, principal, id);
    await appendAudit(tx, actorOf(principal), {
      action: 'objection.withdrawn',
      entityType: 'objection',
      entityId: row.id,
      orgUnitCode: row.orgUnitCode,
      before: { status: row.status },
      after: { status: 'withdrawn', filer: row.filerCode },
    });
  });
  return viewOf(db, principal, id);
}
