import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { NotificationPage } from '../../../types/index.js';

export function getNotifications(before: number | null, limit: number, signal?: AbortSignal): Promise<NotificationPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (before !== null) query.set('before', String(before));
  return apiFetch<NotificationPage>(`/notifications?${query.toString()}`, { signal });
}

export const notificationsQueryKey = ['notifications'] as const;

export function notificationsQueryOptions() {
  return infiniteQueryOptions({
    queryKey: [...notificationsQueryKey, 'list'],
    queryFn: ({ pageParam, signal }) => getNotifications(pageParam, 30, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 30_000,
  });
}

/** My notifications (to me and to my roles), newest first, a page at a time. */
export function useNotifications() {
  return useInfiniteQuery(notificationsQueryOptions());
}
