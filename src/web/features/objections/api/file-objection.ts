import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { FileObjectionRequest, Objection } from '../../../types/index.js';
import { objectionsQueryKey } from './get-provisional-results.js';

export function fileObjection(year: number, request: FileObjectionRequest): Promise<Objection> {
  return apiFetch<Objection>(`/cycles/${year}/objections`, { method: 'POST', body: request });
}

/** Files an objection to one indicator of the district's provisional result, before the deadline. */
export function useFileObjection(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: FileObjectionRequest) => fileObjection(year, request),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: objectionsQueryKey(year) });
      await queryClient.invalidateQueries({ queryKey: ['cycles', year] });
    },
  });
}
