import { useTranslation } from 'react-i18next';
import type { UserRoleView } from '../../../types/index.js';
import { districtAllowed } from './role-grants.js';
import styles from './users.module.css';

/**
 * An account's roles, each district role with its district's name (in the reader's language when the caller knows
 * it); city-wide roles need no place.
 */
export function UserRoles({ roles, districtName }: { roles: UserRoleView[]; districtName: (code: string, fallback: string | null) => string }) {
  const { t } = useTranslation();
  if (roles.length === 0) return <span className={styles.muted}>{t('users.noRoles')}</span>;
  return (
    <ul className={styles.roleList}>
      {roles.map((grant) => {
        const role = t(`myWork.roles.${grant.role}`);
        return (
          <li key={`${grant.role}:${grant.orgUnitCode ?? ''}`}>
            {grant.orgUnitCode === null || !districtAllowed(grant.role)
              ? role
              : t('users.roleAt', { role, district: districtName(grant.orgUnitCode, grant.orgUnitName) })}
          </li>
        );
      })}
    </ul>
  );
}
