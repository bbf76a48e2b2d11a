import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ReviewSettings } from '../../../types/index.js';
import { reviewSettingsQueryKey } from './get-review-settings.js';

export function setReviewSettings(year: number, input: { blind: boolean; version: number }): Promise<ReviewSettings> {
  return apiFetch<ReviewSettings>(`/cycles/${year}/reviews/settings`, { method: 'PUT', body: input });
}

/** Sets the blind setting before the review stage (409 `stale_version` when changed elsewhere). */
export function useSetReviewSettings(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { blind: boolean; version: number }) => setReviewSettings(year, input),
    onSuccess: (settings) => queryClient.setQueryData(reviewSettingsQueryKey(year), settings),
  });
}
