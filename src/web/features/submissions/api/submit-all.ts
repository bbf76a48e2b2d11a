import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { SubmitAllResult } from '../../../types/index.js';
import { submissionsQueryKey } from './get-submissions.js';

export function submitAll(year: number, code: string): Promise<SubmitAllResult> {
  return apiFetch<SubmitAllResult>(`/cycles/${year}/districts/${encodeURIComponent(code)}/submit-all`, { method: 'POST' });
}

/** Submits every ready draft of the district and reports what still blocks the others. */
export function useSubmitAll(year: number, code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => submitAll(year, code),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: submissionsQueryKey(year, code) });
      await queryClient.invalidateQueries({ queryKey: ['cycles', year] });
    },
  });
}
