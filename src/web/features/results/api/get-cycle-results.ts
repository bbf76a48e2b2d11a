import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { CycleResults } from '../../../types/index.js';

export function getCycleResults(year: number, signal?: AbortSignal): Promise<CycleResults> {
  return apiFetch<CycleResults>(`/public/cycles/${year}/results`, { signal });
}

export function cycleResultsQueryOptions(year: number) {
  return queryOptions({
    queryKey: ['public', 'cycles', year, 'results'],
    queryFn: ({ signal }) => getCycleResults(year, signal),
  });
}

/** Published results of one cycle; idle until a year is known. */
export function useCycleResults(year: number | undefined) {
  return useQuery({
    ...cycleResultsQueryOptions(year ?? 0),
    enabled: year !== undefined,
  });
}
