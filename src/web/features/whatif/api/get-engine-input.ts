import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { PublishedEngineInput } from '../../../types/index.js';

export function getEngineInput(year: number, signal?: AbortSignal): Promise<PublishedEngineInput> {
  return apiFetch<PublishedEngineInput>(`/public/cycles/${year}/engine-input`, { signal });
}

export function engineInputQueryOptions(year: number) {
  return queryOptions({
    queryKey: ['public', 'cycles', year, 'engine-input'],
    queryFn: ({ signal }) => getEngineInput(year, signal),
    staleTime: 10 * 60_000,
  });
}

/** The published run's input in the engine's own form, for re-scoring in the browser; idle until a year is known. */
export function useEngineInput(year: number | undefined) {
  return useQuery({ ...engineInputQueryOptions(year ?? 0), enabled: year !== undefined });
}
