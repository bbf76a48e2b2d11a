import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ActivityRecord, RecordInput } from '../../../types/index.js';
import { recordsQueryKey } from './get-records.js';

export function updateRecord(id: number, version: number, input: RecordInput): Promise<ActivityRecord> {
  return apiFetch<ActivityRecord>(`/records/${id}`, { method: 'PATCH', body: { version, ...input } });
}

/** Changes a record; a stale version is refused with 409 (`current` holds the record as stored now). */
export function useUpdateRecord(code: string, onChanged?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, input }: { id: number; version: number; input: RecordInput }) => updateRecord(id, version, input),
    onSuccess: async () => {
      onChanged?.();
      await queryClient.invalidateQueries({ queryKey: recordsQueryKey(code) });
    },
  });
}
