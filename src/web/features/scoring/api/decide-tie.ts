import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { AwardTie } from '../../../types/index.js';

export interface DecideTieRequest {
  tier: string;
  group?: string;
  decision: 'award_all' | 'leave_empty' | 'tie_break';
  rule?: string;
  reason: string;
}

export function decideTie(runId: number, request: DecideTieRequest): Promise<{ runId: number; ties: AwardTie[] }> {
  return apiFetch(`/scoring-runs/${runId}/ties`, { method: 'POST', body: request });
}

/** Records the admin's decision on a tie beyond a tier's places; the run (its result) and the cycle are read again. */
export function useDecideTie(runId: number, year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: DecideTieRequest) => decideTie(runId, request),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['scoring-runs', 'run', runId] });
      await queryClient.invalidateQueries({ queryKey: ['cycles', year] });
    },
  });
}
