import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { SubmitResult } from '../../../types/index.js';
import { storeSubmissionItem } from './get-submissions.js';

export function submitSubmission(year: number, code: string, indicator: string, version: number): Promise<SubmitResult> {
  return apiFetch<SubmitResult>(`/cycles/${year}/districts/${encodeURIComponent(code)}/submissions/${indicator}/submit`, { method: 'POST', body: { version } });
}

/** Submits a draft or returned item to the district's approver; blockers are refused, lateness is a warning. */
export function useSubmitSubmission(year: number, code: string, indicator: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => submitSubmission(year, code, indicator, version),
    onSuccess: (result) => storeSubmissionItem(queryClient, year, code, result.submission),
  });
}
