import type { DeciderRow } from '../../db/repositories/objections.js';
import type { Principal } from '../auth.js';
import { districtsOf, holds } from '../authz.js';
import { forbidden, type Message } from '../errors.js';

/** The two districts of an objection and who filed it. */
export interface ObjectionParties {
  orgUnitCode: string;
  filerCode: string;
  filedBy: number | null;
}

/** District officers and approvers speak for their own district. */
export function speaksFor(principal: Principal | null, code: string): principal is Principal {
  return districtsOf(principal, 'district_officer', 'district_approver').includes(code);
}

/** A committee member reads every objection of the cycle, like the city admin and the auditor. */
export function seesAll(principal: Principal | null, committee: DeciderRow[]): boolean {
  return holds(principal, 'city_admin', 'auditor') || (!!principal && committee.some((m) => m.userId === principal.user.id));
}

/**
 * Why the principal may not decide this objection, or null when they may: the cycle's committee decides when one is
 * named (the city admins otherwise), and nobody decides about a district they belong to (in any role) or their own
 * filing.
 */
export function deciderRefusal(principal: Principal | null, committee: DeciderRow[], o: ObjectionParties): Message | null {
  if (!principal) return { ko: '로그인이 필요합니다.', en: 'Sign in first.' };
  if (committee.length > 0 ? !committee.some((m) => m.userId === principal.user.id) : !holds(principal, 'city_admin')) {
    return committee.length > 0
      ? { ko: '이 평가의 이의신청은 지정된 심의위원회가 결정합니다.', en: "This cycle's objections are decided by its named committee." }
      : { ko: '이의신청은 시 담당자가 결정합니다.', en: 'Objections are decided by the city.' };
  }
  if (o.filedBy === principal.user.id) return { ko: '자신이 신청한 이의신청은 결정할 수 없습니다.', en: 'You cannot decide an objection you filed.' };
  const tied = new Set(principal.user.roles.map((m) => m.orgUnitCode).filter((c): c is string => !!c));
  if (tied.has(o.orgUnitCode) || tied.has(o.filerCode)) {
    return {
      ko: '소속 자치구와 관련된 이의신청은 결정할 수 없습니다 (이해충돌).',
      en: 'You cannot decide an objection involving your own district (conflict of interest).',
    };
  }
  return null;
}

export function requireDecider(principal: Principal | null, committee: DeciderRow[], o: ObjectionParties): asserts principal is Principal {
  const refusal = deciderRefusal(principal, committee, o);
  if (refusal) throw forbidden(refusal);
}

/** Reading one objection: everyone who sees all, and the officers and approvers of either district. */
export function requireObjectionReader(principal: Principal | null, committee: DeciderRow[], o: ObjectionParties): asserts principal is Principal {
  if (seesAll(principal, committee) || speaksFor(principal, o.orgUnitCode) || speaksFor(principal, o.filerCode)) return;
  throw forbidden({ ko: '관련된 자치구만 이 이의신청을 볼 수 있습니다.', en: 'Only the districts involved can see this objection.' });
}
