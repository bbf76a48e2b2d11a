import type { Db } from '../../db/client.js';
import { findSubmissionsByIds, updateSubmission, type SubmissionRow } from '../../db/repositories/submissions.js';
import type { DbOrTx } from '../../db/tx.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf, requireRole } from '../authz.js';
import { DomainError, notFound } from '../errors.js';
import { notifyPeople } from '../notifications/notify.js';
import {
  auditState,
  cityMayVerify,
  cycleOrThrow,
  indicatorOf,
  loadDistrictCycle,
  ownersOf,
  reasonRequired,
  requireOtherPerson,
  stageClosed,
  staleVersion,
  submissionLink,
  viewOfItem,
  wrongStatus,
  type DistrictCycle,
  type SubmissionView,
} from '../submissions/index.js';

type Located = SubmissionRow & { orgUnitCode: string };

async function itemOf(tx: DbOrTx, cycleId: number, id: number): Promise<Located> {
  const [row] = await findSubmissionsByIds(tx, [id]);
  if (!row || row.cycleId !== cycleId) throw notFound({ ko: `제출 항목 ${id}`, en: `Submission ${id}` });
  return row;
}

/** The item as it is now: `updated` when the caller has just written it, read again otherwise. */
async function currentView(
  tx: DbOrTx,
  principal: Principal,
  year: number,
  row: Located,
  updated?: SubmissionRow,
  loaded?: DistrictCycle,
): Promise<SubmissionView> {
  const dc = loaded ?? (await loadDistrictCycle(tx, year, row.orgUnitCode));
  const fresh = updated ?? (await findSubmissionsByIds(tx, [row.id]))[0];
  return viewOfItem(tx, principal, dc, indicatorOf(dc.framework, row.indicatorCode), fresh ?? null);
}

async function verifyRow(tx: DbOrTx, principal: Principal, row: Located, now: Date): Promise<SubmissionRow | null> {
  const updated = await updateSubmission(tx, row.id, row.version, { status: 'verified', verifiedAt: now, returnReason: null, updatedBy: principal.user.id });
  if (!updated) return null;
  await appendAudit(tx, actorOf(principal), {
    action: 'submission.verified',
    entityType: 'submission',
    entityId: row.id,
    orgUnitCode: row.orgUnitCode,
    before: auditState(row),
    after: auditState(updated),
  });
  return updated;
}

/**
 * The city verifies one item approved by its district (approved → verified) — in the verification stage, or
 * early while data are still collected. Optimistic on `version`; audited.
 */
export async function verifySubmission(
  db: Db,
  principal: Principal | null,
  year: number,
  input: { id: number; version: number },
  now = new Date(),
): Promise<SubmissionView> {
  requireRole(principal, 'city_admin');
  return db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    const row = await itemOf(tx, cycle.id, input.id);
    if (row.version !== input.version) throw staleVersion(await currentView(tx, principal, year, row));
    if (!cityMayVerify(cycle.status)) throw stageClosed(cycle.status);
    if (row.status !== 'approved') throw wrongStatus(row.status, { ko: '검증', en: 'verified' });
    requireOtherPerson(principal, row, 'verify');
    const updated = await verifyRow(tx, principal, row, now);
    if (!updated) throw staleVersion(await currentView(tx, principal, year, row));
    return currentView(tx, principal, year, row, updated);
  });
}

/**
 * The city returns an item to its district with a reason (submitted, approved or verified → returned); the
 * district's officers are notified and may correct and resubmit it even during verification. Audited.
 */
