import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { SubmissionItem } from '../../../types/index.js';
import { storeSubmissionItem } from './get-submissions.js';

export interface SaveSubmissionInput {
  version: number;
  /** Direct entry: the value; a formula indicator: a number overrides the computed value, null returns to it. */
  value?: number | null;
  comment?: string | null;
}

export function saveSubmission(year: number, code: string, indicator: string, input: SaveSubmissionInput): Promise<SubmissionItem> {
  return apiFetch<SubmissionItem>(`/cycles/${year}/districts/${encodeURIComponent(code)}/submissions/${indicator}`, { method: 'PUT', body: input });
}

/** Saves an item as a draft (409 `stale_version` when someone saved first; `current` holds the item as it is now). */
export function useSaveSubmission(year: number, code: string, indicator: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveSubmissionInput) => saveSubmission(year, code, indicator, input),
    onSuccess: (item) => storeSubmissionItem(queryClient, year, code, item),
  });
}
