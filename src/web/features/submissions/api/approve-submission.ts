import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { SubmissionItem } from '../../../types/index.js';
import { storeSubmissionItem } from './get-submissions.js';

export function approveSubmission(year: number, code: string, indicator: string, version: number): Promise<SubmissionItem> {
  return apiFetch<SubmissionItem>(`/cycles/${year}/districts/${encodeURIComponent(code)}/submissions/${indicator}/approve`, {
    method: 'POST',
    body: { version },
  });
}

/** The district approver passes a submitted item to the city. */
export function useApproveSubmission(year: number, code: string, indicator: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => approveSubmission(year, code, indicator, version),
    onSuccess: (item) => storeSubmissionItem(queryClient, year, code, item),
  });
}
