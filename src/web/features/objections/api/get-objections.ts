import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { Objection } from '../../../types/index.js';
import { objectionsQueryKey } from './get-provisional-results.js';

export function getObjections(year: number, signal?: AbortSignal): Promise<{ objections: Objection[] }> {
  return apiFetch<{ objections: Objection[] }>(`/cycles/${year}/objections`, { signal });
}

export function objectionListQueryOptions(year: number) {
  return queryOptions({
    queryKey: [...objectionsQueryKey(year), 'list'],
    queryFn: ({ signal }) => getObjections(year, signal),
    select: (data) => data.objections,
    staleTime: 15_000,
  });
}

/** The cycle's objections with status and decision (a district sees its own). */
export function useObjections(year: number) {
  return useQuery(objectionListQueryOptions(year));
}
