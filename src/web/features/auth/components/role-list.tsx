import { useTranslation } from 'react-i18next';
import type { RoleGrant } from '../../../types/index.js';
import { useOrgUnits } from '../../audit/api/get-org-units.js';
import styles from './role-list.module.css';

/** The roles the signed-in user holds, each with the organisation it applies to and what it allows. */
export function RoleList({ roles }: { roles: RoleGrant[] }) {
  const { t } = useTranslation();
  const units = useOrgUnits();
  // The unit's name, not its code; the code only until the names have arrived.
  const unitName = (code: string) => units.data?.find((u) => u.code === code)?.name ?? code;
  if (roles.length === 0) return <p>{t('myWork.noRoles')}</p>;
  return (
    <ul className={styles.list}>
      {roles.map((grant) => (
        <li key={`${grant.role}:${grant.orgUnitCode ?? ''}`} className={styles.item}>
          <h3 className={styles.role}>{t(`myWork.roles.${grant.role}`)}</h3>
          <p className={styles.org}>{grant.orgUnitCode === null ? t('myWork.cityWide') : t('myWork.orgUnit', { name: unitName(grant.orgUnitCode) })}</p>
          <p className={styles.description}>{t(`myWork.roleDescriptions.${grant.role}`)}</p>
        </li>
      ))}
    </ul>
  );
}
