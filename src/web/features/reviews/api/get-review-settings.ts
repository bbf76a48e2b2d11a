import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ReviewSettings } from '../../../types/index.js';
import { reviewsQueryKey } from './get-my-assignments.js';

export function getReviewSettings(year: number, signal?: AbortSignal): Promise<ReviewSettings> {
  return apiFetch<ReviewSettings>(`/cycles/${year}/reviews/settings`, { signal });
}

export const reviewSettingsQueryKey = (year: number) => [...reviewsQueryKey(year), 'settings'] as const;

export function reviewSettingsQueryOptions(year: number) {
  return queryOptions({ queryKey: reviewSettingsQueryKey(year), queryFn: ({ signal }) => getReviewSettings(year, signal), staleTime: 15_000 });
}

/** The cycle's panel settings (blind to district). */
export function useReviewSettings(year: number) {
  return useQuery(reviewSettingsQueryOptions(year));
}
