import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { FrameworkDiff } from '../../../types/index.js';

/** One side of a comparison: a cycle's framework, its current version unless one is named. */
export interface FrameworkRef {
  year: number;
  version?: number;
}

function diffQuery(from: FrameworkRef, to: FrameworkRef): string {
  const params = new URLSearchParams({ from: String(from.year), to: String(to.year) });
  if (from.version !== undefined) params.set('fromVersion', String(from.version));
  if (to.version !== undefined) params.set('toVersion', String(to.version));
  return params.toString();
}

export function getFrameworkDiff(from: FrameworkRef, to: FrameworkRef, signal?: AbortSignal): Promise<FrameworkDiff> {
  return apiFetch<FrameworkDiff>(`/frameworks/diff?${diffQuery(from, to)}`, { signal });
}

export function frameworkDiffQueryOptions(from: FrameworkRef, to: FrameworkRef) {
  return queryOptions({
    queryKey: ['frameworks', 'diff', diffQuery(from, to)],
    queryFn: ({ signal }) => getFrameworkDiff(from, to, signal),
    placeholderData: keepPreviousData,
  });
}

/** What changed between two frameworks: indicators added, removed and changed, and points per field. */
export function useFrameworkDiff(from: FrameworkRef, to: FrameworkRef) {
  return useQuery(frameworkDiffQueryOptions(from, to));
}
