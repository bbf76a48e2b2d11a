import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { SelectField } from '../../../components/ui/form-field.js';
import type { OrgUnit, Role } from '../../../types/index.js';
import { assignableRoles, districtAllowed, districtRequired, newRoleRow, type RoleRow } from './role-grants.js';
import styles from './users.module.css';

interface RoleRowsEditorProps {
  rows: RoleRow[];
  onChange: (rows: RoleRow[]) => void;
  districts: OrgUnit[];
  /** The form's or the server's message for each row, by position. */
  rowErrors: (string | undefined)[];
  /** A message about the roles as a whole (e.g. none given). */
  groupError?: string;
  disabled?: boolean;
}

/**
 * The roles of an account, one line each: the role, and the district for district officers and approvers (optional
 * for reviewers). Lines can be added and removed; at least one stays.
 */
export function RoleRowsEditor({ rows, onChange, districts, rowErrors, groupError, disabled = false }: RoleRowsEditorProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const groupErrorId = `${id}-error`;

  function update(key: number, change: Partial<RoleRow>) {
    onChange(
      rows.map((row) => {
        if (row.key !== key) return row;
        const next = { ...row, ...change };
        // A district carries over only between roles that take one (not the city a city role may name).
        const keep = next.role === row.role || (districtAllowed(row.role) && districtAllowed(next.role));
        return keep ? next : { ...next, orgUnitCode: '' };
      }),
    );
  }

  return (
    <fieldset className={styles.roles} aria-describedby={groupError === undefined ? hintId : `${hintId} ${groupErrorId}`}>
      <legend className={styles.legend}>{t('users.form.rolesLegend')}</legend>
      <p id={hintId} className={styles.hint}>
        {t('users.form.rolesHint')}
      </p>
      {groupError !== undefined && (
        <p id={groupErrorId} className={styles.error}>
          {groupError}
        </p>
      )}
      <ol className={styles.roleRows}>
        {rows.map((row, index) => {
          const n = index + 1;
          const error = rowErrors[index];
          const showDistrict = districtAllowed(row.role);
          return (
            <li key={row.key}>
              <div className={styles.roleRow} role="group" aria-label={t('users.form.roleRow', { n })}>
                <SelectField
                  label={t('users.form.role')}
                  value={row.role}
                  disabled={disabled}
                  error={showDistrict ? undefined : error}
                  onChange={(event) => update(row.key, { role: event.target.value as Role })}
                >
                  {assignableRoles.map((role) => (
                    <option key={role} value={role}>
                      {t(`myWork.roles.${role}`)}
                    </option>
                  ))}
                </SelectField>
                {showDistrict && (
                  <SelectField
                    label={districtRequired(row.role) ? t('users.form.district') : t('users.form.districtOptional')}
                    value={row.orgUnitCode}
                    disabled={disabled}
                    required={districtRequired(row.role)}
                    error={error}
                    onChange={(event) => update(row.key, { orgUnitCode: event.target.value })}
                  >
                    <option value="">{districtRequired(row.role) ? t('users.form.chooseDistrict') : t('users.form.noDistrict')}</option>
                    {districts.map((d) => (
                      <option key={d.code} value={d.code}>
                        {i18n.language === 'en' ? d.nameEn : d.name}
                      </option>
                    ))}
                  </SelectField>
                )}
                <Button
                  variant="tertiary"
                  size="small"
                  className={styles.removeRole}
                  disabled={disabled || rows.length === 1}
                  aria-label={t('users.form.removeRoleLabel', { n })}
                  onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                >
                  {t('users.form.removeRole')}
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <Button variant="secondary" size="small" disabled={disabled} onClick={() => onChange([...rows, newRoleRow()])}>
        <span aria-hidden="true">＋</span>
        {t('users.form.addRole')}
      </Button>
    </fieldset>
  );
}
