import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { CycleStage } from '../../../types/index.js';
import { cycleQueryKey } from './get-cycle.js';

export function setDeadline(year: number, stage: CycleStage, dueAt: string): Promise<void> {
  return apiFetch<void>(`/cycles/${year}/deadlines/${stage}`, { method: 'PUT', body: { dueAt } });
}

/** Sets the deadline of one stage of the cycle. */
export function useSetDeadline(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ stage, dueAt }: { stage: CycleStage; dueAt: string }) => setDeadline(year, stage, dueAt),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cycleQueryKey(year) }),
  });
}
