import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { ApiError } from '../../../lib/problem-details.js';
import type { Framework, SaveFrameworkRequest } from '../../../types/index.js';
import { frameworkQueryKey, getFramework } from './get-framework.js';

/**
 * Saves the framework. `basedOn` is the version the editor started from: when the framework is frozen, every
 * version row starts again at rowVersion 1, so the server's rowVersion check cannot tell that someone else added a
 * version meanwhile. The current version is read first and a newer one is answered like the server's 409.
 */
export async function saveFramework(year: number, request: SaveFrameworkRequest, basedOn?: { version: number; frozen: boolean }): Promise<Framework> {
  if (basedOn?.frozen === true) {
    const current = await getFramework(year);
    if (current.version !== basedOn.version) {
      throw new ApiError({
        type: 'https://hopejobs.kr/problems/stale_version',
        title: '',
        status: 409,
        code: 'stale_version',
        errors: [],
        extensions: { current },
      });
    }
  }
  return apiFetch<Framework>(`/cycles/${year}/framework`, { method: 'PUT', body: request });
}

/**
 * Saves the framework (in place while a draft; as a new version with a reason once frozen). The answer becomes the
 * cached current version, so the editor continues from the server's rowVersion.
 */
export function useSaveFramework(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ request, basedOn }: { request: SaveFrameworkRequest; basedOn: { version: number; frozen: boolean } }) =>
      saveFramework(year, request, basedOn),
    onSuccess: async (saved) => {
      queryClient.setQueryData([...frameworkQueryKey(year), 'current'], saved);
      await queryClient.invalidateQueries({ queryKey: [...frameworkQueryKey(year), 'versions'] });
      await queryClient.invalidateQueries({ queryKey: ['frameworks', 'diff'] });
    },
  });
}
