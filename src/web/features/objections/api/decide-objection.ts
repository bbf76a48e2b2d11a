import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { DecideObjectionRequest, Objection } from '../../../types/index.js';
import { objectionsQueryKey } from './get-provisional-results.js';

export function decideObjection(id: number, request: DecideObjectionRequest): Promise<Objection> {
  return apiFetch<Objection>(`/objections/${id}/decide`, { method: 'POST', body: request });
}

/** The city accepts an objection with a corrected value (used by the final run) or rejects it with a reason. */
export function useDecideObjection(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, request }: { id: number; request: DecideObjectionRequest }) => decideObjection(id, request),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: objectionsQueryKey(year) });
      await queryClient.invalidateQueries({ queryKey: ['cycles', year] });
    },
  });
}
