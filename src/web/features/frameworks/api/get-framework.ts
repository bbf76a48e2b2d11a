import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { Framework } from '../../../types/index.js';

export function getFramework(year: number, version?: number, signal?: AbortSignal): Promise<Framework> {
  const query = version === undefined ? '' : `?version=${version}`;
  return apiFetch<Framework>(`/cycles/${year}/framework${query}`, { signal });
}

export const frameworkQueryKey = (year: number) => ['frameworks', year] as const;

export function frameworkQueryOptions(year: number, version?: number) {
  return queryOptions({
    queryKey: [...frameworkQueryKey(year), version ?? 'current'],
    queryFn: ({ signal }) => getFramework(year, version, signal),
    // The editor keeps its own draft; a refetch in the background must not pull the form from under the admin.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A cycle's framework: the current version, or an earlier one. */
export function useFramework(year: number, version?: number) {
  return useQuery(frameworkQueryOptions(year, version));
}
