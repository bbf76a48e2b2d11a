import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ReviewAssignment } from '../../../types/index.js';
import { assignmentQueryKey } from './get-assignment.js';
import { reviewsQueryKey } from './get-my-assignments.js';
import type { ScoresInput } from './save-scores.js';

export function submitScores(year: number, id: number, input: ScoresInput): Promise<ReviewAssignment> {
  return apiFetch<ReviewAssignment>(`/cycles/${year}/reviews/assignments/${id}/submit`, { method: 'POST', body: input });
}

/** Submits the score sheet (every criterion scored); final. */
export function useSubmitScores(year: number, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ScoresInput) => submitScores(year, id, input),
    onSuccess: async (assignment) => {
      queryClient.setQueryData(assignmentQueryKey(year, id), assignment);
      await queryClient.invalidateQueries({ queryKey: [...reviewsQueryKey(year), 'mine'] });
      await queryClient.invalidateQueries({ queryKey: ['cycles', year] });
    },
  });
}
