import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { MyPledge } from '../../../types/index.js';
import { pledgeQueryKey } from './get-pledge.js';
import { reviewsQueryKey } from './get-my-assignments.js';

export function signPledge(year: number, signedName: string): Promise<MyPledge> {
  return apiFetch<MyPledge>(`/cycles/${year}/reviews/pledge`, { method: 'POST', body: { agree: true, signedName } });
}

/** Signs the cycle's pledge; the dossier and scoring open afterwards. */
export function useSignPledge(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (signedName: string) => signPledge(year, signedName),
    onSuccess: async (pledge) => {
      queryClient.setQueryData(pledgeQueryKey(year), pledge);
      await queryClient.invalidateQueries({ queryKey: reviewsQueryKey(year) });
    },
  });
}
