import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ItemComparison } from '../../../types/index.js';
import { verificationQueryKey } from './get-matrix.js';

export function getComparison(year: number, code: string, indicator: string, signal?: AbortSignal): Promise<ItemComparison> {
  return apiFetch<ItemComparison>(`/cycles/${year}/verification/${encodeURIComponent(code)}/${indicator}/compare`, { signal });
}

export function comparisonQueryOptions(year: number, code: string, indicator: string) {
  return queryOptions({
    queryKey: [...verificationQueryKey(year), 'compare', code, indicator],
    queryFn: ({ signal }) => getComparison(year, code, indicator, signal),
    staleTime: 10_000,
  });
}

/** One item with its computation and evidence, next to the district's last year and this year's peers. */
export function useComparison(year: number, code: string, indicator: string) {
  return useQuery(comparisonQueryOptions(year, code, indicator));
}
