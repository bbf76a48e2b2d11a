import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ReviewFeedback } from '../../../types/index.js';

export function getFeedback(year: number, code: string, signal?: AbortSignal): Promise<ReviewFeedback> {
  return apiFetch<ReviewFeedback>(`/cycles/${year}/districts/${encodeURIComponent(code)}/review-feedback`, { signal });
}

export function feedbackQueryOptions(year: number, code: string) {
  return queryOptions({ queryKey: ['review-feedback', year, code], queryFn: ({ signal }) => getFeedback(year, code, signal), staleTime: 60_000, retry: false });
}

/** The panel's comments on the district's items, once the final results are out (409 before). */
export function useFeedback(year: number, code: string) {
  return useQuery(feedbackQueryOptions(year, code));
}
