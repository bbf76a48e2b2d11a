import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { uploadFile, type UploadProgress } from '../../../lib/upload.js';
import type { LevelWordsRequest, PopulationEditResponse, PopulationImportResponse, ReferenceDataResponse, UnitGroupsResponse } from '../../../types/index.js';

export const referenceDataQueryKey = ['reference-data'] as const;

/** The levels and their words, the units with level and groups, the populations per year and the missing ones. */
export function useReferenceData() {
  return useQuery({
    queryKey: referenceDataQueryKey,
    queryFn: ({ signal }) => apiFetch<ReferenceDataResponse>('/reference-data', { signal }),
  });
}

/** Uploads a population file (CSV or .xlsx); refused files come back as an ApiError listing every bad row. */
export function importPopulations(file: File, onProgress: (p: UploadProgress) => void, signal: AbortSignal): Promise<PopulationImportResponse> {
  return uploadFile<PopulationImportResponse>('/populations/import', file, { onProgress, signal });
}

/** Sets one unit's population of one year. */
export function useEditPopulation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, code, population }: { year: number; code: string; population: number }) =>
      apiFetch<PopulationEditResponse>(`/populations/${year}/${code}`, { method: 'PUT', body: { population } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: referenceDataQueryKey }),
  });
}

/**
 * Sets what a level's units are called. The app's texts read the words from the public unit list
 * (InstallationWordsLoader), so that list is read again too and every screen takes the new words at once.
 */
export function useSetLevelWords() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, words }: { kind: 'city' | 'district'; words: LevelWordsRequest }) =>
      apiFetch<void>(`/unit-levels/${kind}`, { method: 'PUT', body: words }),
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: referenceDataQueryKey }), queryClient.invalidateQueries({ queryKey: ['public', 'org-units'] })]),
  });
}

/** Sets a unit's peer groups (grouping → group); a grouping left out is removed. */
export function useSetUnitGroups() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, groups }: { code: string; groups: Record<string, string> }) =>
      apiFetch<UnitGroupsResponse>(`/org-units/${code}/groups`, { method: 'PUT', body: { groups } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: referenceDataQueryKey }),
  });
}
