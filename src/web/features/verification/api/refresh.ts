import type { QueryClient } from '@tanstack/react-query';
import { verificationQueryKey } from './get-matrix.js';

/** After a decision: the matrix, the panel, the dashboard counts and the district's own list all change. */
export async function refreshAfterDecision(queryClient: QueryClient, year: number): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: verificationQueryKey(year) }),
    queryClient.invalidateQueries({ queryKey: ['cycles', year] }),
    queryClient.invalidateQueries({ queryKey: ['submissions', year] }),
  ]);
}
