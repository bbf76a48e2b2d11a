import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ReviewAssignment } from '../../../types/index.js';
import { reviewsQueryKey } from './get-my-assignments.js';

export function getAssignment(year: number, id: number, signal?: AbortSignal): Promise<ReviewAssignment> {
  return apiFetch<ReviewAssignment>(`/cycles/${year}/reviews/assignments/${id}`, { signal });
}

export const assignmentQueryKey = (year: number, id: number) => [...reviewsQueryKey(year), 'assignment', id] as const;

export function assignmentQueryOptions(year: number, id: number) {
  return queryOptions({
    queryKey: assignmentQueryKey(year, id),
    queryFn: ({ signal }) => getAssignment(year, id, signal),
    // The form keeps the reviewer's marks; a background refetch must not replace them.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useAssignment(year: number, id: number) {
  return useQuery(assignmentQueryOptions(year, id));
}
