import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ObjectionSettings, ObjectionSettingsRequest } from '../../../types/index.js';
import { objectionsQueryKey } from './get-provisional-results.js';

export function getObjectionSettings(year: number, signal?: AbortSignal): Promise<ObjectionSettings> {
  return apiFetch<ObjectionSettings>(`/cycles/${year}/objection-settings`, { signal });
}

export function objectionSettingsQueryOptions(year: number) {
  return queryOptions({ queryKey: [...objectionsQueryKey(year), 'settings'], queryFn: ({ signal }) => getObjectionSettings(year, signal), staleTime: 30_000 });
}

/** The cycle's objection deadlines and deciding committee. */
export function useObjectionSettings(year: number) {
  return useQuery(objectionSettingsQueryOptions(year));
}

/** The city admin sets the deadlines and the committee. */
export function useSetObjectionSettings(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ObjectionSettingsRequest) => apiFetch<ObjectionSettings>(`/cycles/${year}/objection-settings`, { method: 'PUT', body: request }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: objectionsQueryKey(year) });
    },
  });
}
