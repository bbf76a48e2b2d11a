import type { Role } from '../db/repositories/users.js';
import { systemActor, type Actor } from './audit.js';
import type { Principal } from './auth.js';
import { forbidden } from './errors.js';

export { roles, type Role } from '../db/repositories/users.js';

/**
 * Who acts when no person does: the job worker, the CLI, seeding and demo data, scheduled tasks. It holds the city
 * administrator's role (so every service's own check applies to it as to them) and is recorded in the audit log as
 * "system". Only code can pass it: it is this one object (a copy is not it), no session resolves to it (it has no
 * account — id 0 is no user's — and no token).
 */
export const systemPrincipal: Principal = Object.freeze({
  user: Object.freeze({
    id: 0,
    username: systemActor.label,
    displayName: systemActor.label,
    isDemo: false,
    mustChangePassword: false,
    roles: Object.freeze([Object.freeze({ role: 'city_admin' as const, orgUnitCode: null })]) as Principal['user']['roles'],
  }),
  tokenHash: '',
  csrfToken: '',
});

export function isSystem(p: Principal | null): boolean {
  return p === systemPrincipal;
}

/** Pure authorisation rules shared by the services; the server's access hook applies `holds` as its outer gate. */
export function holds(p: Principal | null, ...roles: readonly Role[]): boolean {
  return !!p && p.user.roles.some((m) => roles.includes(m.role));
}

/** Any signed-in user (or the system): what a service open to every account requires. */
export function requireSignedIn(p: Principal | null | undefined): asserts p is Principal {
  if (!p) throw forbidden();
}

export function requireRole(p: Principal | null, ...roles: readonly Role[]): asserts p is Principal {
  if (!holds(p, ...roles)) throw forbidden();
}

/** District codes the principal acts for in one of the roles (officer/approver). */
export function districtsOf(p: Principal | null, ...roles: Role[]): string[] {
  if (!p) return [];
  return p.user.roles.filter((m) => roles.includes(m.role) && m.orgUnitCode).map((m) => m.orgUnitCode!);
}

/** City admin and auditor read every district; district roles only their own. */
export function canReadDistrict(p: Principal | null, orgUnitCode: string): boolean {
  if (holds(p, 'city_admin', 'auditor')) return true;
  return districtsOf(p, 'district_officer', 'district_approver').includes(orgUnitCode);
}

export function requireReadDistrict(p: Principal | null, orgUnitCode: string): asserts p is Principal {
  if (!canReadDistrict(p, orgUnitCode)) {
    throw forbidden({ ko: '다른 자치구의 자료는 볼 수 없습니다.', en: "You cannot see another district's data." });
  }
}

/** Writing a district's data: its officer (and the city admin, who corrects on the district's behalf). */
export function requireWriteDistrict(p: Principal | null, orgUnitCode: string): asserts p is Principal {
  if (holds(p, 'city_admin')) return;
  if (!districtsOf(p, 'district_officer').includes(orgUnitCode)) {
    throw forbidden({ ko: '이 자치구의 자료를 수정할 권한이 없습니다.', en: "You may not change this district's data." });
  }
}

export function actorOf(p: Principal): Actor {
  if (isSystem(p)) return systemActor;
  return { userId: p.user.id, label: p.user.username };
}
