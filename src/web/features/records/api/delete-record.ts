import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { recordsQueryKey } from './get-records.js';

export function deleteRecord(id: number, version: number): Promise<void> {
  return apiFetch<void>(`/records/${id}?version=${version}`, { method: 'DELETE' });
}

export function useDeleteRecord(code: string, onChanged?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) => deleteRecord(id, version),
    onSettled: async () => {
      onChanged?.();
      await queryClient.invalidateQueries({ queryKey: recordsQueryKey(code) });
    },
  });
}
