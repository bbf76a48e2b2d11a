import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { Cycle, TransitionRequest } from '../../../types/index.js';
import { cyclesQueryKey } from './get-cycles.js';

export function transitionCycle(year: number, request: TransitionRequest): Promise<Cycle> {
  return apiFetch<Cycle>(`/cycles/${year}/transition`, { method: 'POST', body: request });
}

/**
 * Moves the cycle one stage forward. Whatever the answer (moved, blocked, someone else moved it first), the cycle is
 * read again, so that the stepper and the blockers show the server's state.
 */
export function useTransitionCycle(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: TransitionRequest) => transitionCycle(year, request),
    onSettled: () => queryClient.invalidateQueries({ queryKey: cyclesQueryKey }),
  });
}
