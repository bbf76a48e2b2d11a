import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ScoringRunSummary } from '../../../types/index.js';

export function getScoringRuns(year: number, signal?: AbortSignal): Promise<{ runs: ScoringRunSummary[] }> {
  return apiFetch<{ runs: ScoringRunSummary[] }>(`/cycles/${year}/scoring-runs`, { signal });
}

export const scoringRunsQueryKey = (year: number) => ['scoring-runs', 'cycle', year] as const;

export function scoringRunsQueryOptions(year: number) {
  return queryOptions({
    queryKey: scoringRunsQueryKey(year),
    queryFn: ({ signal }) => getScoringRuns(year, signal),
    select: (data) => data.runs,
  });
}

/** The cycle's scoring runs, newest first. */
export function useScoringRuns(year: number) {
  return useQuery(scoringRunsQueryOptions(year));
}
