import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ItemRef } from '../../../types/index.js';
import { refreshAfterDecision } from './refresh.js';

export function bulkVerify(year: number, items: ItemRef[]): Promise<{ verified: number[] }> {
  return apiFetch<{ verified: number[] }>(`/cycles/${year}/verification/bulk-verify`, { method: 'POST', body: { items } });
}

/** Verifies many approved items at once, all or nothing (409 names the stale and unapproved ones). */
export function useBulkVerify(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: ItemRef[]) => bulkVerify(year, items),
    onSettled: () => refreshAfterDecision(queryClient, year),
  });
}
