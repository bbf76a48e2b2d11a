import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ImportView } from '../../../types/index.js';
import { isActiveImport } from './get-imports.js';

export function getImport(id: number, signal?: AbortSignal): Promise<ImportView> {
  return apiFetch<ImportView>(`/imports/${id}`, { signal });
}

export function importQueryOptions(id: number) {
  return queryOptions({
    queryKey: ['imports', 'one', id],
    queryFn: ({ signal }) => getImport(id, signal),
    refetchInterval: (query) => (query.state.data === undefined || isActiveImport(query.state.data) ? 1_000 : false),
  });
}

/** One import, polled every second while its background job runs. */
export function useImport(id: number | null) {
  return useQuery({ ...importQueryOptions(id ?? 0), enabled: id !== null });
}
