import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { Objection, ReplyObjectionRequest } from '../../../types/index.js';
import { objectionsQueryKey } from './get-provisional-results.js';

export function replyToObjection(id: number, request: ReplyObjectionRequest): Promise<Objection> {
  return apiFetch<Objection>(`/objections/${id}/reply`, { method: 'POST', body: request });
}

/** The contested district answers an objection another district filed, within the reply window. */
export function useReplyToObjection(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, request }: { id: number; request: ReplyObjectionRequest }) => replyToObjection(id, request),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: objectionsQueryKey(year) });
    },
  });
}
