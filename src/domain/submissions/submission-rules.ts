import type { SubmissionAction } from '../../contract/values.js';
import type { SubmissionRow } from '../../db/repositories/submissions.js';
import type { CycleStatus } from '../../db/repositories/cycles.js';
import type { SubmissionStatus } from '../../db/repositories/submissions.js';
import type { Principal } from '../auth.js';
import { districtsOf, holds } from '../authz.js';
import { DomainError, forbidden } from '../errors.js';

export type ItemStatus = SubmissionStatus | 'not_started';

/**
 * When a district may change an item: while the cycle collects data (open) and the item is not yet submitted, or —
 * once the city verifies — when the city returned it to them. Pure.
 */
export function districtMayEdit(cycleStatus: CycleStatus, status: ItemStatus): boolean {
  if (cycleStatus === 'open') return status === 'not_started' || status === 'draft' || status === 'returned';
  if (cycleStatus === 'verification') return status === 'returned';
  return false;
}

/** The city corrects values on a district's behalf while data are collected and verified (with a reason). */
export const cityMayCorrect = (cycleStatus: CycleStatus) => cycleStatus === 'open' || cycleStatus === 'verification';

/** The district approver approves or returns while data are collected and verified. */
export const approverMayAct = (cycleStatus: CycleStatus) => cycleStatus === 'open' || cycleStatus === 'verification';

/** The city verifies in the verification stage, and may verify approved items early, while data are still collected. */
export const cityMayVerify = (cycleStatus: CycleStatus) => cycleStatus === 'open' || cycleStatus === 'verification';

/** True when the principal acts as the city correcting a district's data rather than as the district's officer. */
export function actsAsCity(principal: Principal, code: string): boolean {
  return holds(principal, 'city_admin') && !districtsOf(principal, 'district_officer').includes(code);
}

export function requireOfficerOf(principal: Principal | null, code: string): asserts principal is Principal {
  if (!districtsOf(principal, 'district_officer').includes(code)) {
    throw forbidden({ ko: '이 자치구의 담당자만 제출할 수 있습니다.', en: "Only this district's officer may submit." });
  }
}

export function requireApproverOf(principal: Principal | null, code: string): asserts principal is Principal {
  if (!districtsOf(principal, 'district_approver').includes(code)) {
    throw forbidden({ ko: '이 자치구의 승인권자만 승인하거나 반려할 수 있습니다.', en: "Only this district's approver may approve or return." });
  }
}

const statusNames: Record<ItemStatus, { ko: string; en: string }> = {
  not_started: { ko: '미작성', en: 'not started' },
  draft: { ko: '임시 저장', en: 'draft' },
  submitted: { ko: '제출', en: 'submitted' },
  approved: { ko: '구 승인', en: 'approved by the district' },
  verified: { ko: '검증 완료', en: 'verified' },
  returned: { ko: '반려', en: 'returned' },
};

export function wrongStatus(status: ItemStatus, action: { ko: string; en: string }): DomainError {
  return new DomainError(
    'conflict',
    'invalid_status',
    { ko: `'${statusNames[status].ko}' 상태에서는 ${action.ko}할 수 없습니다.`, en: `An item that is ${statusNames[status].en} cannot be ${action.en}.` },
    [],
    { itemStatus: status },
  );
}

export function stageClosed(cycleStatus: CycleStatus): DomainError {
  return new DomainError(
    'conflict',
    'stage_closed',
    { ko: '지금 단계에서는 이 항목을 바꿀 수 없습니다.', en: 'This item cannot be changed at the current stage of the cycle.' },
    [],
    { cycleStatus },
  );
}

export function reasonRequired(path = 'body.reason'): DomainError {
  return new DomainError('invalid', 'reason_required', { ko: '사유를 입력하세요.', en: 'Enter a reason.' }, [
    { path, message: { ko: '사유를 입력하세요.', en: 'Enter a reason.' } },
  ]);
}

/**
 * A verified item is fixed: neither its value, its evidence nor the records behind it change until the city returns
 * (reopens) it. 409.
 */
export function verifiedItemLocked(): DomainError {
  return new DomainError('conflict', 'item_verified', {
    ko: '검증 완료된 항목은 바꿀 수 없습니다. 먼저 시에서 반려(검증 해제)해야 합니다.',
    en: 'A verified item cannot be changed. The city must return (reopen) it first.',
  });
}

