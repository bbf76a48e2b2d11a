import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { Framework } from '../../../types/index.js';
import { frameworkQueryKey } from './get-framework.js';

export interface CopyFrameworkRequest {
  fromYear: number;
  reason?: string | null;
}

export function copyFramework(year: number, request: CopyFrameworkRequest): Promise<Framework> {
  return apiFetch<Framework>(`/cycles/${year}/framework/copy`, { method: 'POST', body: request });
}

/** Replaces the cycle's framework with another year's (a new version with a reason once frozen). */
export function useCopyFramework(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CopyFrameworkRequest) => copyFramework(year, request),
    onSuccess: async (copied) => {
      queryClient.setQueryData([...frameworkQueryKey(year), 'current'], copied);
      await queryClient.invalidateQueries({ queryKey: [...frameworkQueryKey(year), 'versions'] });
      await queryClient.invalidateQueries({ queryKey: ['frameworks', 'diff'] });
    },
  });
}
