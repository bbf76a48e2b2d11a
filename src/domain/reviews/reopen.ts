import { listAssignments, updateAssignmentScores, type AssignmentRow } from '../../db/repositories/reviews.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit, type Actor } from '../audit.js';
import { DomainError } from '../errors.js';

/** The submitted score sheets of one district × qualitative item: the panel that scored it. */
export async function panelSheets(db: DbOrTx, cycleId: number, orgUnitCode: string, indicatorCode: string): Promise<AssignmentRow[]> {
  return (await listAssignments(db, cycleId)).filter((r) => r.orgUnitCode === orgUnitCode && r.indicatorCode === indicatorCode && r.status === 'submitted');
}

/**
 * Reopens submitted score sheets for re-review after an accepted objection (the round stays closed for everything
 * else): each sheet goes back to draft with its scores kept, so its reviewer rescores it during the objection stage
 * and the new trimmed mean feeds the final run. Each reopening is audited with why.
 */
export async function reopenForRereview(tx: DbOrTx, actor: Actor, year: number, sheets: AssignmentRow[], because: { objectionId: number; reason: string | null }): Promise<number> {
  for (const s of sheets) {
    const ok = await updateAssignmentScores(tx, s.id, s.version, { scores: s.scores ?? {}, total: s.total, comment: s.comment, status: 'draft', submittedAt: null });
    if (!ok) {
      throw new DomainError('conflict', 'stale_version', { ko: '평가표가 그사이 바뀌었습니다. 다시 시도하세요.', en: 'A score sheet changed meanwhile; try again.' });
    }
    await appendAudit(tx, actor, {
      action: 'review.reopened',
      entityType: 'review_assignment',
      entityId: s.id,
      orgUnitCode: s.orgUnitCode,
      before: { status: s.status, total: s.total },
      after: { status: 'draft', indicatorCode: s.indicatorCode, year, objectionId: because.objectionId },
      reason: because.reason,
    });
  }
  return sheets.length;
}

/** Whether a sheet may be rescored now: reopened by an accepted objection, in the objection stage. */
export function isReopened(cycleStatus: string, row: Pick<AssignmentRow, 'status'>): boolean {
  // After the round closes every remaining sheet is submitted (unsubmitted ones are dropped), so an unsubmitted sheet
  // in the objection stage is one an objection reopened.
  return cycleStatus === 'objections' && row.status !== 'submitted';
}
