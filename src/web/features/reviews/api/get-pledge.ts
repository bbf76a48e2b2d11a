import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { MyPledge } from '../../../types/index.js';
import { reviewsQueryKey } from './get-my-assignments.js';

export function getPledge(year: number, signal?: AbortSignal): Promise<MyPledge> {
  return apiFetch<MyPledge>(`/cycles/${year}/reviews/pledge`, { signal });
}

export const pledgeQueryKey = (year: number) => [...reviewsQueryKey(year), 'pledge'] as const;

export function pledgeQueryOptions(year: number) {
  return queryOptions({ queryKey: pledgeQueryKey(year), queryFn: ({ signal }) => getPledge(year, signal), staleTime: 30_000 });
}

/** The reviewer's pledge and declared conflicts for the cycle. */
export function usePledge(year: number) {
  return useQuery(pledgeQueryOptions(year));
}
