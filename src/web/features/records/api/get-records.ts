import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { RecordPage } from '../../../types/index.js';

const pageSize = 100;

export function getRecords(code: string, type: string, year: number, cursor: string | null, signal?: AbortSignal): Promise<RecordPage> {
  const query = new URLSearchParams({ type, cycle: String(year), limit: String(pageSize) });
  if (cursor !== null) query.set('cursor', cursor);
  return apiFetch<RecordPage>(`/districts/${encodeURIComponent(code)}/records?${query.toString()}`, { signal });
}

export const recordsQueryKey = (code: string) => ['records', code] as const;

export function recordsQueryOptions(code: string, type: string, year: number) {
  return infiniteQueryOptions({
    queryKey: [...recordsQueryKey(code), type, year],
    queryFn: ({ pageParam, signal }) => getRecords(code, type, year, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 30_000,
  });
}

/** A district's records of one type in the cycle's data period, newest first, a page at a time. */
export function useRecords(code: string, type: string, year: number) {
  return useInfiniteQuery(recordsQueryOptions(code, type, year));
}
