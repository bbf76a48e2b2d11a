import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ReviewDeclarations } from '../../../types/index.js';
import { reviewsQueryKey } from './get-my-assignments.js';

export function getDeclarations(year: number, signal?: AbortSignal): Promise<ReviewDeclarations> {
  return apiFetch<ReviewDeclarations>(`/cycles/${year}/reviews/declarations`, { signal });
}

export function declarationsQueryOptions(year: number) {
  return queryOptions({ queryKey: [...reviewsQueryKey(year), 'declarations'], queryFn: ({ signal }) => getDeclarations(year, signal), staleTime: 15_000 });
}

/** Every reviewer's pledge and declared conflicts (city admin, auditor). */
export function useDeclarations(year: number) {
  return useQuery(declarationsQueryOptions(year));
}
