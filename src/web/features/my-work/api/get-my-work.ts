import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { MyWork } from '../../../types/index.js';

export function myWorkQueryOptions() {
  return queryOptions({
    queryKey: ['me', 'work'],
    queryFn: ({ signal }) => apiFetch<MyWork>('/me/work', { signal }),
    // Like the notification bell: work that arrives should not wait for a reload.
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

/** What waits for each of my roles in the cycles at work (signed-in users only). */
export function useMyWork(enabled: boolean) {
  return useQuery({ ...myWorkQueryOptions(), enabled });
}
