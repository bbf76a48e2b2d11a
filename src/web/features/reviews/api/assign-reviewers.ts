import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { AssignResult } from '../../../types/index.js';
import { reviewsQueryKey } from './get-my-assignments.js';

export function assignReviewers(year: number, reviewersPerItem?: number): Promise<AssignResult> {
  return apiFetch<AssignResult>(`/cycles/${year}/reviews/assign`, { method: 'POST', body: reviewersPerItem === undefined ? {} : { reviewersPerItem } });
}

/** Assigns reviewers to every district × qualitative indicator: balanced, never a reviewer's own district. */
export function useAssignReviewers(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reviewersPerItem?: number) => assignReviewers(year, reviewersPerItem),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: reviewsQueryKey(year) });
      await queryClient.invalidateQueries({ queryKey: ['cycles', year] });
    },
  });
}
