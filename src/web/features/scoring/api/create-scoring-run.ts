import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ScoringRunKind } from '../../../types/index.js';
import { scoringRunsQueryKey } from './get-scoring-runs.js';

export interface CreatedRun {
  id: number;
  kind: ScoringRunKind;
  status: string;
  inputHash: string;
  engineVersion: string;
}

export interface CreateRunRequest {
  kind: ScoringRunKind;
  note: string | null;
  /** Run a provisional/final run although items are not verified; needs a reason. */
  override?: boolean;
  reason?: string | null;
}

export function createScoringRun(year: number, request: CreateRunRequest): Promise<CreatedRun> {
  return apiFetch<CreatedRun>(`/cycles/${year}/scoring-runs`, { method: 'POST', body: request });
}

/** Runs the engine over a frozen snapshot of every input of the cycle and stores the result. */
export function useCreateScoringRun(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateRunRequest) => createScoringRun(year, request),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: scoringRunsQueryKey(year) });
      // Blockers such as "run a provisional scoring first" may be gone.
      await queryClient.invalidateQueries({ queryKey: ['cycles', year] });
    },
  });
}
