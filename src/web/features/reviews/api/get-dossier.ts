import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ReviewDossier } from '../../../types/index.js';
import { reviewsQueryKey } from './get-my-assignments.js';

export function getDossier(year: number, id: number, signal?: AbortSignal): Promise<ReviewDossier> {
  return apiFetch<ReviewDossier>(`/cycles/${year}/reviews/assignments/${id}/dossier`, { signal });
}

export function dossierQueryOptions(year: number, id: number, enabled: boolean) {
  return queryOptions({
    queryKey: [...reviewsQueryKey(year), 'dossier', id],
    queryFn: ({ signal }) => getDossier(year, id, signal),
    staleTime: 60_000,
    enabled,
  });
}

/** The district's submission, records, evidence and last year's result for one assignment (after the pledge). */
export function useDossier(year: number, id: number, enabled = true) {
  return useQuery(dossierQueryOptions(year, id, enabled));
}
