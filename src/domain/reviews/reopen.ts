import { latestItemEvents, listAssignments, lockCycle, reopenAssignments, type AssignmentRow } from '../../db/repositories/reviews.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit, type Actor } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireRole } from '../authz.js';
import { DomainError } from '../errors.js';
import { cycleOrThrow, qualitativeIndicators, requireRoundClosed, reviewRoundState } from './round-state.js';
import { josaPick } from '../../korean.js';

/** Audit actions that open and close one item for re-review after the round closed; the log is the item's state. */
export const ITEM_REOPENED = 'review.item_reopened';
export const ITEM_CLOSED = 'review.item_closed';

const itemId = (year: number, orgUnitCode: string, indicatorCode: string) => `${year}/${orgUnitCode}/${indicatorCode}`;

/** Why and when one item was reopened for re-review (the latest `review.item_reopened` audit entry). */
export interface Rereview {
  reason: string | null;
  reopenedAt: string;
}

/** Items (`<org unit code>/<indicator>`) of the year that are open for re-review now, with the reopening's reason. */
export async function reopenedItemDetails(db: DbOrTx, year: number): Promise<Map<string, Rereview>> {
  const prefix = `${year}/`;
  const open = new Map<string, Rereview>();
  for (const [id, e] of await latestItemEvents(db, year)) {
    if (e.action === ITEM_REOPENED) open.set(id.slice(prefix.length), { reason: e.reason, reopenedAt: new Date(e.at).toISOString() });
  }
  return open;
}

/** Items (`<org unit code>/<indicator>`) of the year that are open for re-review now. */
export async function reopenedItems(db: DbOrTx, year: number): Promise<Set<string>> {
  return new Set((await reopenedItemDetails(db, year)).keys());
}

/** The submitted score sheets of one district × qualitative item: the panel that scored it. */
export async function panelSheets(db: DbOrTx, cycleId: number, orgUnitCode: string, indicatorCode: string): Promise<AssignmentRow[]> {
  return (await listAssignments(db, cycleId)).filter((a) => a.orgUnitCode === orgUnitCode && a.indicatorCode === indicatorCode && a.status === 'submitted');
}

/**
 * Reopens one district × qualitative item for re-review after the round closed (e.g. an accepted objection on a
 * qualitative item): its submitted score sheets go back to draft, scores and comments kept, and the same reviewers
 * may change and submit them again whatever the cycle's stage. When the last of them submits, the item closes again
 * by itself ({@link closeItemIfComplete}); until then {@link panelScores} refuses to feed a scoring run. City admin
 * only (a database or the caller's transaction); audited with the reason.
 *
 * @throws DomainError `review_round_open` while the round itself is still open (nothing to reopen);
 *   `not_qualitative` for an item that is not a qualitative indicator; `nothing_to_reopen` without submitted sheets.
 */
export async function reopenReviewItem(
  db: DbOrTx,
  principal: Principal | null,
  year: number,
  input: { orgUnitCode: string; indicatorCode: string; reason: string },
): Promise<{ reopened: number }> {
  requireRole(principal, 'city_admin');
  const actor = actorOf(principal);
  // Inside a caller's transaction this is a savepoint: the reopening commits or rolls back with the caller's.
  return db.transaction((tx) => reopenItemForRereview(tx, actor, year, input));
}

/**
 * The reopening itself, for a caller that has already checked who may do it — the objection decision, whose
 * deciders may be a committee rather than city admins. Runs in the caller's transaction.
 */
export async function reopenItemForRereview(
  tx: DbOrTx,
  actor: Actor,
  year: number,
  input: { orgUnitCode: string; indicatorCode: string; reason: string; objectionId?: number },
): Promise<{ reopened: number }> {
  const cycle = await cycleOrThrow(tx, year);
  await lockCycle(tx, cycle.id, 'update');
  requireRoundClosed(await reviewRoundState(tx, year), year);
  if (!(await qualitativeIndicators(tx, year)).has(input.indicatorCode)) {
    throw new DomainError('invalid', 'not_qualitative', {
      ko: `${input.indicatorCode}${josaPick(input.indicatorCode, '은/는')} 정성 지표가 아닙니다.`,
      en: `${input.indicatorCode} is not a qualitative indicator.`,
    });
  }
  const rows = await panelSheets(tx, cycle.id, input.orgUnitCode, input.indicatorCode);
  if (rows.length === 0) {
    throw new DomainError('conflict', 'nothing_to_reopen', {
      ko: `${input.orgUnitCode} ${input.indicatorCode}에는 다시 평가할 제출된 채점표가 없습니다.`,
      en: `${input.orgUnitCode} ${input.indicatorCode} has no submitted score sheet to re-review.`,
    });
  }
  const reopened = await reopenAssignments(
    tx,
    rows.map((r) => r.id),
  );
  await appendAudit(tx, actor, {
    action: ITEM_REOPENED,
    entityType: 'review_item',
    entityId: itemId(year, input.orgUnitCode, input.indicatorCode),
    orgUnitCode: input.orgUnitCode,
    before: rows.map((r) => ({ id: r.id, reviewer: r.reviewerUsername, total: r.total })),
    ...(input.objectionId === undefined ? {} : { after: { objectionId: input.objectionId } }),
    reason: input.reason,
  });
  return { reopened };
}

/** After a re-review submission: closes the item again once every one of its sheets is submitted. */
export async function closeItemIfComplete(tx: DbOrTx, actor: Actor, year: number, cycleId: number, orgUnitCode: string, indicatorCode: string): Promise<void> {
  const rows = (await listAssignments(tx, cycleId)).filter((a) => a.orgUnitCode === orgUnitCode && a.indicatorCode === indicatorCode);
  if (rows.some((r) => r.status !== 'submitted')) return;
  await appendAudit(tx, actor, {
    action: ITEM_CLOSED,
    entityType: 'review_item',
    entityId: itemId(year, orgUnitCode, indicatorCode),
    orgUnitCode,
    after: rows.map((r) => ({ id: r.id, reviewer: r.reviewerUsername, total: r.total })),
  });
}
