import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { SubmissionItem } from '../../../types/index.js';
import { storeSubmissionItem } from './get-submissions.js';

export function detachEvidence(year: number, code: string, indicator: string, evidenceId: number, version: number): Promise<SubmissionItem> {
  return apiFetch<SubmissionItem>(`/cycles/${year}/districts/${encodeURIComponent(code)}/submissions/${indicator}/evidence/${evidenceId}?version=${version}`, {
    method: 'DELETE',
  });
}

/** Takes a file off the item (the file itself stays stored and audited). */
export function useDetachEvidence(year: number, code: string, indicator: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ evidenceId, version }: { evidenceId: number; version: number }) => detachEvidence(year, code, indicator, evidenceId, version),
    onSuccess: (item) => storeSubmissionItem(queryClient, year, code, item),
  });
}
