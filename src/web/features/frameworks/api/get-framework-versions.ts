import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { FrameworkVersion } from '../../../types/index.js';
import { frameworkQueryKey } from './get-framework.js';

export function getFrameworkVersions(year: number, signal?: AbortSignal): Promise<{ versions: FrameworkVersion[] }> {
  return apiFetch<{ versions: FrameworkVersion[] }>(`/cycles/${year}/framework/versions`, { signal });
}

export function frameworkVersionsQueryOptions(year: number) {
  return queryOptions({
    queryKey: [...frameworkQueryKey(year), 'versions'],
    queryFn: ({ signal }) => getFrameworkVersions(year, signal),
    select: (data) => data.versions,
  });
}

/** Every version of a cycle's framework, newest first; idle until a year is known. */
export function useFrameworkVersions(year: number | undefined) {
  return useQuery({ ...frameworkVersionsQueryOptions(year ?? 0), enabled: year !== undefined });
}
