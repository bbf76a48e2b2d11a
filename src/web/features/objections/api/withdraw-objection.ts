import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { Objection } from '../../../types/index.js';
import { objectionsQueryKey } from './get-provisional-results.js';

export function withdrawObjection(id: number, version: number): Promise<Objection> {
  return apiFetch<Objection>(`/objections/${id}/withdraw`, { method: 'POST', body: { version } });
}

export function useWithdrawObjection(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) => withdrawObjection(id, version),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: objectionsQueryKey(year) }),
  });
}
