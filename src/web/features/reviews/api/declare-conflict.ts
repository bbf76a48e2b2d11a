import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ConflictResult } from '../../../types/index.js';
import { reviewsQueryKey } from './get-my-assignments.js';

export interface ConflictInput {
  orgUnitCode: string;
  reason: string;
}

export function declareConflict(year: number, input: ConflictInput): Promise<ConflictResult> {
  return apiFetch<ConflictResult>(`/cycles/${year}/reviews/conflicts`, { method: 'POST', body: input });
}

/** 회피 신청: the reviewer's assignments to the district move to other reviewers. */
export function useDeclareConflict(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ConflictInput) => declareConflict(year, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: reviewsQueryKey(year) });
    },
  });
}
