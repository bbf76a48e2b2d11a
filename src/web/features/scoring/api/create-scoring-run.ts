import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ScoringRunKind } from '../../../types/api.js';
import { scoringRunsQueryKey } from './get-scoring-runs.js';

export interface CreatedRun {
  id: number;
  kind: ScoringRunKind;
  status: string;
  inputHash: string;
  engineVersion: string;
}

export function createScoringRun(year: number, kind: ScoringRunKind, note: string | null): Promise<CreatedRun> {
  return apiFetch<CreatedRun>(`/cycles/${year}/scoring-runs`, { method: 'POST', body: { kind, note } });
}

/** Runs the engine over a frozen snapshot of every input of the cycle and stores the result. */
export function useCreateScoringRun(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, note }: { kind: ScoringRunKind; note: string | null }) => createScoringRun(year, kind, note),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: scoringRunsQueryKey(year) });
      // Blockers such as "run a provisional scoring first" may be gone.
      await queryClient.invalidateQueries({ queryKey: ['cycles', year] });
    },
  });
}
