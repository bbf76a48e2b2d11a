import type { CycleStatus, SubmissionStatus } from '../../db/schema.js';
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
