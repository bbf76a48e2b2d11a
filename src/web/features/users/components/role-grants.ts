import type { Role, RoleGrantInput, UserRoleView } from '../../../types/index.js';

/** Every role an account can hold, in the order the forms offer them. */
export const assignableRoles: readonly Role[] = ['city_admin', 'district_officer', 'district_approver', 'reviewer', 'auditor'];

/** A role name from a form or the address bar. */
export function isRole(value: string): value is Role {
  return (assignableRoles as readonly string[]).includes(value);
}

/** One line of a roles form; `orgUnitCode` is '' when no district is chosen. */
export interface RoleRow {
  key: number;
  role: Role;
  orgUnitCode: string;
}

let lastKey = 0;

export function newRoleRow(role: Role = 'district_officer', orgUnitCode = ''): RoleRow {
  lastKey += 1;
  return { key: lastKey, role, orgUnitCode };
}

export function rowsOf(roles: UserRoleView[]): RoleRow[] {
  return roles.map((grant) => newRoleRow(grant.role, grant.orgUnitCode ?? ''));
}

/** District officers and approvers work for one district. */
export function districtRequired(role: Role): boolean {
  return role === 'district_officer' || role === 'district_approver';
}

/** A reviewer may be tied to a district; city-wide roles never are. */
export function districtAllowed(role: Role): boolean {
  return districtRequired(role) || role === 'reviewer';
}

/**
 * The grants to send. A row keeps the organisation it was read with (a city role may name the city itself); the
 * editor clears it when the role changes to one without a district.
 */
export function grantsOf(rows: RoleRow[]): RoleGrantInput[] {
  return rows.map((row) => (row.orgUnitCode !== '' ? { role: row.role, orgUnitCode: row.orgUnitCode } : { role: row.role }));
}

export type RoleRowProblem = 'districtRequired' | 'duplicate';

/**
 * What the form can tell before asking the server: a district role without its district, or the same grant twice.
 * The server checks again (and knows which codes are districts).
 */
export function checkRoleRows(rows: RoleRow[]): (RoleRowProblem | null)[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    if (districtRequired(row.role) && row.orgUnitCode === '') return 'districtRequired';
    const key = `${row.role}:${row.orgUnitCode}`;
    if (seen.has(key)) return 'duplicate';
    seen.add(key);
    return null;
  });
}
