import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { Scorecard } from '../../../types/index.js';

export function getScorecard(year: number, code: string, signal?: AbortSignal): Promise<Scorecard> {
  return apiFetch<Scorecard>(`/public/cycles/${year}/districts/${encodeURIComponent(code)}/scorecard`, { signal });
}

export function scorecardQueryOptions(year: number, code: string) {
  return queryOptions({
    queryKey: ['public', 'cycles', year, 'districts', code, 'scorecard'],
    queryFn: ({ signal }) => getScorecard(year, code, signal),
  });
}

export function useScorecard(year: number, code: string) {
  return useQuery(scorecardQueryOptions(year, code));
}
