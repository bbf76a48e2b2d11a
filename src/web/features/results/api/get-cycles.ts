import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { PublicCyclesResponse } from '../../../types/index.js';

export function getCycles(signal?: AbortSignal): Promise<PublicCyclesResponse> {
  return apiFetch<PublicCyclesResponse>('/public/cycles', { signal });
}

export function cyclesQueryOptions() {
  return queryOptions({
    queryKey: ['public', 'cycles'],
    queryFn: ({ signal }) => getCycles(signal),
    // Newest first, whatever order the server sends.
    select: (data) => [...data.cycles].sort((a, b) => b.year - a.year),
  });
}

/** Published cycles, newest first. */
export function useCycles() {
  return useQuery(cyclesQueryOptions());
}
