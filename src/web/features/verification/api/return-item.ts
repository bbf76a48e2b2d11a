import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ItemRef, SubmissionItem } from '../../../types/index.js';
import { refreshAfterDecision } from './refresh.js';

export function returnItem(year: number, item: ItemRef, reason: string): Promise<SubmissionItem> {
  return apiFetch<SubmissionItem>(`/cycles/${year}/verification/return`, { method: 'POST', body: { ...item, reason } });
}

/** Returns one item to its district with a reason (its officers are notified). */
export function useReturnItem(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ item, reason }: { item: ItemRef; reason: string }) => returnItem(year, item, reason),
    onSuccess: () => refreshAfterDecision(queryClient, year),
  });
}
