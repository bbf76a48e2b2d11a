import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { CycleDetail } from '../../../types/index.js';

export function getCycle(year: number, signal?: AbortSignal): Promise<CycleDetail> {
  return apiFetch<CycleDetail>(`/cycles/${year}`, { signal });
}

export const cycleQueryKey = (year: number) => ['cycles', year] as const;

export function cycleQueryOptions(year: number) {
  return queryOptions({
    queryKey: cycleQueryKey(year),
    queryFn: ({ signal }) => getCycle(year, signal),
    // Stage, counts and blockers change while people work; keep them fresh.
    staleTime: 15_000,
  });
}

/** A cycle's stage, counts, deadlines and what blocks the next stage. */
export function useCycle(year: number) {
  return useQuery(cycleQueryOptions(year));
}
