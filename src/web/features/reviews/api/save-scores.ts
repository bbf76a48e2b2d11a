import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ReviewAssignment } from '../../../types/index.js';
import { assignmentQueryKey } from './get-assignment.js';
import { reviewsQueryKey } from './get-my-assignments.js';

export interface ScoresInput {
  version: number;
  scores: Record<string, number>;
  comment: string | null;
}

export function saveScores(year: number, id: number, input: ScoresInput): Promise<ReviewAssignment> {
  return apiFetch<ReviewAssignment>(`/cycles/${year}/reviews/assignments/${id}/scores`, { method: 'PUT', body: input });
}

/** Saves draft marks (409 `stale_version` with `current` when the sheet changed elsewhere, e.g. another tab). */
export function useSaveScores(year: number, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ScoresInput) => saveScores(year, id, input),
    onSuccess: async (assignment) => {
      queryClient.setQueryData(assignmentQueryKey(year, id), assignment);
      await queryClient.invalidateQueries({ queryKey: [...reviewsQueryKey(year), 'mine'] });
    },
  });
}
