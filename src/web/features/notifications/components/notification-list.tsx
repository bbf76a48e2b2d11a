import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.js';
import { ErrorState, EmptyState, LoadingState } from '../../../components/ui/status.js';
import { formatDateTime } from '../../../lib/format.js';
import { localized } from '../../../lib/localized.js';
import type { User } from '../../../types/index.js';
import { useNotifications } from '../api/get-notifications.js';
import { useMarkAllRead } from '../api/mark-all-read.js';
import { useMarkRead } from '../api/mark-read.js';
import { appLinkFor } from './notification-link.js';
import styles from './notifications.module.css';

/** My notifications, newest first: unread ones marked; opening one marks it read and goes to its page. */
export function NotificationList({ user }: { user: User | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const navigate = useNavigate();
  const list = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data.pages.flatMap((page) => page.notifications);
  const unread = list.data.pages[0]?.unread ?? 0;

  return (
    <div className={styles.page}>
      <div className={styles.toolbar}>
        <p aria-live="polite">{t('notifications.unreadCount', { count: unread })}</p>
        <Button variant="secondary" size="small" disabled={unread === 0 || markAll.isPending} onClick={() => markAll.mutate()}>
          {t('notifications.markAll')}
        </Button>
      </div>
      {items.length === 0 ? (
        <EmptyState title={t('notifications.empty')} />
      ) : (
        <ul className={styles.list}>
          {items.map((n) => {
            const to = appLinkFor(n, user);
            const isUnread = n.readAt === null;
            return (
              <li key={n.id} className={`${styles.item} ${isUnread ? styles.unread : ''}`}>
                <div className={styles.itemHead}>
                  <span className={styles.kind}>
                    {isUnread && <span className={styles.dot} aria-hidden="true" />}
                    {isUnread && <span className="visually-hidden">{t('notifications.unreadMark')} </span>}
                    {t(`notifications.kinds.${n.kind}`)}
                  </span>
                  <time dateTime={n.createdAt} className={styles.time}>
                    {formatDateTime(n.createdAt, language)}
                  </time>
                </div>
                <p className={styles.message}>{localized(n.payload.message, language)}</p>
                <div className={styles.actions}>
                  {to !== null && (
                    <Link
                      to={to}
                      onClick={(event) => {
                        if (!isUnread) return;
                        event.preventDefault();
                        markRead.mutate(n.id, { onSettled: () => void navigate(to) });
                      }}
                    >
                      {t('notifications.open')}
                    </Link>
                  )}
                  {isUnread && (
                    <Button variant="tertiary" size="small" disabled={markRead.isPending} onClick={() => markRead.mutate(n.id)}>
                      {t('notifications.markRead')}
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {list.hasNextPage && (
        <Button variant="secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? t('common.loading') : t('notifications.more')}
        </Button>
      )}
    </div>
  );
}
