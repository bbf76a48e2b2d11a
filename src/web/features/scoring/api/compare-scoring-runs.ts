import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { RunComparison } from '../../../types/index.js';

export function compareScoringRuns(from: number, to: number, signal?: AbortSignal): Promise<RunComparison> {
  return apiFetch<RunComparison>(`/scoring-runs/compare?from=${from}&to=${to}`, { signal });
}

export function runComparisonQueryOptions(from: number, to: number) {
  return queryOptions({
    queryKey: ['scoring-runs', 'compare', from, to],
    queryFn: ({ signal }) => compareScoringRuns(from, to, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Score, rank and tier changes between two runs and the inputs that differ; idle until both are chosen. */
export function useRunComparison(from: number | null, to: number | null) {
  return useQuery({ ...runComparisonQueryOptions(from ?? 0, to ?? 0), enabled: from !== null && to !== null && from !== to });
}
