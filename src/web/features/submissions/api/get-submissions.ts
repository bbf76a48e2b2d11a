import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { DistrictSubmissions, SubmissionItem } from '../../../types/index.js';

export function getSubmissions(year: number, code: string, signal?: AbortSignal): Promise<DistrictSubmissions> {
  return apiFetch<DistrictSubmissions>(`/cycles/${year}/districts/${encodeURIComponent(code)}/submissions`, { signal });
}

export const submissionsQueryKey = (year: number, code: string) => ['submissions', year, code] as const;

export function submissionsQueryOptions(year: number, code: string) {
  return queryOptions({
    queryKey: submissionsQueryKey(year, code),
    queryFn: ({ signal }) => getSubmissions(year, code, signal),
    staleTime: 15_000,
  });
}

/** Every indicator of the cycle for one district: value, live computed preview, evidence, status, flags, blockers. */
export function useSubmissions(year: number, code: string) {
  return useQuery(submissionsQueryOptions(year, code));
}

/**
 * Puts one item as the server returned it into the district's list at once (so the next change carries its new
 * version), then refreshes the list for the totals.
 */
export async function storeSubmissionItem(queryClient: QueryClient, year: number, code: string, item: SubmissionItem): Promise<void> {
  queryClient.setQueryData<DistrictSubmissions>(submissionsQueryKey(year, code), (list) =>
    list === undefined ? list : { ...list, items: list.items.map((x) => (x.indicator.code === item.indicator.code ? item : x)) },
  );
  await queryClient.invalidateQueries({ queryKey: submissionsQueryKey(year, code) });
  // The city's dashboard and matrix count statuses too.
  await queryClient.invalidateQueries({ queryKey: ['cycles', year] });
}
