import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ActivityRecord, RecordPage } from '../../../types/index.js';

/**
 * The records one step of a computation counted: the district's records of that type in the step's period, kept to
 * the ids the step names (one page of up to 500; a larger step says how many it counted).
 */
export async function getTraceRecords(
  code: string,
  type: string,
  period: { start: string; end: string },
  ids: number[],
  signal?: AbortSignal,
): Promise<ActivityRecord[]> {
  const query = new URLSearchParams({ type, from: period.start, to: period.end, limit: '500' });
  const page = await apiFetch<RecordPage>(`/districts/${encodeURIComponent(code)}/records?${query.toString()}`, { signal });
  const wanted = new Set(ids);
  return page.items.filter((r) => wanted.has(r.id));
}

export function traceRecordsQueryOptions(code: string, type: string, period: { start: string; end: string }, ids: number[]) {
  return queryOptions({
    queryKey: ['records', code, 'trace', type, period.start, period.end, ids.join(',')],
    queryFn: ({ signal }) => getTraceRecords(code, type, period, ids, signal),
    staleTime: 60_000,
  });
}

export function useTraceRecords(code: string, type: string, period: { start: string; end: string }, ids: number[], enabled: boolean) {
  return useQuery({ ...traceRecordsQueryOptions(code, type, period, ids), enabled });
}