/** Who did the work an approval or a verification checks: its last changer and its submitter (and, for a verification, its approver). */
export function ownersOf(row: SubmissionRow, decision: 'approve' | 'verify'): number[] {
  // Rows from before these columns existed: the last writer is the submitter of a submitted item, the approver of an approved one.
  const submitter = row.submittedBy ?? (row.status === 'submitted' ? row.updatedBy : null);
  const people = [row.changedBy, submitter];
  if (decision === 'verify') people.push(row.approvedBy ?? (row.status === 'approved' ? row.updatedBy : null));
  return people.filter((p): p is number => p !== null);
}

/** True when the principal did the work the decision checks (see `ownersOf`), so may not make it. */
export function didTheWork(principal: Principal, row: SubmissionRow, decision: 'approve' | 'verify'): boolean {
  return ownersOf(row, decision).includes(principal.user.id);
}

/**
 * Separation of duties: whoever last changed or submitted an item may not approve or verify it, and its approver
 * may not also verify it — whatever roles the account holds. 403.
 */
export function requireOtherPerson(principal: Principal, row: SubmissionRow, decision: 'approve' | 'verify'): void {
  if (!didTheWork(principal, row, decision)) return;
  throw new DomainError(
    'forbidden',
    'separation_of_duties',
    decision === 'approve'
      ? {
          ko: '직접 작성하거나 제출한 항목은 승인할 수 없습니다. 같은 자치구의 다른 승인권자가 승인해야 합니다.',
          en: 'You cannot approve an item you changed or submitted yourself. Another approver of the district must approve it.',
        }
      : {
          ko: '직접 고치거나 제출·승인한 항목은 검증할 수 없습니다. 다른 시 관리자가 검증해야 합니다.',
          en: 'You cannot verify an item you changed, submitted or approved yourself. Another city administrator must verify it.',
        },
    [],
    { itemId: row.id },
  );
}

/**
 * What a caller may do with one item now:
 *  - `save`: the district's officer keeps a draft (`saveSubmission`);
 *  - `correct`: the city corrects the district's value, with a reason (`saveSubmission` as the city);
 *  - `submit`: the district's officer submits a draft or a returned item (`submitSubmission`);
 *  - `approve`, `return`: the district's approver approves a submitted item (not one they changed or submitted) or
 *    returns it to the officer (`approveSubmission`, `returnToOfficer`);
 *  - `verify`, `return_to_district`: the city verifies an approved item (not one it changed, submitted or approved)
 *    or returns an item to the district (`verifySubmission`, `returnSubmission`).
 */
export { submissionActions, type SubmissionAction } from '../../contract/values.js';

/**
 * The actions the principal may take on an item now, by the rules the services apply (they check again, with the
 * version): role and district, the cycle's stage, the item's status and the separation of duties. Pure.
 */
export function allowedActions(principal: Principal | null, code: string, cycleStatus: CycleStatus, row: SubmissionRow | null): SubmissionAction[] {
  if (!principal) return [];
  const status: ItemStatus = row?.status ?? 'not_started';
  const out: SubmissionAction[] = [];
  const officer = districtsOf(principal, 'district_officer').includes(code);
  if (actsAsCity(principal, code)) {
    if (cityMayCorrect(cycleStatus) && status !== 'verified') out.push('correct');
  } else if (officer && districtMayEdit(cycleStatus, status)) {
    out.push('save');
  }
  if (officer && row && (status === 'draft' || status === 'returned') && districtMayEdit(cycleStatus, status)) out.push('submit');
  if (row && districtsOf(principal, 'district_approver').includes(code) && approverMayAct(cycleStatus)) {
    if (status === 'submitted' && !didTheWork(principal, row, 'approve')) out.push('approve');
    if (status === 'submitted' || status === 'approved') out.push('return');
  }
  if (row && holds(principal, 'city_admin') && cityMayVerify(cycleStatus)) {
    if (status === 'approved' && !didTheWork(principal, row, 'verify')) out.push('verify');
    if (status === 'submitted' || status === 'approved' || status === 'verified') out.push('return_to_district');
  }
  return out;
}
