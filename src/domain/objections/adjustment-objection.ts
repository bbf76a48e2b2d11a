import type { Db } from '../../db/client.js';
import { findAdjustment, openAdjustmentObjectionExists, type AdjustmentDetail } from '../../db/repositories/adjustments.js';
import { decidersOf, findObjection, insertObjection, type ObjectionDetail } from '../../db/repositories/objections.js';
import { findEvidenceFile } from '../../db/repositories/submissions.js';
import { updateAdjustment, liveAdjustmentsOfUnit } from '../../db/repositories/adjustments.js';
import type { DbOrTx } from '../../db/tx.js';
import { checkEntry, ruleOrThrow, signedPoints } from '../adjustments/adjustment-rules.js';
import { auditState } from '../adjustments/adjustment-view.js';
import { adjustmentConfigOf, withdrawEntry } from '../adjustments/enter-adjustment.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf } from '../authz.js';
import { cycleOrThrow } from '../cycle-lookup.js';
import { DomainError, forbidden, notFound, type FieldProblem } from '../errors.js';
import { requireDistrictMember } from './file-objection.js';
import { notifyDeciders } from './objection-notify.js';
import { objectionSchedule, requireBefore } from './objection-schedule.js';
import type { ObjectionView } from './objection-view.js';
import { latestProvisionalRun } from './provisional-run.js';
import { viewsOf, viewerFor } from './read-objections.js';

export interface AdjustmentObjectionInput {
  reason: string;
  /** The points the district asks for instead (0: none at all); absent: it asks for the entry to go. */
  requestedPoints?: number | null | undefined;
  evidenceId?: number | null | undefined;
}

const invalid = (code: string, problems: FieldProblem[]) =>
  new DomainError('invalid', code, problems[0]?.message ?? { ko: '입력이 올바르지 않습니다.', en: 'The input is invalid.' }, problems);

/** Points asked for or decided must keep the rule's sign (0 = drop the entry). */
function pointsProblem(kind: 'bonus' | 'penalty', points: number, path: string): FieldProblem | null {
  if (!Number.isFinite(points)) return { path, message: { ko: '숫자를 입력하세요.', en: 'Enter a number.' } };
  if ((kind === 'penalty' && points > 0) || (kind === 'bonus' && points < 0)) {
    return kind === 'penalty'
      ? { path, message: { ko: '감점은 0 또는 음수로 적습니다.', en: 'A penalty is 0 or negative.' } }
      : { path, message: { ko: '가점은 0 또는 양수로 적습니다.', en: 'A bonus is 0 or positive.' } };
  }
  return null;
}

/**
 * A district objects to one of its own 가점·감점 entries (an automatic late penalty or the city's), through the
 * objection workflow: during the cycle's objection stage and before the filing deadline, with a reason, optionally
 * the points it asks for and evidence of its own. One open objection per entry; the deciders are notified; audited.
 * The objection's `indicatorCode` holds the entry's rule code and `adjustmentId` the entry.
 */
