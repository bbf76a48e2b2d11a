import type { Db } from '../../db/client.js';
import { findSubmission, updateSubmission } from '../../db/repositories/submissions.js';
import { appendAudit } from '../audit.js';
import type { Principal } from '../auth.js';
import { actorOf } from '../authz.js';
import { notifyPeople } from '../notifications/notify.js';
import { indicatorOf, loadDistrictItem, staleVersion } from './district-cycle.js';
import { viewOfItem } from './read-submissions.js';
import { approverMayAct, reasonRequired, requireApproverOf, requireOtherPerson, stageClosed, wrongStatus } from './submission-rules.js';
import { auditState, type SubmissionView } from './submission-view.js';

export const submissionLink = (year: number, code: string, indicator: string) => `/cycles/${year}/districts/${code}/submissions/${indicator}`;

/**
 * The district approver (section chief) decides on a submitted item: approve it for the city (submitted → approved),
 * or return it to the officer with a reason (submitted or approved → returned). Officers are notified; audited;
 * optimistic on `version`.
 */
async function decide(
  db: Db,
  principal: Principal | null,
  year: number,
  code: string,
  indicatorCode: string,
  input: { version: number; reason?: string | null | undefined },
  decision: 'approve' | 'return',
  now: Date,
): Promise<SubmissionView> {
  requireApproverOf(principal, code);
  const reason = input.reason?.trim() || null;
  if (decision === 'return' && !reason) throw reasonRequired();
  return db.transaction(async (tx) => {
    const { dc, row } = await loadDistrictItem(tx, year, code, indicatorCode);
    const indicator = indicatorOf(dc.framework, indicatorCode);
    if ((row?.version ?? 0) !== input.version) throw staleVersion(await viewOfItem(tx, principal, dc, indicator, row));
    const action = decision === 'approve' ? { ko: '승인', en: 'approved' } : { ko: '반려', en: 'returned' };
    if (!row) throw wrongStatus('not_started', action);
    const allowed = decision === 'approve' ? row.status === 'submitted' : row.status === 'submitted' || row.status === 'approved';
    if (!allowed) throw wrongStatus(row.status, action);
    if (!approverMayAct(dc.cycle.status)) throw stageClosed(dc.cycle.status);
    if (decision === 'approve') requireOtherPerson(principal, row, 'approve');
    const updated = await updateSubmission(
      tx,
      row.id,
      row.version,
      decision === 'approve'
        ? { status: 'approved', approvedAt: now, approvedBy: principal.user.id, updatedBy: principal.user.id }
        : { status: 'returned', returnReason: reason, approvedAt: null, approvedBy: null, updatedBy: principal.user.id },
    );
    if (!updated) throw staleVersion(await viewOfItem(tx, principal, dc, indicator, await findSubmission(tx, dc.cycle.id, dc.unit.id, indicatorCode)));
    await appendAudit(tx, actorOf(principal), {
      action: decision === 'approve' ? 'submission.approved' : 'submission.returned_by_district',
      entityType: 'submission',
      entityId: row.id,
      orgUnitCode: code,
      before: auditState(row),
      after: auditState(updated),
      reason,
    });
    const label = `${indicator.code} ${indicator.name.ko}`;
    const base = { year, orgUnitCode: code, indicator: indicator.code, link: submissionLink(year, code, indicator.code) };
    const except = { except: principal.user.id };
    if (decision === 'approve') {
      await notifyPeople(
        tx,
        [{ role: 'district_officer', orgUnitCode: code, orgUnitId: dc.unit.id }],
        'submission_approved',
        {
          ...base,
          message: {
            ko: `${year}년 ${label} 실적이 구에서 승인되어 시로 넘어갔습니다.`,
            en: `${year} ${indicator.code} ${indicator.name.en}: approved by the district and passed to the city.`,
          },
        },
        except,
      );
      await notifyPeople(
        tx,
        [{ role: 'city_admin' }],
        'submission_approved',
        {
          ...base,
          forVerification: true,
          message: {
            ko: `${year}년 ${dc.unit.name} ${label} 실적이 구 승인되어 검증을 기다립니다.`,
            en: `${year} ${dc.unit.name} ${indicator.code} ${indicator.name.en} was approved by the district and waits for verification.`,
          },
        },
        except,
      );
    } else {
      // The officers must correct it; the district's other approvers see that it went back.
      await notifyPeople(
        tx,
        [
          { role: 'district_officer', orgUnitCode: code, orgUnitId: dc.unit.id },
          { role: 'district_approver', orgUnitCode: code, orgUnitId: dc.unit.id },
        ],
        'item_returned',
        {
          ...base,
          by: 'district_approver',
          reason,
          message: {
            ko: `${year}년 ${label} 실적이 승인권자에 의해 반려되었습니다: ${reason}`,
            en: `${year} ${indicator.code} ${indicator.name.en} was returned by the approver: ${reason}`,
          },
        },
        except,
      );
    }
    return viewOfItem(tx, principal, dc, indicator, updated);
  });
}

export const approveSubmission = (
  db: Db,
  principal: Principal | null,
  year: number,
  code: string,
  indicatorCode: string,
  input: { version: number },
  now = new Date(),
) => decide(db, principal, year, code, indicatorCode, input, 'approve', now);

export const returnToOfficer = (
  db: Db,
  principal: Principal | null,
  year: number,
  code: string,
  indicatorCode: string,
  input: { version: number; reason: string },
  now = new Date(),
) => decide(db, principal, year, code, indicatorCode, input, 'return', now);
