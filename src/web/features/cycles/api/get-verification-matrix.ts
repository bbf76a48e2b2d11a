import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { VerificationMatrix } from '../../../types/index.js';

/**
 * The districts × indicators progress matrix, or null while the server does not offer it (404: an older server, or
 * a cycle without a framework), so that the dashboard falls back to the plain counts.
 */
export async function getVerificationMatrix(year: number, signal?: AbortSignal): Promise<VerificationMatrix | null> {
  try {
    return await apiFetch<VerificationMatrix>(`/cycles/${year}/verification`, { signal });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return null;
    throw error;
  }
}

export function verificationMatrixQueryOptions(year: number) {
  return queryOptions({
    queryKey: ['cycles', year, 'verification'],
    queryFn: ({ signal }) => getVerificationMatrix(year, signal),
    staleTime: 15_000,
  });
}

export function useVerificationMatrix(year: number) {
  return useQuery(verificationMatrixQueryOptions(year));
}
