import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import type { Framework, SaveFrameworkRequest } from '../../../types/api.js';
import { frameworkQueryKey } from './get-framework.js';

export function saveFramework(year: number, request: SaveFrameworkRequest): Promise<Framework> {
  return apiFetch<Framework>(`/cycles/${year}/framework`, { method: 'PUT', body: request });
}

/**
 * Saves the framework (in place while a draft; as a new version with a reason once frozen). The answer becomes the
 * cached current version, so the editor continues from the server's rowVersion.
 */
export function useSaveFramework(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveFrameworkRequest) => saveFramework(year, request),
    onSuccess: async (saved) => {
      queryClient.setQueryData([...frameworkQueryKey(year), 'current'], saved);
      await queryClient.invalidateQueries({ queryKey: [...frameworkQueryKey(year), 'versions'] });
      await queryClient.invalidateQueries({ queryKey: ['frameworks', 'diff'] });
    },
  });
}
