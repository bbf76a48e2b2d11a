import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { Cycle, CyclesResponse } from '../../../types/index.js';

export function getCycles(signal?: AbortSignal): Promise<CyclesResponse> {
  return apiFetch<CyclesResponse>('/cycles', { signal });
}

export const cyclesQueryKey = ['cycles'] as const;

export function cyclesQueryOptions() {
  return queryOptions({
    queryKey: cyclesQueryKey,
    queryFn: ({ signal }) => getCycles(signal),
    // Newest first, whatever order the server sends.
    select: (data): Cycle[] => [...data.cycles].sort((a, b) => b.year - a.year),
  });
}

/** Every cycle with its stage (signed-in users), newest first. */
export function useCycles() {
  return useQuery(cyclesQueryOptions());
}
