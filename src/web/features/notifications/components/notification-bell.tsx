import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '../../../config/paths.js';
import { useUnreadCount } from '../api/get-unread-count.js';
import styles from './notifications.module.css';

/** The header's bell: a link to the notifications with the unread count, asked again every minute. */
export function NotificationBell({ className }: { className?: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const unread = useUnreadCount(true);
  const count = unread.data ?? 0;
  const label = count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell');
  // The name is the link's own text (no aria-label), so that the visible count is part of it.
  return (
    <Link
      to={paths.notifications}
      className={`${styles.bell} ${className ?? ''}`}
      title={label}
      aria-current={pathname === paths.notifications ? 'page' : undefined}
    >
      <svg
        width="20"
        height="20"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <span className="visually-hidden">{t('notifications.bell')} </span>
      {count > 0 && (
        <>
          <span className={styles.count}>{count > 99 ? '99+' : count}</span>
          <span className="visually-hidden"> {t('notifications.unreadSuffix')}</span>
        </>
      )}
    </Link>
  );
}
