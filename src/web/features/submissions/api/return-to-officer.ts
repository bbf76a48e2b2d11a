import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { SubmissionItem } from '../../../types/index.js';
import { storeSubmissionItem } from './get-submissions.js';

export function returnToOfficer(year: number, code: string, indicator: string, version: number, reason: string): Promise<SubmissionItem> {
  return apiFetch<SubmissionItem>(`/cycles/${year}/districts/${encodeURIComponent(code)}/submissions/${indicator}/return-to-officer`, {
    method: 'POST',
    body: { version, reason },
  });
}

/** The district approver sends an item back to the officer with a reason (the officer is notified). */
export function useReturnToOfficer(year: number, code: string, indicator: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, reason }: { version: number; reason: string }) => returnToOfficer(year, code, indicator, version, reason),
    onSuccess: (item) => storeSubmissionItem(queryClient, year, code, item),
  });
}
