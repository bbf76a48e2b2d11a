import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ItemRef, SubmissionItem } from '../../../types/index.js';
import { refreshAfterDecision } from './refresh.js';

export function verifyItem(year: number, item: ItemRef): Promise<SubmissionItem> {
  return apiFetch<SubmissionItem>(`/cycles/${year}/verification/verify`, { method: 'POST', body: item });
}

/** Verifies one item the district approved (approved → verified). */
export function useVerifyItem(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (item: ItemRef) => verifyItem(year, item),
    onSuccess: () => refreshAfterDecision(queryClient, year),
  });
}
