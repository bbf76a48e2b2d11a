import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch, apiUrl } from '../../../lib/api-client.js';
import type { AuditFilters, AuditPage } from '../../../types/index.js';

const pageSize = 50;

/** The filters as URL parameters (empty ones left out); shared by the list and the CSV export. */
export function auditSearchParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value.trim() !== '') params.set(key, value.trim());
  }
  return params;
}

export function getAuditPage(filters: AuditFilters, cursor: number | undefined, signal?: AbortSignal): Promise<AuditPage> {
  const params = auditSearchParams(filters);
  params.set('limit', String(pageSize));
  if (cursor !== undefined) params.set('cursor', String(cursor));
  return apiFetch<AuditPage>(`/audit?${params.toString()}`, { signal });
}

export function auditLogQueryOptions(filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: ['audit', 'log', auditSearchParams(filters).toString()],
    queryFn: ({ pageParam, signal }) => getAuditPage(filters, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
}

/** The audit log, newest first, page by page ("load more" follows the server's cursor). */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery(auditLogQueryOptions(filters));
}

/** The CSV export of the same filtered log (city admin and auditor). */
export function auditCsvUrl(filters: AuditFilters): string {
  const query = auditSearchParams(filters).toString();
  return apiUrl(`/audit.csv${query === '' ? '' : `?${query}`}`);
}
