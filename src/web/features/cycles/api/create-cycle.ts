import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { CreateCycleRequest, Cycle } from '../../../types/index.js';
import { cyclesQueryKey } from './get-cycles.js';

export function createCycle(request: CreateCycleRequest): Promise<Cycle> {
  return apiFetch<Cycle>('/cycles', { method: 'POST', body: request });
}

/** Creates a draft cycle, its framework copied from another year (or the shipped one). */
export function useCreateCycle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCycle,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cyclesQueryKey }),
  });
}
