import type { Role, User } from '../types/index.js';

/** Whether the user holds one of the roles (anywhere). The server checks again on every call. */
export function hasRole(user: User | null | undefined, ...roles: Role[]): boolean {
  return user?.roles.some((grant) => roles.includes(grant.role)) ?? false;
}

/** District codes the user works for in one of the roles. */
export function districtsOf(user: User | null | undefined, ...roles: Role[]): string[] {
  if (user === null || user === undefined) return [];
  return user.roles.filter((g) => roles.includes(g.role) && g.orgUnitCode !== null).map((g) => g.orgUnitCode as string);
}
