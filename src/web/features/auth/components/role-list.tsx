import { useTranslation } from 'react-i18next';
import type { RoleGrant } from '../../../types/index.js';
import styles from './role-list.module.css';

/** The roles the signed-in user holds, each with the organisation it applies to and what it allows. */
export function RoleList({ roles }: { roles: RoleGrant[] }) {
  const { t } = useTranslation();
  if (roles.length === 0) return <p>{t('myWork.noRoles')}</p>;
  return (
    <ul className={styles.list}>
      {roles.map((grant) => (
        <li key={`${grant.role}:${grant.orgUnitCode ?? ''}`} className={styles.item}>
          <h3 className={styles.role}>{t(`myWork.roles.${grant.role}`)}</h3>
          <p className={styles.org}>{grant.orgUnitCode === null ? t('myWork.cityWide') : t('myWork.orgUnit', { code: grant.orgUnitCode })}</p>
          <p className={styles.description}>{t(`myWork.roleDescriptions.${grant.role}`)}</p>
        </li>
      ))}
    </ul>
  );
}
