import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { ReviewResults } from '../../../types/index.js';
import { reviewsQueryKey } from './get-my-assignments.js';

/** The panel's scores once the round is closed; null while it is open (409). */
export async function getResults(year: number, signal?: AbortSignal): Promise<ReviewResults | null> {
  try {
    return await apiFetch<ReviewResults>(`/cycles/${year}/reviews/results`, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return null;
    throw error;
  }
}

export function resultsQueryOptions(year: number) {
  return queryOptions({
    queryKey: [...reviewsQueryKey(year), 'results'],
    queryFn: ({ signal }) => getResults(year, signal),
    staleTime: 60_000,
  });
}

/** Trimmed-mean panel scores per item and each reviewer's deviation flags (city admin and auditor). */
export function useResults(year: number, enabled: boolean) {
  return useQuery({ ...resultsQueryOptions(year), enabled });
}