export async function returnSubmission(
  db: Db,
  principal: Principal | null,
  year: number,
  input: { id: number; version: number; reason: string },
): Promise<SubmissionView> {
  requireRole(principal, 'city_admin');
  const reason = input.reason.trim();
  if (!reason) throw reasonRequired();
  return db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    const row = await itemOf(tx, cycle.id, input.id);
    if (row.version !== input.version) throw staleVersion(await currentView(tx, principal, year, row));
    if (!cityMayVerify(cycle.status)) throw stageClosed(cycle.status);
    if (!['submitted', 'approved', 'verified'].includes(row.status)) throw wrongStatus(row.status, { ko: '반려', en: 'returned' });
    const updated = await updateSubmission(tx, row.id, row.version, {
      status: 'returned',
      returnReason: reason,
      approvedAt: null,
      approvedBy: null,
      verifiedAt: null,
      updatedBy: principal.user.id,
    });
    if (!updated) throw staleVersion(await currentView(tx, principal, year, row));
    await appendAudit(tx, actorOf(principal), {
      action: 'submission.returned_by_city',
      entityType: 'submission',
      entityId: row.id,
      orgUnitCode: row.orgUnitCode,
      before: auditState(row),
      after: auditState(updated),
      reason,
    });
    const dc = await loadDistrictCycle(tx, year, row.orgUnitCode);
    const indicator = indicatorOf(dc.framework, row.indicatorCode);
    // The officers correct it; the approvers, who had approved it, see it come back.
    await notifyPeople(
      tx,
      [
        { role: 'district_officer', orgUnitCode: row.orgUnitCode, orgUnitId: row.orgUnitId },
        { role: 'district_approver', orgUnitCode: row.orgUnitCode, orgUnitId: row.orgUnitId },
      ],
      'item_returned',
      {
        year,
        orgUnitCode: row.orgUnitCode,
        indicator: indicator.code,
        by: 'city_admin',
        reason,
        link: submissionLink(year, row.orgUnitCode, indicator.code),
        message: {
          ko: `${year}년 ${indicator.code} ${indicator.name.ko} 실적을 시에서 반려했습니다: ${reason}`,
          en: `${year} ${indicator.code} ${indicator.name.en} was returned by the city: ${reason}`,
        },
      },
      { except: principal.user.id },
    );
    return currentView(tx, principal, year, row, updated, dc);
  });
}

export interface BulkVerifyResult {
  verified: number[];
}

/**
 * Verifies many approved items at once, all or nothing: if any item is missing, stale (its version moved on) or
 * not approved, nothing is written and a 409 lists each of them with its current version and status.
 */
export async function bulkVerify(
  db: Db,
  principal: Principal | null,
  year: number,
  input: { items: Array<{ id: number; version: number }> },
  now = new Date(),
): Promise<BulkVerifyResult> {
  requireRole(principal, 'city_admin');
  return db.transaction(async (tx) => {
    const cycle = await cycleOrThrow(tx, year);
    if (!cityMayVerify(cycle.status)) throw stageClosed(cycle.status);
    const ids = [...new Set(input.items.map((i) => i.id))];
    const rows = new Map((await findSubmissionsByIds(tx, ids)).filter((r) => r.cycleId === cycle.id).map((r) => [r.id, r]));
    const missing: number[] = [];
    const stale: Array<{ id: number; version: number; status: string }> = [];
    const notApproved: Array<{ id: number; version: number; status: string }> = [];
    const ownWork: Array<{ id: number; version: number; status: string }> = [];
    for (const item of input.items) {
      const row = rows.get(item.id);
      if (!row) missing.push(item.id);
      else if (row.version !== item.version) stale.push({ id: row.id, version: row.version, status: row.status });
      else if (row.status !== 'approved') notApproved.push({ id: row.id, version: row.version, status: row.status });
      else if (ownersOf(row, 'verify').includes(principal.user.id)) ownWork.push({ id: row.id, version: row.version, status: row.status });
    }
    const reject = () =>
      new DomainError(
        'conflict',
        'bulk_verify_rejected',
        {
          ko: `일괄 검증을 하지 않았습니다: 최신이 아닌 항목 ${stale.length}건, 구 승인 상태가 아닌 항목 ${notApproved.length}건, 직접 고치거나 제출·승인한 항목 ${ownWork.length}건, 없는 항목 ${missing.length}건.`,
          en: `Nothing was verified: ${stale.length} stale, ${notApproved.length} not approved, ${ownWork.length} changed, submitted or approved by you, ${missing.length} unknown item(s).`,
        },
        [],
        { stale, notApproved, ownWork, missing },
      );
    if (missing.length || stale.length || notApproved.length || ownWork.length) throw reject();
    const verified: number[] = [];
    for (const item of input.items) {
      const row = rows.get(item.id)!;
      if (verified.includes(row.id)) continue;
      if (!(await verifyRow(tx, principal, row, now))) {
        const [fresh] = await findSubmissionsByIds(tx, [row.id]);
        stale.push({ id: row.id, version: fresh?.version ?? row.version, status: fresh?.status ?? row.status });
        throw reject();
      }
      verified.push(row.id);
    }
    return { verified };
  });
}
