import { queryOptions, useQuery } from '@tanstack/react-query';
import { getNotifications, notificationsQueryKey } from './get-notifications.js';

export function unreadCountQueryOptions() {
  return queryOptions({
    queryKey: [...notificationsQueryKey, 'unread'],
    queryFn: async ({ signal }) => (await getNotifications(null, 1, signal)).unread,
    // The bell asks again every minute, also in a background tab (a returned item should not wait for a click).
    refetchInterval: 60_000,
    refetchIntervalInBackground: true,
    staleTime: 30_000,
  });
}

/** How many of my notifications are unread (signed-in users only). */
export function useUnreadCount(enabled: boolean) {
  return useQuery({ ...unreadCountQueryOptions(), enabled });
}
