import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ScoringRun } from '../../../types/index.js';

export function getScoringRun(id: number, signal?: AbortSignal): Promise<ScoringRun> {
  return apiFetch<ScoringRun>(`/scoring-runs/${id}`, { signal });
}

export function scoringRunQueryOptions(id: number) {
  return queryOptions({
    queryKey: ['scoring-runs', 'run', id],
    queryFn: ({ signal }) => getScoringRun(id, signal),
    // A stored run changes only by a tie decision, which refreshes it.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** One stored run with its snapshot and result; idle until a run is chosen. */
export function useScoringRun(id: number | null) {
  return useQuery({ ...scoringRunQueryOptions(id ?? 0), enabled: id !== null });
}
