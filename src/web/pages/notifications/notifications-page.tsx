import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/ui/page-title.js';
import { useMe } from '../../features/auth/api/get-me.js';
import { NotificationList } from '../../features/notifications/components/notification-list.js';
import styles from '../page.module.css';

/** My notifications: returned items, approvals, objections and their decisions, deadline reminders. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageTitle title={t('notifications.pageTitle')} />
      <div className={styles.header}>
        <h1>{t('notifications.heading')}</h1>
        <p className={styles.lead}>{t('notifications.lead')}</p>
      </div>
      <NotificationList user={me.data ?? null} />
    </>
  );
}
