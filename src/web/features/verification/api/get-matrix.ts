import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { VerificationMatrix } from '../../../types/index.js';

export function getMatrix(year: number, signal?: AbortSignal): Promise<VerificationMatrix> {
  return apiFetch<VerificationMatrix>(`/cycles/${year}/verification`, { signal });
}

export const verificationQueryKey = (year: number) => ['verification', year] as const;

export function matrixQueryOptions(year: number) {
  return queryOptions({
    queryKey: [...verificationQueryKey(year), 'matrix'],
    queryFn: ({ signal }) => getMatrix(year, signal),
    staleTime: 15_000,
  });
}

/** Districts × indicators with status, value, outlier flags and late marks (city admin and auditor). */
export function useMatrix(year: number) {
  return useQuery(matrixQueryOptions(year));
}