export async function fileAdjustmentObjection(
  db: Db,
  principal: Principal | null,
  adjustmentId: number,
  input: AdjustmentObjectionInput,
  now = new Date(),
): Promise<ObjectionView> {
  const found = await findAdjustment(db, adjustmentId);
  if (!found) throw notFound({ ko: `가점·감점 ${adjustmentId}`, en: `Adjustment ${adjustmentId}` });
  requireDistrictMember(principal, found.orgUnitCode);
  const reason = input.reason.trim();
  if (!reason)
    throw invalid('reason_required', [{ path: 'body.reason', message: { ko: '이의신청 사유를 입력하세요.', en: 'Enter the reason for the objection.' } }]);
  return db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, found.year);
    if (cycle.status !== 'objections') {
      throw new DomainError('conflict', 'objections_closed', { ko: '지금은 이의신청 기간이 아닙니다.', en: 'The cycle is not in its objection period.' }, [], {
        cycleStatus: cycle.status,
      });
    }
    const schedule = await objectionSchedule(tx, cycle.id);
    requireBefore(schedule.filingDueAt, now, 'objection_deadline_passed', { ko: '이의신청', en: 'objection filing' });
    const entry = (await findAdjustment(tx, adjustmentId))!;
    if (entry.status !== 'confirmed') {
      throw new DomainError('conflict', 'adjustment_not_in_effect', {
        ko: '반영된 가점·감점에만 이의신청할 수 있습니다.',
        en: 'Only an adjustment in effect can be objected to.',
      });
    }
    const rule = ruleOrThrow(await adjustmentConfigOf(tx, entry.year), entry.ruleCode);
    const requested = input.requestedPoints ?? null;
    const problem = requested === null ? null : pointsProblem(rule.kind, requested, 'body.requestedPoints');
    if (problem) throw invalid('requested_value_invalid', [problem]);
    let evidenceId: number | null = null;
    if (input.evidenceId != null) {
      const file = await findEvidenceFile(tx, input.evidenceId);
      if (!file) throw notFound({ ko: `증빙자료 ${input.evidenceId}`, en: `Evidence file ${input.evidenceId}` });
      if (file.orgUnitId !== entry.orgUnitId) {
        throw forbidden({ ko: '자기 자치구에서 올린 증빙자료만 첨부할 수 있습니다.', en: 'Only evidence uploaded for your own district can be attached.' });
      }
      evidenceId = file.id;
    }
    if (await openAdjustmentObjectionExists(tx, entry.id)) {
      throw new DomainError('conflict', 'objection_exists', {
        ko: `이 가점·감점(${entry.ruleCode} ${signedPoints(entry.points)}점)에 대한 이의신청이 이미 처리를 기다리고 있습니다.`,
        en: `An objection to this adjustment (${entry.ruleCode} ${signedPoints(entry.points)}) is already waiting for a decision.`,
      });
    }
    const provisional = await latestProvisionalRun(tx, cycle);
    const row = await insertObjection(tx, {
      cycleId: cycle.id,
      orgUnitId: entry.orgUnitId,
      filerOrgUnitId: entry.orgUnitId,
      indicatorCode: entry.ruleCode,
      adjustmentId: entry.id,
      runId: provisional.run.id,
      reason,
      requestedValue: requested,
      evidenceId,
      filedBy: principal!.user.id,
      filedAt: now,
    });
    await appendAudit(tx, actorOf(principal!), {
      action: 'objection.filed',
      entityType: 'objection',
      entityId: row.id,
      orgUnitCode: entry.orgUnitCode,
      after: {
        district: entry.orgUnitCode,
        adjustmentId: entry.id,
        rule: entry.ruleCode,
        points: entry.points,
        requestedPoints: requested,
        evidenceId,
        reason,
      },
      reason,
    });
    await notifyDeciders(tx, await decidersOf(tx, cycle.id), 'objection_filed', {
      year: entry.year,
      orgUnitCode: entry.orgUnitCode,
      filerCode: entry.orgUnitCode,
      indicator: entry.ruleCode,
      adjustmentId: entry.id,
      objectionId: row.id,
      link: `/cycles/${entry.year}/objections`,
      message: {
        ko: `${entry.orgUnitName}에서 ${entry.year}년 가점·감점 ${rule.name.ko} ${signedPoints(entry.points)}점에 이의신청했습니다.`,
        en: `${entry.orgUnitCode} objected to its ${entry.year} adjustment ${rule.name.en} ${signedPoints(entry.points)}.`,
      },
    });
    return (await viewsOf(tx, [(await findObjection(tx, row.id))!], await viewerFor(tx, principal, cycle, now)))[0]!;
  });
}

/**
 * Carries out a decision on an objection to an entry: accepted with corrected points changes the entry to them (0 or
 * none: the entry is withdrawn), checked against the rule and caps; the decision is the second look, so a changed
 * entry stays confirmed. Rejected: the entry stays. Audited on the entry; returns what the entry became.
 */
export async function settleAdjustmentObjection(
  tx: DbOrTx,
  principal: Principal,
  objection: ObjectionDetail,
  accept: boolean,
  corrected: number | null,
  reason: string,
  now: Date,
): Promise<{ points: number | null; withdrawn: boolean } | null> {
  if (!accept || objection.adjustmentId === null) return null;
  const entry: AdjustmentDetail | null = await findAdjustment(tx, objection.adjustmentId);
  if (!entry || entry.status === 'withdrawn') return null;
  const config = await adjustmentConfigOf(tx, entry.year);
  const rule = ruleOrThrow(config, entry.ruleCode);
  const problem = corrected === null ? null : pointsProblem(rule.kind, corrected, 'body.correctedValue');
  if (problem) throw invalid('out_of_bounds', [problem]);
  const why = `이의신청 #${objection.id} 인용: ${reason}`;
  if (corrected === null || corrected === 0) {
    await withdrawEntry(tx, principal, entry, why, now, 'adjustment.withdrawn_on_objection');
    return { points: null, withdrawn: true };
  }
  const others = (await liveAdjustmentsOfUnit(tx, entry.cycleId, entry.orgUnitId)).filter((a) => a.id !== entry.id);
  checkEntry(
    config,
    { code: entry.orgUnitCode, name: entry.orgUnitName },
    { rule: entry.ruleCode, points: corrected },
    others.map((a) => ({ rule: a.ruleCode, points: a.points })),
  );
  const updated = await updateAdjustment(tx, entry.id, entry.version, { points: corrected, updatedAt: now });
  if (!updated) throw new DomainError('conflict', 'stale_version', { ko: '가점·감점이 그 사이에 바뀌었습니다.', en: 'The adjustment changed meanwhile.' });
  await appendAudit(tx, actorOf(principal), {
    action: 'adjustment.changed_on_objection',
    entityType: 'adjustment',
    entityId: entry.id,
    orgUnitCode: entry.orgUnitCode,
    before: auditState(entry),
    after: auditState(updated),
    reason: why,
  });
  return { points: corrected, withdrawn: false };
}
