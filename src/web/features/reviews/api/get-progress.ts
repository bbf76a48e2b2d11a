import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ReviewProgress } from '../../../types/index.js';
import { reviewsQueryKey } from './get-my-assignments.js';

export function getProgress(year: number, signal?: AbortSignal): Promise<ReviewProgress> {
  return apiFetch<ReviewProgress>(`/cycles/${year}/reviews/progress`, { signal });
}

export function progressQueryOptions(year: number) {
  return queryOptions({
    queryKey: [...reviewsQueryKey(year), 'progress'],
    queryFn: ({ signal }) => getProgress(year, signal),
    staleTime: 15_000,
  });
}

/** Assigned and submitted counts per item and reviewer loads (no scores): city admin and auditor. */
export function useProgress(year: number) {
  return useQuery(progressQueryOptions(year));
}
