import type { Principal } from '../auth.js';
import { canReadDistrict, districtsOf, holds } from '../authz.js';
import { forbidden } from '../errors.js';

/**
 * Who may touch a district's activity records — pure rules, no I/O. A district officer writes only their own
 * district's records; the city admin may correct any district's. District roles read their own district; the city
 * admin and the auditor read all.
 */
export function canWriteRecords(principal: Principal | null, orgUnitCode: string): boolean {
  if (holds(principal, 'city_admin')) return true;
  return districtsOf(principal, 'district_officer').includes(orgUnitCode);
}

export function canReadRecords(principal: Principal | null, orgUnitCode: string): boolean {
  return canReadDistrict(principal, orgUnitCode);
}

/** The districts whose records the principal may list: 'all', or a list of codes (possibly empty). */
export function readableDistricts(principal: Principal | null): 'all' | string[] {
  if (holds(principal, 'city_admin', 'auditor')) return 'all';
  return districtsOf(principal, 'district_officer', 'district_approver');
}

/** Defining record types is the city's job. */
export function canManageRecordTypes(principal: Principal | null): boolean {
  return holds(principal, 'city_admin');
}

export function assertCanWriteRecords(principal: Principal | null, orgUnitCode: string): asserts principal is Principal {
  if (!canWriteRecords(principal, orgUnitCode)) {
    throw forbidden({
      ko: `자치구 ${orgUnitCode}의 실적을 입력하거나 고칠 권한이 없습니다.`,
      en: `You may not enter or change the activity records of district ${orgUnitCode}.`,
    });
  }
}

export function assertCanReadRecords(principal: Principal | null, orgUnitCode: string): asserts principal is Principal {
  if (!canReadRecords(principal, orgUnitCode)) {
    throw forbidden({
      ko: `자치구 ${orgUnitCode}의 실적은 볼 수 없습니다.`,
      en: `You may not see the activity records of district ${orgUnitCode}.`,
    });
  }
}

export function assertCanManageRecordTypes(principal: Principal | null): asserts principal is Principal {
  if (!canManageRecordTypes(principal)) {
    throw forbidden({ ko: '실적 유형은 시 관리자만 정의할 수 있습니다.', en: 'Only a city admin may define record types.' });
  }
}
