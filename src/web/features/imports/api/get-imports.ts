import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ImportPage, ImportView } from '../../../types/index.js';

export const activeImportStatuses = new Set(['queued', 'validating', 'running']);
export const isActiveImport = (item: Pick<ImportView, 'status'>) => activeImportStatuses.has(item.status);

export function getImports(code: string, year: number, signal?: AbortSignal): Promise<ImportPage> {
  return apiFetch<ImportPage>(`/districts/${encodeURIComponent(code)}/imports?cycle=${year}&limit=20`, { signal });
}

export const importsQueryKey = (code: string) => ['imports', code] as const;

export function importsQueryOptions(code: string, year: number) {
  return queryOptions({
    queryKey: [...importsQueryKey(code), year],
    queryFn: ({ signal }) => getImports(code, year, signal),
    staleTime: 10_000,
    // Background imports keep running when the user leaves; while one runs, the list follows it.
    refetchInterval: (query) => (query.state.data?.items.some(isActiveImport) === true ? 2_000 : false),
  });
}

/** The district's recent imports for the cycle, newest first, with the progress of those still running. */
export function useImports(code: string, year: number) {
  return useQuery(importsQueryOptions(code, year));
}
