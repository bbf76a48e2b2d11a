import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { RecordType } from '../../../types/index.js';

export function getRecordTypes(signal?: AbortSignal): Promise<{ recordTypes: RecordType[] }> {
  return apiFetch<{ recordTypes: RecordType[] }>('/record-types', { signal });
}

export function recordTypesQueryOptions() {
  return queryOptions({
    queryKey: ['record-types'],
    queryFn: ({ signal }) => getRecordTypes(signal),
    select: (data) => [...data.recordTypes].sort((a, b) => a.sortOrder - b.sortOrder),
    staleTime: 10 * 60_000,
  });
}

/** The record types in use, with their field definitions, in the city's order. */
export function useRecordTypes() {
  return useQuery(recordTypesQueryOptions());
}
