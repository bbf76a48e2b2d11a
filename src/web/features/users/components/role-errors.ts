import type { TFunction } from 'i18next';
import type { ApiError } from '../../../lib/problem-details.js';
import { checkRoleRows, type RoleRow } from './role-grants.js';

/**
 * The message of each roles line: the form's own check once the user has tried to save, otherwise the server's
 * (`roles.2.orgUnitCode`, with or without the `body.` prefix), and the one about the roles as a whole.
 */
export function roleErrors(
  rows: RoleRow[],
  checked: boolean,
  problem: ApiError | null,
  t: TFunction,
): { rowErrors: (string | undefined)[]; groupError: string | undefined; valid: boolean } {
  const checks = checkRoleRows(rows);
  const rowErrors = rows.map((_, i) => {
    const check = checks[i];
    if (checked && check === 'districtRequired') return t('users.form.districtRequired');
    if (checked && check === 'duplicate') return t('users.form.duplicate');
    return problem?.fieldError(`roles.${i}`) ?? problem?.fieldError(`body.roles.${i}`);
  });
  const group = problem?.errors.find((e) => e.path === 'roles' || e.path === 'body.roles')?.message;
  const groupError = checked && rows.length === 0 ? t('users.form.noRoles') : group;
  return { rowErrors, groupError, valid: rows.length > 0 && checks.every((c) => c === null) };
}
