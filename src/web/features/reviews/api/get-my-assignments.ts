import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { MyAssignments } from '../../../types/index.js';

export function getMyAssignments(year: number, signal?: AbortSignal): Promise<MyAssignments> {
  return apiFetch<MyAssignments>(`/cycles/${year}/reviews/mine`, { signal });
}

export const reviewsQueryKey = (year: number) => ['reviews', year] as const;

export function myAssignmentsQueryOptions(year: number, enabled = true) {
  return queryOptions({
    queryKey: [...reviewsQueryKey(year), 'mine'],
    queryFn: ({ signal }) => getMyAssignments(year, signal),
    staleTime: 15_000,
    enabled,
  });
}

/** The reviewer's own assignments with the rubric and their own scores (never other reviewers'). */
export function useMyAssignments(year: number, enabled = true) {
  return useQuery(myAssignmentsQueryOptions(year, enabled));
}
