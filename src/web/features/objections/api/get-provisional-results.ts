import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { ProvisionalResults } from '../../../types/index.js';

/** The latest provisional run, or null while there is none to show yet (409 `not_yet`). */
export async function getProvisionalResults(year: number, signal?: AbortSignal): Promise<ProvisionalResults | null> {
  try {
    return await apiFetch<ProvisionalResults>(`/cycles/${year}/provisional-results`, { signal });
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'not_yet' || error.status === 404)) return null;
    throw error;
  }
}

export const objectionsQueryKey = (year: number) => ['objections', year] as const;

export function provisionalResultsQueryOptions(year: number) {
  return queryOptions({
    queryKey: [...objectionsQueryKey(year), 'provisional'],
    queryFn: ({ signal }) => getProvisionalResults(year, signal),
    staleTime: 30_000,
  });
}

/** Every district's provisional score and rank; full scorecards of the reader's own district (all for the city). */
export function useProvisionalResults(year: number) {
  return useQuery(provisionalResultsQueryOptions(year));
}
