import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { ActivityRecord, RecordInput } from '../../../types/index.js';
import { recordsQueryKey } from './get-records.js';

export function createRecord(code: string, recordType: string, input: RecordInput): Promise<ActivityRecord> {
  return apiFetch<ActivityRecord>(`/districts/${encodeURIComponent(code)}/records`, { method: 'POST', body: { recordType, ...input } });
}

export function useCreateRecord(code: string, onChanged?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ recordType, input }: { recordType: string; input: RecordInput }) => createRecord(code, recordType, input),
    onSuccess: async () => {
      onChanged?.();
      await queryClient.invalidateQueries({ queryKey: recordsQueryKey(code) });
    },
  });
}
