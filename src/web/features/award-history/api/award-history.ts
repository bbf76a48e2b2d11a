import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiUrl } from '../../../lib/api-client.js';
import { uploadFile } from '../../../lib/upload.js';
import type { AwardHistoryImportResult, AwardHistoryResponse } from '../../../types/index.js';

export const awardHistoryQueryKey = ['award-history'] as const;

export function awardHistoryQueryOptions() {
  return queryOptions({
    queryKey: awardHistoryQueryKey,
    queryFn: ({ signal }) => apiFetch<AwardHistoryResponse>('/award-history', { signal }),
    select: (data) => data.items,
  });
}

/** Imported award results of past years (city admin, auditor). */
export function useAwardHistory() {
  return useQuery(awardHistoryQueryOptions());
}

/** The CSV template to fill in (UTF-8 with BOM, one row per district). */
export const awardHistoryTemplateUrl = () => apiUrl('/award-history/template.csv');

/** Uploads a CSV or xlsx; all or nothing (a 400 lists every problem with its row and column). Refreshes the list. */
export function useImportAwardHistory() {
  const queryClient = useQueryClient();
  return async (file: File, source: string): Promise<AwardHistoryImportResult> => {
    const query = source.trim() === '' ? '' : `?source=${encodeURIComponent(source.trim())}`;
    const result = await uploadFile<AwardHistoryImportResult>(`/award-history/imports${query}`, file);
    await queryClient.invalidateQueries({ queryKey: awardHistoryQueryKey });
    return result;
  };
}
