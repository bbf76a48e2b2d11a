import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../../components/ui/status-badge.js';
import { formatDateTime } from '../../../lib/format.js';
import type { UserView } from '../../../types/index.js';
import styles from './users.module.css';

/** Whether the account is locked now (a lock ends by itself at `lockedUntil`). */
export function isLocked(user: UserView, now = Date.now()): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
}

/** An account's state as badges, each with a symbol as well as a colour: in use or disabled, locked, must change
 * password, demo account. */
export function UserStatusBadges({ user }: { user: UserView }) {
  const { t, i18n } = useTranslation();
  const locked = isLocked(user);
  return (
    <span className={styles.badges}>
      {user.disabled ? (
        <StatusBadge tone="neutral" symbol="✖" label={t('users.status.disabled')} />
      ) : (
        <StatusBadge tone="success" symbol="✔" label={t('users.status.active')} />
      )}
      {locked && <StatusBadge tone="danger" symbol="⚠" label={t('users.status.lockedUntil', { time: formatDateTime(user.lockedUntil, i18n.language) })} />}
      {user.mustChangePassword && <StatusBadge tone="warning" symbol="↻" label={t('users.status.mustChange')} />}
      {user.isDemo && <StatusBadge tone="info" symbol="◇" label={t('users.status.demo')} />}
      {user.dutyWarnings.length > 0 && <StatusBadge tone="warning" symbol="⚠" label={t('users.status.bothRoles')} />}
    </span>
  );
}
