import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiUrl } from '../../../lib/api-client.js';
import type { PressReleaseVersion, PublicationWorkspace, SavePressReleaseVersion } from '../../../types/index.js';

export const publicationQueryKey = (year: number) => ['publication', year] as const;

export function publicationQueryOptions(year: number) {
  return queryOptions({
    queryKey: publicationQueryKey(year),
    queryFn: ({ signal }) => apiFetch<PublicationWorkspace>(`/cycles/${year}/press-release/versions`, { signal }),
    // The editor starts from what was loaded: a refetch behind the editor's back must not replace the text being
    // edited. Someone else's save is found out on saving (409) and loaded on request.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** The publication workspace of a cycle: versions, the newest text (or a generated draft), whether one may edit. */
export function usePublicationWorkspace(year: number) {
  return useQuery(publicationQueryOptions(year));
}

/** One saved version, with its text (loaded when asked for). */
export function usePressReleaseVersion(year: number, version: number | null) {
  return useQuery({
    queryKey: ['publication', year, 'version', version],
    queryFn: ({ signal }) => apiFetch<PressReleaseVersion>(`/cycles/${year}/press-release/versions/${version}`, { signal }),
    enabled: version !== null,
    staleTime: Infinity,
  });
}

/** One saved version's text, read once (for a restore). */
export function fetchPressReleaseVersion(year: number, version: number): Promise<PressReleaseVersion> {
  return apiFetch<PressReleaseVersion>(`/cycles/${year}/press-release/versions/${version}`);
}

/** Loads the workspace again (after someone else's save): the editor then starts from the newest version. */
export function useReloadPublication(year: number) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: publicationQueryKey(year) });
}

/** Saves the text as a new version; the server refuses (409 stale_version) when another save came first. */
export function useSavePressRelease(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SavePressReleaseVersion) => apiFetch<PressReleaseVersion>(`/cycles/${year}/press-release/versions`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: publicationQueryKey(year) }),
  });
}

/** Download addresses of the press release (a version, or the newest) and of the 결과 보고. */
export const pressReleaseFileUrl = (year: number, format: 'pdf' | 'docx', version?: number) =>
  apiUrl(`/cycles/${year}/press-release.${format}${version === undefined ? '' : `?version=${version}`}`);
export const resultReportFileUrl = (year: number, format: 'pdf' | 'docx') => apiUrl(`/cycles/${year}/result-report.${format}`);
